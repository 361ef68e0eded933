# Runs inside `odoo shell` (bench/boards/run): 50 work centers, 200 workers with tokens,
# work orders for the scan load, 100 boards with their secret links.
# ruff: noqa: F821  (env is provided by odoo shell)
import json
import os

N_WC, N_WORKERS, N_BOARDS, N_MO = 50, 200, 100, 1200

env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
env["ir.config_parameter"].set_param("shopfloor_mp.finish_mo_on_last_operation", "False")
WC = env["mrp.workcenter"]
wcs = WC.search([("name", "like", "Board Bench WC %")], order="id")
if len(wcs) < N_WC:
    wcs |= WC.create(
        [
            {"name": f"Board Bench WC {i:02d}", "default_capacity": 1000, "costs_hour": 60}
            for i in range(len(wcs), N_WC)
        ]
    )
boms = []
for i, wc in enumerate(wcs):
    name = f"Board Bench Part {i:02d}"
    product = env["product.product"].search([("name", "=", name)], limit=1) or env[
        "product.product"
    ].create({"name": name, "is_storable": True})
    bom = env["mrp.bom"].search([("product_tmpl_id", "=", product.product_tmpl_id.id)], limit=1)
    if not bom:
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    (0, 0, {"name": "Make", "workcenter_id": wc.id, "time_cycle_manual": 2})
                ],
            }
        )
    boms.append((product, bom))
employees = env["hr.employee"].search([("name", "like", "Board Bench Worker %")], order="id")
if len(employees) < N_WORKERS:
    employees |= env["hr.employee"].create(
        [
            {"name": f"Board Bench Worker {i}", "shopfloor_workcenter_ids": [(6, 0, wcs.ids)]}
            for i in range(len(employees), N_WORKERS)
        ]
    )
env["shopfloor.token"].search([("name", "=", "bench")]).action_revoke()
tokens = [env["shopfloor.token"]._issue("bench", employee=e)[1] for e in employees]

mos = env["mrp.production"].create(
    [
        {"product_id": boms[i % N_WC][0].id, "bom_id": boms[i % N_WC][1].id, "product_qty": 5}
        for i in range(N_MO)
    ]
)
mos.action_confirm()
wos = mos.workorder_ids.sorted("id")
codes = env["shopfloor.code"]._get_codes(wos)
service = [codes[w.id] for w in wos]

# a factory has its shifts, and shopfloor_oee's cron keeps today's OEE rows (every 15 min)
if not env["shopfloor.oee.shift"].search_count([("is_default", "=", True)]):
    env["shopfloor.oee.shift"].create(
        {"name": "Bench day", "hour_from": 0.0, "hour_to": 24.0, "is_default": True}
    )
env["shopfloor.oee.kpi"]._cron_recompute()

Board = env["shopfloor.board"]
Board.search([("name", "like", "Board Bench %")]).unlink()
board_tokens = []
for i in range(N_BOARDS):
    if i % 10 == 0:  # a plant board: every work center
        board_wcs = wcs
    else:  # a workshop of 10 work centers
        start = (i * 5) % N_WC
        board_wcs = (wcs + wcs)[start : start + 10]
    board = Board.create(
        {"name": f"Board Bench {i:03d}", "workcenter_ids": [(6, 0, board_wcs.ids)]}
    )
    board_tokens.append(board._generate_token())
plan = {"tokens": tokens, "service": service, "boards": board_tokens}
path = os.path.join(os.environ.get("SF_DATA_DIR", "."), "bench_boards_plan.json")
with open(path, "w") as fh:
    json.dump(plan, fh)
env.cr.commit()  # odoo shell script: keep the data for the load run
print("plan written", path, len(wos), len(board_tokens))
