# Runs inside `odoo shell` after the load: units issued beyond each allowance (must be 0).
# ruff: noqa: F821  (env is provided by odoo shell)
import json
import os

path = os.path.join(os.environ.get("SF_DATA_DIR", "."), "bench_material_plan.json")
plan = json.load(open(path))
over = 0.0
issued_total = 0.0
for mo in env["mrp.production"].browse(plan["mos"]):
    for info in mo._sf_material_info().values():
        issued_total += info["issued"]
        excess = info["issued"] - info["returned"] - info["allowed_total"] - info["approved_extra"]
        over += max(excess, 0.0)
moved = sum(
    env["stock.move"]
    .search([("origin", "in", env["mrp.production"].browse(plan["mos"]).mapped("name")),
             ("state", "=", "done"), ("raw_material_production_id", "=", False)])
    .mapped("product_qty")
)  # fmt: skip
print(f"VERIFY over_issue={over:g} issued={issued_total:g} stock_moved={moved:g}")
