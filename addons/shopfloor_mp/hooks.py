from odoo import Command
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG


def _demo_records(env, model):
    """The records of `model` created by the demo data of shopfloor_mp (xml ids demo_*)."""
    data = env["ir.model.data"].search(
        [("module", "=", "shopfloor_mp"), ("model", "=", model), ("name", "=like", "demo\\_%")]
    )
    return env[model].browse(data.mapped("res_id")).exists()


def uninstall_hook(env):
    """Remove the demo factory's manufacturing and stock history before uninstalling.

    Odoo deletes the records of a module on uninstall, but done manufacturing orders, stock
    moves, quants, lots and valuation layers of the demo products would block the deletion of
    the demo products, work centers and lots (and log database errors). Only records tied to
    the demo's own products and work centers are removed: a database created without demo
    data has none, and this hook does nothing there.
    """
    # sudo: uninstalling is an administrator action on every company's records;
    # the uninstall flag lifts the "cannot delete a done order/move" guards, as Odoo does.
    env = env(
        su=True, context=dict(env.context, active_test=False, **{MODULE_UNINSTALL_FLAG: True})
    )
    products = _demo_records(env, "product.product")
    workcenters = _demo_records(env, "mrp.workcenter")
    if not products and not workcenters:
        return
    productions = env["mrp.production"].search(
        [
            "|",
            "|",
            ("product_id", "in", products.ids),
            ("move_raw_ids.product_id", "in", products.ids),
            ("workorder_ids.workcenter_id", "in", workcenters.ids),
        ]
    )
    workorders = productions.workorder_ids | env["mrp.workorder"].search(
        [("workcenter_id", "in", workcenters.ids)]
    )
    _unlink_shopfloor_records(
        env,
        {
            "hr.employee": _demo_records(env, "hr.employee"),
            "mrp.workcenter": workcenters,
            "product.product": products,
            "mrp.production": productions,
            "mrp.workorder": workorders,
        },
    )
    env["stock.scrap"].search(
        ["|", ("product_id", "in", products.ids), ("production_id", "in", productions.ids)]
    ).unlink()
    env["mrp.workcenter.productivity"].search(
        ["|", ("workcenter_id", "in", workcenters.ids), ("workorder_id", "in", workorders.ids)]
    ).unlink()
    workorders.unlink()
    productions.unlink()
    # After the orders: cancelling a draft order recomputes its moves.
    moves = env["stock.move"].search([("product_id", "in", products.ids)])
    env["stock.valuation.layer"].search([("product_id", "in", products.ids)]).unlink()
    moves.write({"move_orig_ids": [Command.clear()], "move_dest_ids": [Command.clear()]})
    moves.unlink()
    env["stock.quant"].search([("product_id", "in", products.ids)]).unlink()
    env["stock.warehouse.orderpoint"].search([("product_id", "in", products.ids)]).unlink()
    env["stock.lot"].search([("product_id", "in", products.ids)]).unlink()


def _unlink_shopfloor_records(env, targets):
    """Delete the records of the shop-floor models (reports, wage lines, ...) that point at
    the given demo records: they may have been made on the demo factory (end-to-end tests,
    someone trying the demo) and would block the deletion of the demo records.

    ``targets``: {model name: records}. Models pointing at other shop-floor models through
    a required or restricting link are emptied first (e.g. wage disputes before wage lines).
    """
    found = {}
    for name, model in env.registry.items():
        if not name.startswith("shopfloor.") or model._abstract or model._transient:
            continue
        if not model._auto or model._table_query:  # SQL views (reports)
            continue
        domain = []
        for field in model._fields.values():
            if field.type == "many2one" and field.store and field.comodel_name in targets:
                domain = [*(["|"] if domain else []), *domain]
                domain.append((field.name, "in", targets[field.comodel_name].ids))
        records = env[name].search(domain) if domain else env[name]
        if records:
            found[name] = records
    done = set()

    def unlink(name, path=()):
        if name in done or name in path:
            return
        for other, records in found.items():
            blocking = any(
                f.type == "many2one"
                and f.store
                and f.comodel_name == name
                and (f.required or f.ondelete == "restrict")
                for f in records._fields.values()
            )
            if other != name and blocking:
                unlink(other, (*path, name))
        done.add(name)
        found[name].exists().unlink()

    for name in list(found):
        unlink(name)
