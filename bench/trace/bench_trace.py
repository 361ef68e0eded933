# Run inside `odoo shell` by bench/trace/run (``env`` is given by the shell).
# ruff: noqa: F821
import datetime
import random
import time

from psycopg2 import sql as psql
from psycopg2.extras import Json, execute_values

from odoo import Command
from odoo.tools import SQL

cr = env.cr
rng = random.Random(42)
company = env.company
N_RAW = 500  # lots per raw material (4 raw materials)
N_P1 = 4000  # level 1 batches, each of 1 R1 lot + 1 R2 lot
HOT_EVERY = 20  # every 20th P1 batch uses the same R1 lot: 200 uses
N_CUSTOMERS = 20


def say(msg):
    print(f"bench {msg}", flush=True)


Product = env["product.product"]
Stock = env.ref("stock.stock_location_stock")
Supplier = env.ref("stock.stock_location_suppliers")
Customer = env.ref("stock.stock_location_customers")
ProductionLoc = env["stock.location"].search(
    [("usage", "=", "production"), ("company_id", "=", company.id)], limit=1
)


def product(code, tracking):
    prod = Product.search([("default_code", "=", code)], limit=1)
    return prod or Product.create(
        {"name": f"Bench {code}", "default_code": code, "is_storable": True, "tracking": tracking}
    )


raws = [product(f"BT-R{i}", "lot") for i in range(1, 5)]
p1, p2, p3, p4 = (product(f"BT-P{i}", "lot") for i in range(1, 5))
fin = product("BT-F", "serial")
levels = [  # (product, components per MO: [(product or level, count)])
    (p1, [raws[0], raws[1]]),
    (p2, [p1, p1, raws[2]]),
    (p3, [p2, p2, raws[3]]),
    (p4, [p3, p3]),
    (fin, [p4, raws[1]]),
]
Bom = env["mrp.bom"]
for prod, comps in levels:
    if not Bom.search([("product_tmpl_id", "=", prod.product_tmpl_id.id)], limit=1):
        counts = {}
        for comp in comps:
            counts[comp] = counts.get(comp, 0) + 1
        Bom.create(
            {
                "product_tmpl_id": prod.product_tmpl_id.id,
                "bom_line_ids": [
                    Command.create({"product_id": c.id, "product_qty": q})
                    for c, q in counts.items()
                ],
            }
        )


def columns(table):
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s",
            table,
        )
    )
    return [r[0] for r in cr.fetchall() if r[0] != "id"]


def fetch(table, rec_id):
    cr.execute(SQL("SELECT * FROM %s WHERE id = %s", SQL.identifier(table), rec_id))
    row = cr.dictfetchone()
    row.pop("id")
    return row


def insert(table, template, rows):
    """Bulk insert ``rows`` (dicts of overrides) cloned from ``template``; returns ids."""
    cols = list(template)
    values = []
    for row in rows:
        vals = []
        for col in cols:
            value = row[col] if col in row else template[col]
            if isinstance(value, dict | list):
                value = Json(value)
            vals.append(value)
        values.append(tuple(vals))
    query = psql.SQL("INSERT INTO {} ({}) VALUES %s RETURNING id").format(
        psql.Identifier(table), psql.SQL(", ").join(psql.Identifier(c) for c in cols)
    )
    result = execute_values(cr._obj, query, values, page_size=2000, fetch=True)
    return [r[0] for r in result]


def null_fields(template, names):
    return {n: None for n in names if n in template}


