# Runs inside `odoo shell` (bench/app/run): a worker, a token and work orders for one run.
# ruff: noqa: F821  (env is provided by odoo shell)
import json
import os

N_SCANS = 20

env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
wc = env["mrp.workcenter"].search([("name", "=", "App Bench WC")], limit=1) or env[
    "mrp.workcenter"
].create({"name": "App Bench WC", "default_capacity": 1000})
product = env["product.product"].search([("name", "=", "App Bench Part")], limit=1) or env[
    "product.product"
].create({"name": "App Bench Part", "is_storable": True})
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
employee = env["hr.employee"].search([("name", "=", "App Bench Worker")], limit=1) or env[
    "hr.employee"
].create({"name": "App Bench Worker", "shopfloor_workcenter_ids": [(6, 0, wc.ids)]})
# only this run's work orders are listed: close the previous runs' orders
env["mrp.production"].search(
    [("product_id", "=", product.id), ("state", "in", ("confirmed", "progress"))]
).action_cancel()
env["shopfloor.token"].search([("name", "=", "app bench")]).action_revoke()
token, secret = env["shopfloor.token"]._issue("app bench", employee=employee)
mos = env["mrp.production"].create(
    [{"product_id": product.id, "bom_id": bom.id, "product_qty": 1000} for _i in range(N_SCANS)]
)
mos.action_confirm()
wos = mos.workorder_ids.sorted("id")
codes = env["shopfloor.code"]._get_codes(wos)
plan = {
    "token": {
        "token": secret,
        "kind": "worker",
        "employee": {"id": employee.id, "name": employee.name},
    },
    "codes": [codes[w.id] for w in wos],
    "workorder_ids": wos.ids,
}
with open(os.path.join(os.environ["SF_DATA_DIR"], "bench_app_plan.json"), "w") as f:
    json.dump(plan, f)
env.cr.commit()  # the server started next reads this run's data
print("bench app setup done", flush=True)
