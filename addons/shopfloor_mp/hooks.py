"""Uninstall: remove what the demo made, keep everything a user made.

Odoo deletes the records a module created by their xml ids. The demo factory also made
history that has no xml id (the done orders' stock moves, valuation, lots, time logs,
the inventory of its products), which would keep Odoo from deleting the demo products and
work centers (and log database errors). This hook:

1. deletes that history, and only that: rows about the demo's products, work centers and
   orders created by the module's data loads themselves (in the transaction of an install
   or upgrade of the module: the same timestamp as its xml ids; a user's rows never share
   it); the "done" guards are lifted for those rows only;
2. detaches from the module every demo record that something else still uses (a user's
   order, stock move, report, lot...): Odoo keeps such records as ordinary data instead
   of failing to delete them. Nothing a user made is ever deleted or changed.
"""

from odoo import Command
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.tools import SQL

MODULE = "shopfloor_mp"

# Models whose rows the demo load made without xml ids, deleted children first.
DEMO_HISTORY = [
    ("stock.scrap", ("product_id", "production_id")),
    ("mrp.workcenter.productivity", ("workcenter_id", "workorder_id")),
    ("stock.valuation.layer", ("product_id",)),
    ("stock.move.line", ("product_id",)),
    ("stock.move", ("product_id", "production_id", "raw_material_production_id")),
    ("mrp.workorder", ("workcenter_id", "production_id")),
    ("mrp.production", ("product_id",)),
    ("stock.quant", ("product_id",)),
    ("stock.lot", ("product_id",)),
]


def _demo_data(env, module=MODULE):
    return env["ir.model.data"].search([("module", "=", module), ("name", "=like", "demo\\_%")])


def _demo_records(env, model, module=MODULE):
    """The records of ``model`` created by the demo data of ``module`` (xml ids demo_*)."""
    data = _demo_data(env, module).filtered(lambda d: d.model == model)
    return env[model].browse(data.mapped("res_id")).exists()


def uninstall_hook(env):
    # sudo: uninstalling is an administrator action on every company's demo records
    env = env(su=True, context=dict(env.context, active_test=False))
    data = _demo_data(env)
    if not data:
        return  # a database without demo data: nothing to do
    # the timestamps of the module's data loads (install, upgrades): Odoo stamps every row
    # of a transaction with the same time
    env.cr.execute(
        SQL(
            "SELECT create_date FROM ir_model_data WHERE module = %s UNION"
            " SELECT write_date FROM ir_model_data WHERE module = %s",
            MODULE,
            MODULE,
        )
    )
    load_times = [row[0] for row in env.cr.fetchall() if row[0]]
    targets = {
        "product.product": _demo_records(env, "product.product"),
        "mrp.workcenter": _demo_records(env, "mrp.workcenter"),
        "mrp.production": _demo_records(env, "mrp.production"),
    }
    _unlink_demo_history(env, targets, load_times)
    # (deleted records took their xml ids with them)
    _detach_used_demo_records(env, _demo_data(env))


