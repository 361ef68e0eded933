# Run inside `odoo shell` by bench/wages/run (``env`` is given by the shell).
# ruff: noqa: F821
import datetime
import time

from odoo import Command
from odoo.tools import SQL

N_EMPLOYEES = 300
N_REPORTS = 100_000
DAYS = 31
MONTH = datetime.date(2026, 1, 1)
cr = env.cr
company = env.company


def say(msg):
    print(f"bench {msg}", flush=True)


company.partner_id.tz = "Asia/Shanghai"
company.shopfloor_wage_split = "time"

# ---- setup: employees, a routing of 3 operations, rates, ~3000 work orders ---------------
Employee = env["hr.employee"]
employees = Employee.search([("name", "like", "Bench Worker %")], order="id")
if len(employees) < N_EMPLOYEES:
    employees |= Employee.create(
        [{"name": f"Bench Worker {i:03d}"} for i in range(len(employees), N_EMPLOYEES)]
    )
employees = employees[:N_EMPLOYEES]
wcs = env["mrp.workcenter"].search([("code", "like", "WBENCH-%")], order="code")
if not wcs:
    wcs = env["mrp.workcenter"].create(
        [{"name": f"Wage Bench {n}", "code": f"WBENCH-{n}"} for n in ("Cut", "Weld", "Pack")]
    )
product = env["product.product"].search([("default_code", "=", "WBENCH")], limit=1)
if not product:
    product = env["product.product"].create(
        {"name": "Wage Bench Part", "default_code": "WBENCH", "is_storable": True}
    )
    env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "operation_ids": [
                Command.create({"name": f"WB {wc.name}", "workcenter_id": wc.id, "sequence": i})
                for i, wc in enumerate(wcs)
            ],
        }
    )
bom = env["mrp.bom"].search([("product_tmpl_id", "=", product.product_tmpl_id.id)], limit=1)
ops = bom.operation_ids.sorted("sequence")
Rule = env["shopfloor.wage.rule"]
if not Rule.search([("operation_id", "in", ops.ids)]):
    Rule.create(
        [
            {"operation_id": ops[0].id, "rate_type": "piece", "rate": 1.2,
             "operator_scrap_rate": -0.5},
            {"operation_id": ops[1].id, "rate_type": "hour", "rate": 28.0},
            {"operation_id": ops[2].id, "rate_type": "piece", "rate": 0.6},
        ]
    )  # fmt: skip
wos = env["mrp.workorder"].search([("production_id.product_id", "=", product.id)])
if len(wos) < 3000:
    mos = env["mrp.production"].create(
        [{"product_id": product.id, "product_qty": 1000, "bom_id": bom.id} for _i in range(10)]
    )
    mos.action_confirm()
    template = mos.workorder_ids
    columns = [
        c
        for (c,) in env.execute_query(
            SQL(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'mrp_workorder' AND column_name != 'id'"
            )
        )
    ]
    cols = SQL(", ").join(SQL.identifier(c) for c in columns)
    env.execute_query(
        SQL(
            "INSERT INTO mrp_workorder (%s) SELECT %s FROM mrp_workorder, generate_series(1, 99) "
            "WHERE id = ANY(%s)",
            cols,
            SQL(", ").join(SQL.identifier("mrp_workorder", c) for c in columns),
            template.ids,
        )
    )
    env.invalidate_all()
    wos = env["mrp.workorder"].search([("production_id.product_id", "=", product.id)])
wo_ids = wos.ids
cr.commit()  # the setup is kept for the next runs; the month below is rolled back
say(f"setup employees={len(employees)} workorders={len(wo_ids)}")

