"""Uninstall: remove what the demo made, keep everything a user made.

The demo (``_sf_load_demo``) runs the real flows: inventory of the steel blanks in the
machining warehouse, two orders, their pick-components transfers, issues, a return,
replenishments and scraps. None of it has an xml id, and it keeps shopfloor_mp's demo
products and defect types from being deleted later (stock moves and scraps refer to
them). This hook deletes those rows, and only those: rows created by the module's own
data loads (the same transaction timestamp as its xml ids; a user's rows never share
it), with shopfloor_mp's machinery (``hooks._unlink_demo_history``).

The warehouse and locations stay as ordinary records: a user's stock history may use
them, and a reinstall finds the warehouse again.
"""

from collections import defaultdict

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.addons.shopfloor_mp.hooks import _unlink_demo_history
from odoo.tools import SQL

MODULE = "shopfloor_material"


def _restore_quants(env, deltas):
    """Take the deleted moves' quantities back out of the quants that stay."""
    Quant = env["stock.quant"]
    quants = Quant
    for (product, lot, location, package, owner), qty in deltas.items():
        if not qty:
            continue
        quant = Quant.search(
            [
                ("product_id", "=", product),
                ("lot_id", "=", lot or False),
                ("location_id", "=", location),
                ("package_id", "=", package or False),
                ("owner_id", "=", owner or False),
            ],
            limit=1,
        )
        if quant:
            env.cr.execute(
                SQL("UPDATE stock_quant SET quantity = quantity + %s WHERE id = %s", qty, quant.id)
            )
            quants |= quant
    quants.invalidate_recordset(["quantity"])
    return quants


def _load_times(env):
    env.cr.execute(
        SQL(
            "SELECT create_date FROM ir_model_data WHERE module = %s UNION"
            " SELECT write_date FROM ir_model_data WHERE module = %s",
            MODULE,
            MODULE,
        )
    )
    return [row[0] for row in env.cr.fetchall() if row[0]]


def uninstall_hook(env):
    # sudo: uninstalling is an administrator action on every company's records
    env = env(su=True, context=dict(env.context, active_test=False))
    load_times = _load_times(env)
    if load_times:
        _unlink_demo_flows(env, load_times)
    env["ir.model.data"].search(
        [("module", "=", MODULE), ("model", "in", ("stock.warehouse", "stock.location"))]
    ).unlink()


def _unlink_demo_flows(env, load_times):
    made = [("create_date", "in", load_times)]
    productions = env["mrp.production"].search(made)
    moves = env["stock.move"].search(made)
    if not productions and not moves:
        return  # no demo data (or a user deleted it)
    pickings = moves.picking_id.filtered_domain(made)
    lines = env["stock.move.line"].search(made)
    lots = lines.lot_id
    # what the loads' done moves added to and took from quants made before them (shared
    # with shopfloor_mp's demo or a user's): taken back below
    deltas = defaultdict(float)
    for line in lines.filtered(lambda ml: ml.state == "done"):
        product, lot, owner = line.product_id.id, line.lot_id.id, line.owner_id.id
        qty = line.quantity_product_uom
        deltas[(product, lot, line.location_id.id, line.package_id.id, owner)] += qty
        deltas[(product, lot, line.location_dest_id.id, line.result_package_id.id, owner)] -= qty
    groups = (productions.procurement_group_id | moves.group_id).filtered_domain(made)
    targets = {
        "product.product": moves.product_id | productions.product_id,
        "mrp.workcenter": env["mrp.workcenter"],
        "mrp.production": productions,
    }
    # stock moves, move lines, valuation, quants, scraps, work orders and orders made by
    # the loads, and the shop-floor rows on those orders (material ledger, requests,
    # reports, wage lines)
    # (now: rows the deletions below make or touch in this very transaction)
    _unlink_demo_history(env, targets, [*load_times, env.cr.now()])
    env.flush_all()
    quants = _restore_quants(env, deltas)
    # the lots the flows used (shopfloor_mp's demo lots) were rewritten by them (stored
    # location) and by the deletions above: with that history gone they are as their
    # module made them, which is what shopfloor_mp's own uninstall looks for
    for records in (lots, quants):
        if records:
            env.cr.execute(
                SQL(
                    "UPDATE %s SET write_date = create_date WHERE id = ANY(%s)"
                    " AND write_date = ANY(%s)",
                    SQL.identifier(records._table),
                    records.ids,
                    [*load_times, env.cr.now()],
                )
            )
            records.invalidate_recordset(["write_date"])
    flagged = env(context=dict(env.context, **{MODULE_UNINSTALL_FLAG: True}))
    # transfers and procurement groups the loads made, now empty
    pickings = flagged["stock.picking"].browse(pickings.ids).exists()
    pickings.filtered(lambda p: not p.move_ids and not p.move_line_ids).unlink()
    groups = flagged["procurement.group"].browse(groups.ids).exists()
    used = {
        *env["stock.move"].search([("group_id", "in", groups.ids)]).group_id.ids,
        *env["stock.picking"].search([("group_id", "in", groups.ids)]).group_id.ids,
        *env["mrp.production"]
        .search([("procurement_group_id", "in", groups.ids)])
        .procurement_group_id.ids,
    }
    groups.filtered(lambda g: g.id not in used).unlink()