def _unlink_demo_history(env, targets, load_times):
    """Delete the rows the demo loads made about its own products, work centers and
    orders (created at one of ``load_times``); every other row is a user's and stays."""
    # the uninstall flag lifts the "done order / done move" guards: demo rows only
    flagged = env(context=dict(env.context, **{MODULE_UNINSTALL_FLAG: True}))
    ids = {model: records.ids for model, records in targets.items()}
    ids["mrp.workorder"] = targets["mrp.production"].workorder_ids.ids
    found = {}
    for model, fnames in DEMO_HISTORY:
        Model = flagged[model]
        domain = []
        for fname in fnames:
            comodel = Model._fields[fname].comodel_name
            if ids.get(comodel):
                domain = [*(["|"] if domain else []), *domain, (fname, "in", ids[comodel])]
        if not domain:
            continue
        domain = [("create_date", "in", load_times), *domain]
        if model in ("stock.quant", "stock.lot"):
            # stock a user moved since (same quant, more quantity) is the user's too
            domain.append(("write_date", "in", load_times))
        found[model] = Model.search(domain)
    if not any(found.values()):
        return
    workorders = found.get("mrp.workorder", flagged["mrp.workorder"])
    productions = found.get("mrp.production", flagged["mrp.production"])
    # shop-floor rows (reports, wage lines...) on the demo's orders go with the module
    _unlink_shopfloor_records(flagged, {"mrp.workorder": workorders, "mrp.production": productions})
    moves = found.get("stock.move", flagged["stock.move"])
    moves.write({"move_orig_ids": [Command.clear()], "move_dest_ids": [Command.clear()]})
    names = productions.mapped("name")
    for model, _fnames in DEMO_HISTORY:
        records = found.get(model)
        if records:
            records.exists().unlink()
    # deleting an order cancels it first, which may add cancelled moves of its own
    flagged["stock.move"].search(
        [("create_date", "=", env.cr.now()), ("reference", "in", names), ("state", "=", "cancel")]
    ).unlink()


def _detach_used_demo_records(env, data):
    """Demo records still referenced by other rows (a user's, or history the demo did not
    make) are kept: their xml ids are removed, so Odoo does not try to delete them."""
    removing = set(env["ir.module.module"].search([("state", "=", "to remove")]).mapped("name")) | {
        MODULE
    }
    # rows of models defined only by modules being removed disappear with their tables
    dropped = {
        model.model
        for model in env["ir.model"].search([])
        if model.modules and set(model.modules.split(", ")) <= removing
    }
    removed_data = env["ir.model.data"].search([("module", "in", list(removing))])
    demo_keys = {(d.model, d.res_id) for d in removed_data}
    by_table = {}
    for d in data:
        if d.model in env and env[d.model]._auto and not env[d.model]._abstract:
            by_table.setdefault(env[d.model]._table, []).append(d)
    table_models = {env[m]._table: m for m in env.registry if env[m]._auto}
    keep = env["ir.model.data"]
    for table, rows in by_table.items():
        res_ids = [d.res_id for d in rows]
        env.cr.execute(
            SQL(
                "SELECT cl.relname, att.attname FROM pg_constraint con"
                " JOIN pg_class cl ON cl.oid = con.conrelid"
                " JOIN pg_attribute att ON att.attrelid = con.conrelid"
                "  AND att.attnum = con.conkey[1]"
                " WHERE con.contype = 'f' AND con.confrelid = %s::regclass"
                "  AND array_length(con.conkey, 1) = 1"
                # only links that would block the deletion (restrict / no action); set null
                # (e.g. create_uid) and cascade links behave as in Odoo's own uninstall
                "  AND con.confdeltype IN ('r', 'a')",
                table,
            )
        )
        used = set()
        for ref_table, column in env.cr.fetchall():
            ref_model = table_models.get(ref_table)
            if not ref_model or ref_model in dropped:
                continue  # relation tables and tables dropped with the module
            env.cr.execute(
                SQL(
                    "SELECT id, %s FROM %s WHERE %s = ANY(%s)",
                    SQL.identifier(column),
                    SQL.identifier(ref_table),
                    SQL.identifier(column),
                    res_ids,
                )
            )
            for ref_id, target in env.cr.fetchall():
                if (ref_model, ref_id) not in demo_keys:
                    used.add(target)
        keep |= env["ir.model.data"].browse([d.id for d in rows if d.res_id in used])
    if keep:
        # the records stay as ordinary data; only their link to the module goes
        keep.unlink()


def _unlink_shopfloor_records(env, targets):
    """Delete the records of the shop-floor models (reports, wage lines, ...) that point at
    the given demo records: they go with the module's tables anyway, and would block the
    deletion of the demo orders before that.

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
            if (
                field.type == "many2one"
                and field.store
                and field.comodel_name in targets
                and targets[field.comodel_name]
            ):
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
