"""Uninstall: remove what the demo made, keep everything a user made.

The demo raises its exceptions through the real loop (shopfloor_andon_demo.py), so they
have no xml ids and left effects in other addons' tables: down states on the machines'
timelines (and their KPI rows), maintenance requests, inbox to-dos and notices, outbox
messages. Odoo would then fail to delete the exception types (still used by the
exceptions) and the demo's teams. This hook:

1. deletes the exceptions the module's data loads made (same transaction timestamp as
   its xml ids: a user's rows never share it) and, for those only, their effects in the
   tables that outlive the module;
2. empties the module's own tables of what is left (a user's exceptions and their logs):
   they are dropped with the module right after, and would keep Odoo from deleting the
   types first. Their effects elsewhere (a user's down states, requests, to-dos) stay.
"""

from odoo.tools import SQL

MODULE = "shopfloor_andon"
EXCEPTION = "shopfloor.andon.exception"


def _load_times(env, module=MODULE):
    """The timestamps of the module's data loads (install, upgrades): Odoo stamps every
    row of one transaction with the same time."""
    env.cr.execute(
        SQL(
            "SELECT create_date FROM ir_model_data WHERE module = %s UNION"
            " SELECT write_date FROM ir_model_data WHERE module = %s",
            module,
            module,
        )
    )
    return [row[0] for row in env.cr.fetchall() if row[0]]


def uninstall_hook(env):
    # sudo: uninstalling is an administrator action on every company's records
    env = env(su=True, context=dict(env.context, active_test=False))
    load_times = _load_times(env)
    Exception_ = env[EXCEPTION]
    demo = Exception_.search([("create_date", "in", load_times)]) if load_times else Exception_
    if demo:
        _unlink_demo_effects(env, demo, load_times)
    # the module's own tables, children first (dropped with the module anyway)
    env.cr.execute(SQL("DELETE FROM shopfloor_andon_log"))
    env.cr.execute(SQL("DELETE FROM shopfloor_andon_exception"))
    Exception_.invalidate_model()


def _unlink_demo_effects(env, demo, load_times):
    """The demo exceptions' rows in tables that outlive the module (made at the same
    load: checked on each row, so that nothing a user made since is touched)."""
    made = [("create_date", "in", load_times)]
    events = demo.oee_event_id.filtered_domain(made)
    requests = (demo.maintenance_request_id | events.maintenance_request_id).filtered_domain(made)
    time_logs = events.productivity_id.filtered_domain(made)
    workcenters = events.workcenter_id
    dates = events.mapped("date_start")
    for model in ("shopfloor.inbox.item", "shopfloor.notify.message"):
        env[model].search(
            [*made, ("res_model", "=", EXCEPTION), ("res_id", "in", demo.ids)]
        ).unlink()
    env["mail.activity"].search(
        [*made, ("res_model", "=", EXCEPTION), ("res_id", "in", demo.ids)]
    ).unlink()
    demo.write({"oee_event_id": False, "maintenance_request_id": False})
    events.unlink()
    time_logs.exists().unlink()
    requests.unlink()
    oee_removed = env["ir.module.module"].search_count(
        [("name", "=", "shopfloor_oee"), ("state", "=", "to remove")]
    )
    if workcenters and dates and not oee_removed:
        # the machines' KPI rows counted the demo's down time: count again without it
        env["shopfloor.oee.kpi"]._recompute_range(workcenters, min(dates), env.cr.now())
