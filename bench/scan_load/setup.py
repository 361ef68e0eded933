# Runs inside `odoo shell` (bench/scan_load/run): fresh work orders and tokens for one run.
# ruff: noqa: F821  (env is provided by odoo shell)
import json
import os

N_WORKERS = 200
N_OURS, N_NATIVE, N_SL = 1500, 700, 700

env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
env["ir.config_parameter"].set_param("shopfloor_mp.finish_mo_on_last_operation", "False")
wc = env["mrp.workcenter"].search([("name", "=", "Bench WC")], limit=1) or env[
    "mrp.workcenter"
].create({"name": "Bench WC", "default_capacity": 1000, "costs_hour": 60})
product = env["product.product"].search([("name", "=", "Bench Widget")], limit=1) or env[
    "product.product"
].create({"name": "Bench Widget", "is_storable": True})
bom = env["mrp.bom"].search([("product_tmpl_id", "=", product.product_tmpl_id.id)], limit=1)
if not bom:
    bom = env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "operation_ids": [
                (0, 0, {"name": "Assemble", "workcenter_id": wc.id, "time_cycle_manual": 2})
            ],
        }
    )
employees = env["hr.employee"].search([("name", "like", "Bench Worker %")], order="id")
if len(employees) < N_WORKERS:
    employees |= env["hr.employee"].create(
        [
            {"name": f"Bench Worker {i}", "shopfloor_workcenter_ids": [(6, 0, wc.ids)]}
            for i in range(len(employees), N_WORKERS)
        ]
    )
env["shopfloor.token"].search([("name", "=", "bench")]).action_revoke()
tokens = [env["shopfloor.token"]._issue("bench", employee=e)[1] for e in employees]

total = N_OURS + N_NATIVE + N_SL
mos = env["mrp.production"].create(
    [{"product_id": product.id, "bom_id": bom.id, "product_qty": 5} for _i in range(total)]
)
mos.action_confirm()
wos = mos.workorder_ids.sorted("id")
codes = env["shopfloor.code"]._get_codes(wos)
ours = [codes[w.id] for w in wos[:N_OURS]]
native = wos[N_OURS : N_OURS + N_NATIVE].ids
service = [codes[w.id] for w in wos[N_OURS + N_NATIVE :]]
plan = {
    "tokens": tokens,
    "ours": ours,
    "native": native,
    "service": service,
    "base_url": env["ir.config_parameter"].get_param("web.base.url"),
}
path = os.path.join(os.environ.get("SF_DATA_DIR", "."), "bench_scan_plan.json")
with open(path, "w") as fh:
    json.dump(plan, fh)
env.cr.commit()  # odoo shell script: keep the data for the load run
print("plan written", path, len(wos))
