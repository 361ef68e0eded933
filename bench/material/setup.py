# Runs inside `odoo shell` (bench/material/run): 200 fresh MOs, 50 storekeeper tokens.
# ruff: noqa: F821  (env is provided by odoo shell)
import json
import os

N_SCANNERS, N_MOS, MO_QTY = 50, 200, 20

env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
env.company.shopfloor_material_tolerance = 5.0
Product = env["product.product"]
components = Product.search([("name", "=like", "Bench Material _")], order="id")
if len(components) < 3:
    components |= Product.create(
        [{"name": f"Bench Material {i}", "is_storable": True} for i in range(len(components), 3)]
    )
product = Product.search([("name", "=", "Bench Material Product")], limit=1) or Product.create(
    {"name": "Bench Material Product", "is_storable": True}
)
bom = env["mrp.bom"].search([("product_tmpl_id", "=", product.product_tmpl_id.id)], limit=1)
if not bom:
    bom = env["mrp.bom"].create(
        {
            "product_tmpl_id": product.product_tmpl_id.id,
            "bom_line_ids": [
                (0, 0, {"product_id": c.id, "product_qty": q})
                for c, q in zip(components, (1, 2, 0.5), strict=True)
            ],
        }
    )
stock = env.ref("stock.warehouse0").lot_stock_id
for component in components:
    env["stock.quant"]._update_available_quantity(component, stock, 100000)
employees = env["hr.employee"].search([("name", "like", "Bench Storekeeper %")], order="id")
if len(employees) < N_SCANNERS:
    employees |= env["hr.employee"].create(
        [
            {"name": f"Bench Storekeeper {i}", "shopfloor_role": "storekeeper"}
            for i in range(len(employees), N_SCANNERS)
        ]
    )
env["shopfloor.token"].search([("name", "=", "bench material")]).action_revoke()
tokens = [env["shopfloor.token"]._issue("bench material", employee=e)[1] for e in employees]
mos = env["mrp.production"].create(
    [{"product_id": product.id, "bom_id": bom.id, "product_qty": MO_QTY} for _i in range(N_MOS)]
)
mos.action_confirm()
plan = {"tokens": tokens, "mos": mos.ids, "components": components.ids}
path = os.path.join(os.environ.get("SF_DATA_DIR", "."), "bench_material_plan.json")
with open(path, "w") as fh:
    json.dump(plan, fh)
env.cr.commit()  # odoo shell script: keep the data for the load run
print("plan written", path)