built = env["stock.lot"].search([("name", "=", "BT-F-000000")], limit=1)
if not built:
    say("building the data set (SQL from ORM templates)")
    t0 = time.monotonic()
    # ---- templates made by the ORM, then cloned ----
    tmpl_lot = env["stock.lot"].create({"name": "BT-TEMPLATE", "product_id": fin.id})
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {i:02d}"} for i in range(N_CUSTOMERS)]
    )
    mo = env["mrp.production"].create(
        {
            "product_id": fin.id,
            "product_qty": 1,
            "bom_id": Bom.search([("product_tmpl_id", "=", fin.product_tmpl_id.id)], limit=1).id,
        }
    )
    out_type = env.ref("stock.picking_type_out")
    picking = env["stock.picking"].create(
        {
            "partner_id": partners[0].id,
            "picking_type_id": out_type.id,
            "location_id": Stock.id,
            "location_dest_id": Customer.id,
        }
    )
    move_tmpl_id = mo.move_finished_ids[0].id
    line = env["stock.move.line"].create(
        {
            "move_id": move_tmpl_id,
            "product_id": fin.id,
            "lot_id": tmpl_lot.id,
            "quantity": 1,
            "location_id": ProductionLoc.id,
            "location_dest_id": Stock.id,
        }
    )
    env.flush_all()
    T_LOT = fetch("stock_lot", tmpl_lot.id)
    T_MO = fetch("mrp_production", mo.id)
    T_MOVE = fetch("stock_move", move_tmpl_id)
    T_LINE = fetch("stock_move_line", line.id)
    T_PICK = fetch("stock_picking", picking.id)
    move_nulls = null_fields(
        T_MOVE,
        [
            "production_id",
            "raw_material_production_id",
            "picking_id",
            "bom_line_id",
            "created_production_id",
            "orderpoint_id",
            "workorder_id",
            "operation_id",
            "byproduct_id",
            "group_id",
            "rule_id",
            "origin_returned_move_id",
            "restrict_partner_id",
            "package_level_id",
            "unbuild_id",
            "consume_unbuild_id",
            "cost_share",
        ],
    )
    line_nulls = null_fields(
        T_LINE,
        [
            "picking_id",
            "production_id",
            "workorder_id",
            "lot_name",
            "package_id",
            "result_package_id",
            "owner_id",
            "package_level_id",
        ],
    )
    day0 = datetime.datetime(2026, 1, 5, 8, 0, 0)

    # ---- lots ----
    lot_ids = {}
    specs = [(r, N_RAW) for r in raws] + [
        (p1, N_P1),
        (p2, N_P1 // 2),
        (p3, N_P1 // 4),
        (p4, N_P1 // 8),
        (fin, N_P1 // 8),
    ]
    for prod, count in specs:
        code = prod.default_code.replace("BT-", "")
        lot_ids[prod] = insert(
            "stock_lot",
            T_LOT,
            [
                {"name": f"BT-{code}-{i:06d}", "product_id": prod.id, "company_id": company.id}
                for i in range(count)
            ],
        )
    n_lots = sum(len(v) for v in lot_ids.values())

    def moves_and_lines(rows):
        """rows: dicts with product, lot, qty, src, dest, date, mo (finished), raw_mo,
        picking, ref -> line ids"""
        move_ids = insert(
            "stock_move",
            T_MOVE,
            [
                dict(
                    move_nulls,
                    name=r["ref"],
                    reference=r["ref"],
                    product_id=r["product"].id,
                    product_uom_qty=r["qty"],
                    product_qty=r["qty"],
                    quantity=r["qty"],
                    state="done",
                    picked=True,
                    date=r["date"],
                    location_id=r["src"],
                    location_dest_id=r["dest"],
                    location_final_id=None,
                    production_id=r.get("mo"),
                    raw_material_production_id=r.get("raw_mo"),
                    picking_id=r.get("picking"),
                    picking_type_id=r.get("picking_type", T_MOVE.get("picking_type_id")),
                    company_id=company.id,
                )
                for r in rows
            ],
        )
        return insert(
            "stock_move_line",
            T_LINE,
            [
                dict(
                    line_nulls,
                    move_id=move_id,
                    product_id=r["product"].id,
                    lot_id=r["lot"],
                    quantity=r["qty"],
                    quantity_product_uom=r["qty"],
                    location_id=r["src"],
                    location_dest_id=r["dest"],
                    state="done",
                    picked=True,
                    date=r["date"],
                    reference=r["ref"],
                    picking_id=r.get("picking"),
                    company_id=company.id,
                )
                for move_id, r in zip(move_ids, rows, strict=True)
            ],
        )

    # ---- raw material receipts ----
    rows = []
    for r in raws:
        for i, lot in enumerate(lot_ids[r]):
            rows.append(
                dict(
                    product=r,
                    lot=lot,
                    qty=1000.0,
                    src=Supplier.id,
                    dest=Stock.id,
                    date=day0 + datetime.timedelta(seconds=i),
                    ref=f"BT/IN/{lot}",
                    picking_type=None,
                )
            )
    moves_and_lines(rows)

    # ---- the 5 levels of MOs ----
    hot = lot_ids[raws[0]][0]
    prev = {}
    for level, (prod, comps) in enumerate(levels, start=1):
        out_lots = lot_ids[prod]
        date = day0 + datetime.timedelta(days=level)
        bom_id = Bom.search([("product_tmpl_id", "=", prod.product_tmpl_id.id)], limit=1).id
        mo_ids = insert(
            "mrp_production",
            T_MO,
            [
                {
                    "name": f"BT/MO/{level}/{i:05d}",
                    "product_id": prod.id,
                    "product_qty": 1.0,
                    "product_uom_qty": 1.0,
                    "qty_producing": 1.0,
                    "lot_producing_id": lot,
                    "bom_id": bom_id,
                    "state": "done",
                    "date_start": date,
                    "date_finished": date,
                    "date_deadline": None,
                    "procurement_group_id": None,
                    "orderpoint_id": None,
                    "origin": "bench",
                    "company_id": company.id,
                }
                for i, lot in enumerate(out_lots)
            ],
        )
        finished = moves_and_lines(
            [
                dict(
                    product=prod,
                    lot=lot,
                    qty=1.0,
                    src=ProductionLoc.id,
                    dest=Stock.id,
                    date=date,
                    mo=mo_id,
                    ref=f"BT/MO/{level}/{i:05d}",
                )
                for i, (mo_id, lot) in enumerate(zip(mo_ids, out_lots, strict=True))
            ]
        )
        raw_rows, links = [], []
        for i, mo_id in enumerate(mo_ids):
            used = {}
            for comp in comps:
                n = used.get(comp, 0)
                used[comp] = n + 1
                if comp in raws:
                    if comp == raws[0] and i % HOT_EVERY == 0:
                        lot = hot
                    else:
                        lot = rng.choice(lot_ids[comp][1:])
                else:
                    lot = lot_ids[comp][len([c for c in comps if c == comp]) * i + n]
                raw_rows.append(
                    dict(
                        product=comp,
                        lot=lot,
                        qty=1.0,
                        src=Stock.id,
                        dest=ProductionLoc.id,
                        date=date,
                        raw_mo=mo_id,
                        ref=f"BT/MO/{level}/{i:05d}",
                    )
                )
                links.append(finished[i])
        consumed = moves_and_lines(raw_rows)
        execute_values(
            cr._obj,
            "INSERT INTO stock_move_line_consume_rel (consume_line_id, produce_line_id) "
            "VALUES %s ON CONFLICT DO NOTHING",
            list(zip(links, consumed, strict=True)),
            page_size=5000,
        )
        prev[prod] = mo_ids

    # ---- deliveries of the finished serials ----
    date = day0 + datetime.timedelta(days=8)
    pick_ids = insert(
        "stock_picking",
        T_PICK,
        [
            {
                "name": f"BT/OUT/{i:05d}",
                "partner_id": partners[i % N_CUSTOMERS].id,
                "state": "done",
                "date_done": date,
                "origin": f"BT/SO/{i:05d}",
            }
            for i in range(len(lot_ids[fin]))
        ],
    )
    moves_and_lines(
        [
            dict(
                product=fin,
                lot=lot,
                qty=1.0,
                src=Stock.id,
                dest=Customer.id,
                date=date,
                picking=pick_ids[i],
                picking_type=out_type.id,
                ref=f"BT/OUT/{i:05d}",
            )
            for i, lot in enumerate(lot_ids[fin])
        ]
    )
    # templates away
    line.unlink()
    mo.action_cancel()
    picking.action_cancel()
    cr.execute(
        SQL(
            "ANALYZE stock_move_line; ANALYZE stock_move_line_consume_rel; "
            "ANALYZE stock_move; ANALYZE stock_lot; ANALYZE mrp_production"
        )
    )
    env.invalidate_all()
    cr.commit()  # the bench data set is kept for the next runs
    say(f"built {n_lots} lots in {time.monotonic() - t0:.1f} s")

cr.execute(SQL("SELECT count(*) FROM stock_lot WHERE name LIKE 'BT-%%'"))
say(f"data set: {cr.fetchone()[0]} lots, 5 BOM levels")
Lot = env["stock.lot"]
serial = Lot.search([("name", "=", "BT-F-000000")])
hot_lot = Lot.search([("name", "=", "BT-R1-000000")])
Trace = env["shopfloor.trace"]
Report = env["stock.traceability.report"]


def best(fn, runs):
    times, result = [], None
    for _i in range(runs):
        env.invalidate_all()
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times), result


def native_backward(lot):
    """Odoo's report on the lot, every unfoldable line opened (as a user clicking)."""
    lines = Report.with_context(active_id=lot.id, model="stock.lot").get_lines()
    stack, seen, count, lots = list(lines), set(), 0, set()
    while stack:
        line = stack.pop()
        count += 1
        if line.get("lot_id"):
            lots.add(line["lot_id"])
        if line["unfoldable"] and line["model_id"] not in seen:
            seen.add(line["model_id"])
            stack += Report.get_lines(
                line["id"],
                model_id=line["model_id"],
                model_name=line["model"],
                level=line["level"] + 30,
            )
    return count, lots


def native_forward(lot):
    """Odoo's report on the lot, then 'downstream' of each line where it was used, then
    the same on each lot produced from it, to the end."""
    todo, seen_lots, count, lots = [lot.id], set(), 0, set()
    while todo:
        lot_id = todo.pop()
        if lot_id in seen_lots:
            continue
        seen_lots.add(lot_id)
        lines = Report.with_context(active_id=lot_id, model="stock.lot").get_lines()
        for line in lines:
            count += 1
            if not line["is_used"]:
                continue
            down = Report.with_context(
                active_id=line["model_id"], model="stock.move.line", lot_name=line["lot_name"]
            ).get_lines()
            for produced in down:
                count += 1
                if produced.get("lot_id"):
                    lots.add(produced["lot_id"])
                    todo.append(produced["lot_id"])
    return count, lots


backward_ms, back = best(lambda: Trace._backward(serial), 5)
forward_ms, fwd = best(lambda: Trace._forward(hot_lot), 5)
say(
    f"sql backward: {len(back['components'])} component lines, {len(back['raw_lots'])} "
    f"material lots, {len(back['productions'])} MOs; forward: {len(fwd['units'])} lots made, "
    f"{len(fwd['finished'])} finished, {len(fwd['customers'])} customers"
)
native_backward_ms, (nb_count, nb_lots) = best(lambda: native_backward(serial), 3)
native_forward_ms, (nf_count, nf_lots) = best(lambda: native_forward(hot_lot), 1)
say(f"native backward: {nb_count} lines; native forward: {nf_count} lines")
ours_back = {c["lot_id"] for c in back["components"] if c["lot_id"]} | {serial.id}
ours_fwd = {u["lot_id"] for u in fwd["units"] if u["lot_id"]}
say(
    f"same lots as native: backward {ours_back >= (nb_lots - {serial.id})}, "
    f"forward {ours_fwd == nf_lots}"
)
forward_ratio = native_forward_ms / forward_ms
backward_ratio = native_backward_ms / backward_ms
print(
    f"BENCH trace backward_ms={backward_ms:.1f} forward_ms={forward_ms:.1f} "
    f"native_backward_ms={native_backward_ms:.1f} native_forward_ms={native_forward_ms:.1f} "
    f"forward_ratio={forward_ratio:.1f} backward_ratio={backward_ratio:.1f}",
    flush=True,
)
