import datetime
import logging
from collections import defaultdict

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import wages
from . import shopfloor_wage_line_sql as wage_sql
from .shopfloor_wage_line_sql import VALUE_FIELDS

_logger = logging.getLogger(__name__)

# advisory lock namespaces (first key of pg_advisory_xact_lock(int, int))
LOCK_WORKORDER = 0x5F57  # "_W": the wage lines of one work order
LOCK_COMPANY = 0x5F43  # "_C": all the wage lines of a company (period recompute, lock)


class ShopfloorWageLine(models.Model):
    """What one employee earned on one work order on one day.

    Lines are computed in bulk from the scan reports (quantities) and the employees'
    time logs (time) by :meth:`_sf_recompute`, which is idempotent: it compares what
    should be with what is, archives the open lines that changed (kept as history) and
    writes new ones. Lines of a locked period never change: the difference goes to the
    first open period as an adjustment line. Manual lines (dispute settlements) are
    never touched by the computation.
    """

    _name = "shopfloor.wage.line"
    _description = "Shop-floor Wage Line"
    _order = "date desc, employee_id, id desc"
    _rec_name = "workorder_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, readonly=True)
    team_leader_id = fields.Many2one(
        "hr.employee", "Team Leader", readonly=True, help="Employee's manager."
    )
    date = fields.Date(
        required=True, index=True, readonly=True, help="Day of the statement period it counts in."
    )
    work_date = fields.Date(required=True, readonly=True, help="Day the work was done.")
    workorder_id = fields.Many2one("mrp.workorder", index=True, readonly=True)
    production_id = fields.Many2one("mrp.production", readonly=True)
    # not stored: fewer foreign keys to check when the month's lines are written in bulk
    operation_id = fields.Many2one(related="workorder_id.operation_id")
    product_id = fields.Many2one(related="workorder_id.product_id")
    workcenter_id = fields.Many2one(related="workorder_id.workcenter_id")
    rule_id = fields.Many2one("shopfloor.wage.rule", readonly=True, ondelete="restrict")
    kind = fields.Selection(
        [("piece", "Piecework"), ("hour", "Time"), ("manual", "Manual")],
        required=True,
        readonly=True,
    )
    is_adjustment = fields.Boolean(
        "Adjustment",
        readonly=True,
        help="A correction of work done in a period that was already locked.",
    )
    qty_good = fields.Float("Good", digits="Product Unit of Measure", readonly=True)
    qty_scrap_operator = fields.Float(
        "Operator Scrap", digits="Product Unit of Measure", readonly=True
    )
    qty_scrap_material = fields.Float(
        "Material Scrap", digits="Product Unit of Measure", readonly=True
    )
    minutes = fields.Float(readonly=True)
    overtime_minutes = fields.Float("Overtime Minutes", readonly=True)
    rate = fields.Monetary(readonly=True)
    amount = fields.Monetary(readonly=True)
    note = fields.Char(readonly=True)
    active = fields.Boolean(default=True, readonly=True, help="Archived: replaced by a newer line.")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    dispute_ids = fields.One2many("shopfloor.wage.dispute", "line_id", string="Disputes")

    def init(self):
        """One active computed line per key (LINE_KEY, shopfloor_wage_line_sql.py): two
        recomputes of a work order at the same moment cannot both write it (the second one
        fails with a serialization error and Odoo retries its request, see bulk_insert)."""
        super().init()
        index = "shopfloor_wage_line_active_key_uniq"
        if self.env.execute_query(wage_sql.index_exists(index)):
            return
        # duplicates left by the race this index prevents: keep the oldest line of each
        # key; a duplicate in a locked (posted) period is money already paid twice: it is
        # left for a person to correct (manual line), and the index waits until then
        dupes = self.env.execute_query(wage_sql.key_duplicates())
        if not dupes:
            self._sf_create_key_index(index)
            return
        locked_ids = set()
        if self.env.execute_query(wage_sql.statement_table_exists())[0][0]:
            locked_ids = {
                row[0]
                for row in self.env.execute_query(
                    wage_sql.lines_in_locked_statements([row[0] for row in dupes])
                )
            }
        open_dupes = [row[0] for row in dupes if row[0] not in locked_ids]
        if open_dupes:
            _logger.warning("Archiving %s duplicate wage lines: %s", len(open_dupes), open_dupes)
            self.env.execute_query(wage_sql.archive_lines(open_dupes))
        if locked_ids:
            _logger.error(
                "Wage lines %s duplicate lines of locked statements (paid twice): correct "
                "them with manual lines, then update the module to create %s.",
                sorted(locked_ids),
                index,
            )
            return
        self._sf_create_key_index(index)

    def _sf_create_key_index(self, index):
        self.env.execute_query(wage_sql.create_key_index(index))

    @api.model
    def _sf_lock(self, company, wo_ids=None):
        """Serialise the recomputes (transaction-scoped advisory locks): one of a whole
        company's lines at a time, or of one work order's lines at a time (in id order:
        no deadlock between two recomputes of several work orders)."""
        if wo_ids is None:
            self.env.execute_query(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_COMPANY, company.id)
            )
            return
        self.env.execute_query(
            SQL("SELECT pg_advisory_xact_lock_shared(%s, %s)", LOCK_COMPANY, company.id)
        )
        for wo_id in sorted(set(wo_ids)):
            self.env.execute_query(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", LOCK_WORKORDER, wo_id)
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Wage lines cannot be deleted: they are the payroll's history."))

    # ------------------------------------------------------------------
    # Periods
    # ------------------------------------------------------------------
    @api.model
    def _sf_get_tz(self, company):
        """The company's time zone decides which day work counts for (not the user's:
        every user must compute the same lines)."""
        return pytz.timezone(
            company.partner_id.tz or company.resource_calendar_id.tz or "Asia/Shanghai"
        )

    @api.model
    def _sf_utc_bounds(self, company, date_from, date_to):
        """Naive UTC datetimes of the local days [date_from, date_to]."""
        tz = self._sf_get_tz(company)
        start = tz.localize(datetime.datetime.combine(date_from, datetime.time.min))
        end = tz.localize(datetime.datetime.combine(date_to, datetime.time.min))
        end += datetime.timedelta(days=1)
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
        )

    @api.model
    def _sf_get_locked_ranges(self, company):
        """``{employee_id: [(date_from, date_to)]}`` of the locked statements."""
        self.env["shopfloor.wage.statement"].flush_model()
        rows = self.env.execute_query(wage_sql.locked_ranges(company.id))
        ranges = defaultdict(list)
        for employee_id, date_from, date_to in rows:
            ranges[employee_id].append((date_from, date_to))
        return ranges

    @staticmethod
    def _sf_is_locked(ranges, day):
        return any(start <= day <= end for start, end in ranges)

    @staticmethod
    def _sf_first_open_day(ranges, day):
        """The first day on or after ``day`` outside the locked periods."""
        moved = True
        while moved:
            moved = False
            for start, end in ranges:
                if start <= day <= end:
                    day = end + datetime.timedelta(days=1)
                    moved = True
        return day

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    def _sf_recompute(self, company, date_from=None, date_to=None, workorders=None):
        """Bring the wage lines of ``company`` up to date for the work done on the local
        days [date_from, date_to] (all when not given), optionally only on ``workorders``.

        Aggregation is done in SQL, the wage maths on the aggregated rows (tools/wages.py),
        and the lines are written in bulk. Returns the number of new lines.
        """
        self.env.flush_all()
        tz = self._sf_get_tz(company)
        bounds = None
        if date_from or date_to:
            bounds = self._sf_utc_bounds(
                company,
                date_from or datetime.date(1970, 1, 1),
                date_to or datetime.date(2999, 1, 1),
            )
        wo_ids = list(workorders.ids) if workorders is not None else None
        if wo_ids is not None and not wo_ids:
            return 0
        self._sf_lock(company, wo_ids)
        existing = self._sf_read_existing(company, date_from, date_to, wo_ids)
        # sudo: wage rules are not readable by workers, whose reports recompute their pay
        rules = self.env["shopfloor.wage.rule"].sudo()._get_rule_dicts(company)
        if not rules and not existing:
            return 0  # nothing is paid and nothing was: no wage computation at all
        quantities = self._sf_read_quantities(company, tz, bounds, wo_ids)
        times = self._sf_read_times(company, tz, bounds, wo_ids)
        wo_info = self._sf_read_workorders({k[0] for k in quantities} | {k[0] for k in times})
        # sudo: piece rates and teams of the employees paid, read for the computation only
        employees = (
            self.env["hr.employee"]
            .sudo()
            .browse(  # wage grades and calendars: HR data
                {k[1] for k in quantities} | {k[1] for k in times}
            )
        )
        minutes = self._sf_time_by_day(company, tz, times, wo_info, employees)
        targets = self._sf_compute_targets(company, rules, quantities, minutes, wo_info, employees)
        return self._sf_apply(company, targets, existing, wo_info, employees)

    def _sf_where(self, alias, company, bounds, wo_ids, date_column):
        return wage_sql.where(alias, company.id, bounds, wo_ids, date_column)

    def _sf_read_quantities(self, company, tz, bounds, wo_ids):
        """``{(wo, employee, day): [good, operator scrap, material scrap]}``"""
        condition = self._sf_where("r", company, bounds, wo_ids, "date")
        rows = self.env.execute_query(wage_sql.quantities(tz.zone, condition))
        return {(wo, emp, day): [good, op, mat] for wo, emp, day, good, op, mat in rows}

    def _sf_read_times(self, company, tz, bounds, wo_ids):
        """``{(wo, employee): [(day, start, end)]}`` of the productive time logs (the
        local day a log starts is the day it counts for)."""
        condition = self._sf_where("p", company, bounds, wo_ids, "date_start")
        rows = self.env.execute_query(wage_sql.times(tz.zone, condition))
        times = defaultdict(list)
        for wo, emp, day, start, end in rows:
            if end > start:
                times[(wo, emp)].append((day, start, end))
        return times

    def _sf_read_workorders(self, wo_ids):
        if not wo_ids:
            return {}
        rows = self.env.execute_query(wage_sql.workorders(wo_ids))
        return {
            row[0]: {
                "operation_id": row[1],
                "product_id": row[2],
                "workcenter_id": row[3],
                "production_id": row[4],
                "calendar_id": row[5],
            }
            for row in rows
        }

    def _sf_time_by_day(self, company, tz, times, wo_info, employees):
        """``{(wo, employee, day): [minutes, overtime minutes]}``; overtime is the time
        outside the attendance of the employee's calendar (else the work center's)."""
        calendar_of_employee = {e.id: e.resource_calendar_id.id for e in employees}
        by_calendar = defaultdict(list)
        for (wo, emp), intervals in times.items():
            calendar_id = (
                calendar_of_employee.get(emp)
                or wo_info[wo]["calendar_id"]
                or company.resource_calendar_id.id
            )
            by_calendar[calendar_id].append((wo, emp, intervals))
        result = defaultdict(lambda: [0.0, 0.0])
        for calendar_id, items in by_calendar.items():
            attendance = self._sf_get_attendance(calendar_id, tz, items)
            for wo, emp, intervals in items:
                for day, start, end in intervals:
                    key = (wo, emp, day)
                    result[key][0] += (end - start).total_seconds() / 60.0
                    if attendance is not None:
                        result[key][1] += attendance.overtime_minutes(start, end)
        return result

    def _sf_get_attendance(self, calendar_id, tz, items):
        if not calendar_id:
            return None
        # sudo: the working calendar of a work center, read for the time-based pay
        calendar = self.env["resource.calendar"].sudo().browse(calendar_id)
        start = min(i[1] for _wo, _emp, intervals in items for i in intervals)
        end = max(i[2] for _wo, _emp, intervals in items for i in intervals)
        day = datetime.timedelta(days=1)
        found = calendar._attendance_intervals_batch(
            pytz.utc.localize(start - day), pytz.utc.localize(end + day), tz=tz
        )[False]
        return wages.Attendance(
            [
                (
                    a_start.astimezone(pytz.utc).replace(tzinfo=None),
                    a_end.astimezone(pytz.utc).replace(tzinfo=None),
                )
                for a_start, a_end, _att in found
            ]
        )

    def _sf_compute_targets(self, company, rules, quantities, minutes, wo_info, employees):
        """``{(employee, wo, day): vals}`` of what each line should be now."""
        grade = {e.id: e.shopfloor_wage_grade or False for e in employees}
        split_mode = company.shopfloor_wage_split or "time"
        groups = defaultdict(lambda: {"qty": {}, "time": {}})
        for (wo, emp, day), qty in quantities.items():
            groups[(wo, day)]["qty"][emp] = qty
        for (wo, emp, day), mins in minutes.items():
            groups[(wo, day)]["time"][emp] = mins
        rule_cache = {}

        def rule_for(wo, emp, day):
            info = wo_info[wo]
            ckey = (wo, grade.get(emp), day)
            if ckey not in rule_cache:
                rule_cache[ckey] = wages.select_rule(
                    rules,
                    info["operation_id"],
                    info["product_id"],
                    info["workcenter_id"],
                    grade.get(emp),
                    day,
                )
            return rule_cache[ckey]

        targets = {}
        for (wo, day), group in groups.items():
            qty_by_emp = self._sf_split_group(group, split_mode)
            rule_by_emp = {}
            for emp in set(qty_by_emp) | set(group["time"]):
                rule = rule_for(wo, emp, day)
                if rule:
                    rule_by_emp[emp] = rule
            # piece pay: the employees paid by one rule share its rounded total
            piece_pay = {}
            by_rule = defaultdict(dict)
            for emp, rule in rule_by_emp.items():
                if rule["rate_type"] == "piece":
                    by_rule[rule["id"]][emp] = qty_by_emp.get(emp, (0.0, 0.0, 0.0))
            for parts in by_rule.values():
                piece_pay.update(wages.piece_amounts(rule_by_emp[next(iter(parts))], parts))
            for emp, rule in rule_by_emp.items():
                good, op, mat = qty_by_emp.get(emp, (0.0, 0.0, 0.0))
                mins, overtime = group["time"].get(emp, (0.0, 0.0))
                if rule["rate_type"] == "piece":
                    amount = piece_pay[emp]
                else:
                    amount = wages.time_amount(rule, mins, overtime)
                targets[(emp, wo, day)] = {
                    "rule_id": rule["id"],
                    "kind": rule["rate_type"],
                    "rate": rule["rate"],
                    "amount": amount,
                    "qty_good": good,
                    "qty_scrap_operator": op,
                    "qty_scrap_material": mat,
                    "minutes": round(mins, 2),
                    "overtime_minutes": round(overtime, 2),
                }
        return targets

    @staticmethod
    def _sf_split_group(group, split_mode):
        """Quantities of a work order on a day per employee: split between those who
        worked on it (time share or equally), or kept with who reported them."""
        reported = group["qty"]
        shares = {}
        if split_mode != "reporter":
            shares = wages.split_shares({e: t[0] for e, t in group["time"].items()}, split_mode)
        if not shares:
            return {e: tuple(q) for e, q in reported.items()}
        totals = [sum(q[i] for q in reported.values()) for i in range(3)]
        parts = [wages.split_quantity(total, shares) for total in totals]
        return {e: (parts[0][e], parts[1][e], parts[2][e]) for e in shares}

    def _sf_read_existing(self, company, date_from, date_to, wo_ids):
        """Active computed lines in scope: ``{(employee, wo, work_date): [(id, date, values)]}``"""
        rows = self.env.execute_query(
            wage_sql.existing_lines(company.id, date_from, date_to, wo_ids)
        )
        existing = defaultdict(list)
        for row in rows:
            values = {f: float(v or 0.0) for f, v in zip(VALUE_FIELDS, row[5:], strict=True)}
            existing[(row[1], row[2], row[3])].append((row[0], row[4], values))
        return existing

    def _sf_apply(self, company, targets, existing, wo_info, employees):
        locked = self._sf_get_locked_ranges(company)
        leaders = {e.id: e.parent_id.id for e in employees}
        missing = {k[0] for k in existing} - set(leaders)
        if missing:
            # sudo: only the leader (parent) of employees paid, for the team bonus
            leaders.update(
                {e.id: e.parent_id.id for e in self.env["hr.employee"].sudo().browse(missing)}
            )
        to_archive = []
        to_create = []
        empty = dict.fromkeys(VALUE_FIELDS, 0.0)
        for key in set(targets) | set(existing):
            emp, wo, day = key
            target = targets.get(key)
            ranges = locked.get(emp, [])
            if target and key not in existing and not self._sf_is_locked(ranges, day):
                # fast path (a first computation): a new line, nothing to compare
                if any(abs(target[f]) >= 0.005 for f in VALUE_FIELDS):
                    to_create.append(
                        self._sf_line_vals(key, target, target, day, False, leaders, wo_info)
                    )
                continue
            locked_sum = dict(empty)
            open_lines = []
            for line_id, line_date, values in existing.get(key, []):
                if self._sf_is_locked(ranges, line_date):
                    for f in VALUE_FIELDS:
                        locked_sum[f] += values[f]
                else:
                    open_lines.append((line_id, values))
            open_sum = None
            if open_lines:
                open_sum = {f: sum(v[f] for _i, v in open_lines) for f in VALUE_FIELDS}
            wanted = {f: (target or empty)[f] for f in VALUE_FIELDS}
            action, vals = wages.diff_lines(wanted, locked_sum, open_sum)
            if action == "keep":
                continue
            to_archive += [line_id for line_id, _v in open_lines]
            if vals is None:
                continue
            date = self._sf_first_open_day(ranges, day)
            is_adjustment = date != day or any(abs(v) > 0.0001 for v in locked_sum.values())
            to_create.append(
                self._sf_line_vals(key, target, vals, date, is_adjustment, leaders, wo_info)
            )
        if to_archive:
            self.env.execute_query(wage_sql.archive_lines(to_archive, self.env.uid))
        self._sf_bulk_insert(company, to_create)
        self.invalidate_model()
        return len(to_create)

    def _sf_line_vals(self, key, target, vals, date, is_adjustment, leaders, wo_info):
        emp, wo, day = key
        info = wo_info.get(wo) or self._sf_read_workorders([wo])[wo]
        target = target or {}
        return {
            "employee_id": emp,
            "team_leader_id": leaders.get(emp) or None,
            "date": date,
            "work_date": day,
            "workorder_id": wo,
            "production_id": info["production_id"],
            "rule_id": target.get("rule_id"),
            "kind": target.get("kind") or "piece",
            "rate": target.get("rate") or 0.0,
            "is_adjustment": is_adjustment,
            **{f: round(vals[f], 4) for f in VALUE_FIELDS},
        }

    def _sf_bulk_insert(self, company, vals_list):
        """INSERT the computed lines in one statement (unnest of column arrays)."""
        if not vals_list:
            return
        self.env.execute_query(wage_sql.bulk_insert(company.id, self.env.uid, vals_list))

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    def _sf_get_info(self):
        self.ensure_one()
        return {
            "id": self.id,
            "date": fields.Date.to_string(self.date),
            "work_date": fields.Date.to_string(self.work_date),
            "workorder": self.workorder_id.name or None,
            "production": self.production_id.name or None,
            "product": self.product_id.display_name or None,
            "operation": self.operation_id.name or None,
            "kind": self.kind,
            "adjustment": self.is_adjustment,
            "qty_good": self.qty_good,
            "qty_scrap_operator": self.qty_scrap_operator,
            "qty_scrap_material": self.qty_scrap_material,
            "minutes": self.minutes,
            "overtime_minutes": self.overtime_minutes,
            "rate": self.rate,
            "amount": self.amount,
            "note": self.note or None,
            "disputed": any(d.state == "open" for d in self.dispute_ids),
        }
