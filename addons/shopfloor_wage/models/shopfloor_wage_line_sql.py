"""The SQL statements of shopfloor.wage.line (models/shopfloor_wage_line.py runs them).

The wage lines of a period are computed in bulk: the scan reports and time logs are
aggregated in SQL, and the lines are archived and inserted with one statement each, so
``create()``/``write()`` overrides of shopfloor.wage.line do not fire for computed lines.
No ORM here: plain builders of :class:`odoo.tools.SQL` objects.
"""

from odoo.tools import SQL

# the key of an active computed line: one per employee, work order, day worked and
# day paid (a locked line and its adjustments differ by the day paid)
LINE_KEY = ("employee_id", "workorder_id", "work_date", "date")
LINE_KEY_WHERE = "active AND kind IN ('piece', 'hour')"
# The quantities and amounts a line carries; a correction after a lock is their difference.
VALUE_FIELDS = (
    "amount",
    "qty_good",
    "qty_scrap_operator",
    "qty_scrap_material",
    "minutes",
    "overtime_minutes",
)
# the columns of a computed line written by bulk_insert(), with their SQL types
INSERT_COLUMNS = {
    "employee_id": "int4",
    "team_leader_id": "int4",
    "date": "date",
    "work_date": "date",
    "workorder_id": "int4",
    "production_id": "int4",
    "rule_id": "int4",
    "kind": "varchar",
    "rate": "numeric",
    "is_adjustment": "bool",
    **dict.fromkeys(VALUE_FIELDS, "numeric"),
}
ARRAY_CASTS = {
    "int4": "%s::int4[]",
    "date": "%s::date[]",
    "varchar": "%s::varchar[]",
    "numeric": "%s::numeric[]",
    "bool": "%s::bool[]",
}