# ---- the month: time logs and reports, inserted by SQL ----------------------------------
defects = env["shopfloor.defect.type"].search([("category", "in", ("operator", "material"))])
op_defect = defects.filtered(lambda d: d.category == "operator")[:1].id
mat_defect = defects.filtered(lambda d: d.category == "material")[:1].id
loss = env["mrp.workcenter.productivity.loss"].search([("loss_type", "=", "productive")], limit=1)
cr.execute("DELETE FROM shopfloor_wage_line")
cr.execute("DELETE FROM shopfloor_wage_statement")
cr.execute("DELETE FROM shopfloor_report WHERE workorder_id = ANY(%s)", [wo_ids])
cr.execute(
    "DELETE FROM mrp_workcenter_productivity WHERE workorder_id = ANY(%s) AND employee_id IS NOT NULL",
    [wo_ids],
)
t0 = time.monotonic()
# Employee e works each day d in two slots s (01:00-05:00 and 05:00-10:30 UTC, i.e.
# 09:00-18:30 in Shanghai: the end is overtime) on the work order shared with e's pair.
params = {
    "emps": employees.ids,
    "wos": wo_ids,
    "n_emp": N_EMPLOYEES,
    "n_wo": len(wo_ids),
    "month": datetime.datetime.combine(MONTH, datetime.time.min),
    "days": DAYS,
    "company": company.id,
    "loss": loss.id,
    "n_reports": N_REPORTS,
    "op_defect": op_defect,
    "mat_defect": mat_defect,
}
cr.execute(
    """
    INSERT INTO mrp_workcenter_productivity
        (workorder_id, workcenter_id, employee_id, company_id, loss_id,
         date_start, date_end, duration, description, create_date, write_date)
    SELECT wo.id, wo.workcenter_id, (%(emps)s::int[])[e + 1], %(company)s, %(loss)s,
           %(month)s + d * interval '1 day' + (1 + s * 4) * interval '1 hour',
           %(month)s + d * interval '1 day' + (5 + s * 5.5) * interval '1 hour',
           240 + s * 90, 'bench', now(), now()
      FROM generate_series(0, %(n_emp)s - 1) e, generate_series(0, %(days)s - 1) d,
           generate_series(0, 1) s,
           LATERAL (SELECT * FROM mrp_workorder
                     WHERE id = (%(wos)s::int[])[((e / 2) * 62 + d * 2 + s) %% %(n_wo)s + 1]) wo
    """,
    params,
)
logs = cr.rowcount
cr.execute(
    """
    INSERT INTO shopfloor_report
        (workorder_id, production_id, workcenter_id, operation_id, product_id, employee_id,
         qty_good, qty_scrap, defect_type_id, date, state, source, company_id,
         create_date, write_date)
    SELECT wo.id, wo.production_id, wo.workcenter_id, wo.operation_id, wo.product_id,
           (%(emps)s::int[])[e + 1],
           1 + i %% 5,
           CASE WHEN i %% 20 = 0 THEN 1 ELSE 0 END,
           CASE WHEN i %% 40 = 0 THEN %(op_defect)s
                WHEN i %% 20 = 0 THEN %(mat_defect)s END,
           ts, 'done', 'scan', %(company)s, ts, ts
      FROM generate_series(0, %(n_reports)s - 1) i,
           LATERAL (SELECT i %% %(n_emp)s AS e, (i / %(n_emp)s) %% %(days)s AS d,
                           (i / (%(n_emp)s * %(days)s)) %% 2 AS s,
                           i / (%(n_emp)s * %(days)s * 2) AS k) x,
           LATERAL (SELECT %(month)s + d * interval '1 day'
                           + (1 + s * 4) * interval '1 hour' + (5 + k * 2) * interval '1 minute'
                           AS ts) t,
           LATERAL (SELECT * FROM mrp_workorder
                     WHERE id = (%(wos)s::int[])[((e / 2) * 62 + d * 2 + s) %% %(n_wo)s + 1]) wo
    """,
    params,
)
reports = cr.rowcount
cr.execute("ANALYZE shopfloor_report")
cr.execute("ANALYZE mrp_workcenter_productivity")
env.invalidate_all()
say(f"inserted reports={reports} time_logs={logs} in {time.monotonic() - t0:.1f}s")

# ---- timed: the month's wage lines, the statement and the per-employee totals -----------
t0 = time.monotonic()
cpu0 = time.process_time()
statement = env["shopfloor.wage.statement"].create({"period_type": "month", "date_from": MONTH})
statement.action_compute()
total = statement.amount_total
per_employee = env["shopfloor.wage.line"]._read_group(
    statement._get_line_domain(), ["employee_id"], ["amount:sum"]
)
seconds = time.monotonic() - t0
cpu = time.process_time() - cpu0
lines = env["shopfloor.wage.line"].search_count([])
say(
    f"lines={lines} total={total:.2f} employees_paid={len(per_employee)} "
    f"compute={seconds:.2f}s (Odoo process CPU {cpu:.2f}s, the rest: PostgreSQL and waiting)"
)
t1 = time.monotonic()
again = env["shopfloor.wage.line"]._sf_recompute(company, MONTH, datetime.date(2026, 1, 31))
say(f"recompute (nothing changed): new_lines={again} in {time.monotonic() - t1:.2f}s")
cr.rollback()
print(f"BENCH wages reports={reports} employees={len(employees)} seconds={seconds:.2f}")