def pg_array_literal(values):
    """One PostgreSQL array literal (``{1,NULL,3}``) for a column of values: parsed
    at once by the server, much faster than an ARRAY[...] of parameters."""
    items = []
    for value in values:
        if value is None:
            items.append("NULL")
        elif isinstance(value, bool):
            items.append("t" if value else "f")
        elif isinstance(value, str):
            items.append('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            items.append(str(value))
    return "{" + ",".join(items) + "}"


# ----------------------------------------------------------------------------------
# The unique index of the line key
# ----------------------------------------------------------------------------------
def index_exists(index):
    return SQL("SELECT 1 FROM pg_indexes WHERE indexname = %s", index)


def key_duplicates():
    """Active computed lines that repeat a key (all but the oldest line of each key)."""
    return SQL(
        """SELECT id, employee_id, date, company_id FROM (
               SELECT id, employee_id, date, company_id, row_number() OVER (
                   PARTITION BY employee_id, workorder_id, work_date, date ORDER BY id
               ) AS n FROM shopfloor_wage_line WHERE %s) d
            WHERE n > 1""",
        SQL(LINE_KEY_WHERE),
    )


def statement_table_exists():
    return SQL("SELECT to_regclass('shopfloor_wage_statement_employee_rel')")


def lines_in_locked_statements(line_ids):
    return SQL(
        """SELECT l.id FROM shopfloor_wage_line l
             JOIN shopfloor_wage_statement_employee_rel rel
               ON rel.employee_id = l.employee_id
             JOIN shopfloor_wage_statement s ON s.id = rel.statement_id
            WHERE s.state = 'locked' AND s.company_id = l.company_id
              AND l.date BETWEEN s.date_from AND s.date_to
              AND l.id = ANY(%s)""",
        line_ids,
    )


def archive_lines(line_ids, uid=None):
    """Archive lines (kept as history); with ``uid``, stamped as written by it."""
    if uid is None:
        return SQL("UPDATE shopfloor_wage_line SET active = FALSE WHERE id = ANY(%s)", line_ids)
    return SQL(
        """UPDATE shopfloor_wage_line
              SET active = FALSE, write_date = now() AT TIME ZONE 'UTC', write_uid = %s
            WHERE id = ANY(%s)""",
        uid,
        line_ids,
    )


def create_key_index(index):
    return SQL(
        "CREATE UNIQUE INDEX %s ON shopfloor_wage_line (%s) WHERE %s",
        SQL.identifier(index),
        SQL(", ").join(SQL.identifier(f) for f in LINE_KEY),
        SQL(LINE_KEY_WHERE),
    )


# ----------------------------------------------------------------------------------
# Reading what was done and what was paid
# ----------------------------------------------------------------------------------
def locked_ranges(company_id):
    """``(employee, date_from, date_to)`` of the company's locked statements."""
    return SQL(
        """SELECT rel.employee_id, s.date_from, s.date_to
             FROM shopfloor_wage_statement s
             JOIN shopfloor_wage_statement_employee_rel rel ON rel.statement_id = s.id
            WHERE s.state = 'locked' AND s.company_id = %s""",
        company_id,
    )


def where(alias, company_id, bounds, wo_ids, date_column):
    """Rows of ``alias`` of the company, in the UTC ``bounds`` of ``date_column`` (if
    given) and on the work orders ``wo_ids`` (if not None)."""
    clauses = [SQL("%s.company_id = %s", SQL.identifier(alias), company_id)]
    if bounds:
        clauses.append(
            SQL(
                "%s >= %s AND %s < %s",
                SQL.identifier(alias, date_column),
                bounds[0],
                SQL.identifier(alias, date_column),
                bounds[1],
            )
        )
    if wo_ids is not None:
        clauses.append(SQL("%s = ANY(%s)", SQL.identifier(alias, "workorder_id"), wo_ids))
    return SQL(" AND ").join(clauses)


def quantities(tz_name, condition):
    """Good, operator scrap and material scrap reported per work order, employee and
    local day (the defect type's category decides operator or material scrap)."""
    return SQL(
        """SELECT r.workorder_id, r.employee_id,
                  (r.date AT TIME ZONE 'UTC' AT TIME ZONE %s)::date,
                  SUM(r.qty_good),
                  SUM(CASE WHEN d.category = 'operator' THEN r.qty_scrap ELSE 0 END),
                  SUM(CASE WHEN d.category = 'operator' THEN 0 ELSE r.qty_scrap END)
             FROM shopfloor_report r
        LEFT JOIN shopfloor_defect_type d ON d.id = r.defect_type_id
            WHERE r.state = 'done' AND %s
         GROUP BY 1, 2, 3""",
        tz_name,
        condition,
    )


def times(tz_name, condition):
    """The employees' productive time logs, with the local day each one starts."""
    return SQL(
        """SELECT p.workorder_id, p.employee_id,
                  (p.date_start AT TIME ZONE 'UTC' AT TIME ZONE %s)::date,
                  p.date_start, COALESCE(p.date_end, (now() AT TIME ZONE 'UTC'))
             FROM mrp_workcenter_productivity p
            WHERE p.employee_id IS NOT NULL AND p.workorder_id IS NOT NULL AND %s""",
        tz_name,
        condition,
    )


def workorders(wo_ids):
    """What the wage rules of a work order depend on, and its calendar."""
    return SQL(
        """SELECT wo.id, wo.operation_id, mp.product_id, wo.workcenter_id,
                  wo.production_id, wc.resource_calendar_id
             FROM mrp_workorder wo
             JOIN mrp_production mp ON mp.id = wo.production_id
             JOIN mrp_workcenter wc ON wc.id = wo.workcenter_id
            WHERE wo.id = ANY(%s)""",
        list(wo_ids),
    )


def existing_lines(company_id, date_from, date_to, wo_ids):
    """Active computed lines in scope: id, key and values (VALUE_FIELDS)."""
    clauses = [
        SQL("l.company_id = %s", company_id),
        SQL("l.active"),
        SQL("l.kind IN ('piece', 'hour')"),
    ]
    if date_from:
        clauses.append(SQL("l.work_date >= %s", date_from))
    if date_to:
        clauses.append(SQL("l.work_date <= %s", date_to))
    if wo_ids is not None:
        clauses.append(SQL("l.workorder_id = ANY(%s)", wo_ids))
    return SQL(
        """SELECT l.id, l.employee_id, l.workorder_id, l.work_date, l.date, %s
             FROM shopfloor_wage_line l WHERE %s""",
        SQL(", ").join(SQL.identifier("l", f) for f in VALUE_FIELDS),
        SQL(" AND ").join(clauses),
    )


# ----------------------------------------------------------------------------------
# Writing the computed lines
# ----------------------------------------------------------------------------------
def bulk_insert(company_id, uid, vals_list):
    """INSERT the computed lines in one statement (unnest of column arrays)."""
    arrays = [
        SQL(ARRAY_CASTS[sql_type], pg_array_literal(vals[col] for vals in vals_list))
        for col, sql_type in INSERT_COLUMNS.items()
    ]
    return SQL(
        """INSERT INTO shopfloor_wage_line
                (%s, active, company_id, create_uid, create_date, write_date)
           SELECT *, TRUE, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
             FROM unnest(%s)
           ON CONFLICT (%s) WHERE %s DO NOTHING""",
        SQL(", ").join(SQL.identifier(col) for col in INSERT_COLUMNS),
        company_id,
        uid,
        SQL(", ").join(arrays),
        # a line of the key made by a concurrent recompute this transaction
        # cannot see: PostgreSQL raises a serialization failure (repeatable
        # read), the request is retried on fresh data; never a duplicate
        SQL(", ").join(SQL.identifier(f) for f in LINE_KEY),
        SQL(LINE_KEY_WHERE),
    )
