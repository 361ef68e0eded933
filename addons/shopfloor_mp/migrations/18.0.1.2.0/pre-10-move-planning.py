"""18.0.1.2.0: finite-capacity planning moves to its own addon, shopfloor_planning (issue 14).

Before shopfloor_mp is loaded with its new code, the external ids of everything planning
owned are given to shopfloor_planning (OpenUpgrade's ``rename_xmlids`` way): models,
fields, selection values, SQL constraints and foreign keys, views, actions, menus and
access rights. Without it, the end of the upgrade would delete what shopfloor_mp no
longer declares (dropping the columns ``mrp_production.shopfloor_urgent``, ...) and
shopfloor_planning would create them again empty.

Odoo installs a new ``auto_install`` addon only when one of its dependencies is being
*installed* (``button_install``), not upgraded: shopfloor_planning is marked "to install"
here, so the same upgrade loads it (in its second pass over the modules "to install")
and it takes over the records, data and columns kept. Configuration parameters keep
their keys (``shopfloor_mp.plan_objective``, ...): nothing to move.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

OLD = "shopfloor_mp"
NEW = "shopfloor_planning"

# models defined by planning, all their fields and selection values with them
MODELS = (
    "shopfloor.planner",
    "shopfloor.rush.order",
    "shopfloor.rush.order.line",
    "shopfloor.delivery.promise",
    "shopfloor.delivery.promise.line",
)
# fields planning adds to other models
FIELDS = {
    "mrp.production": (
        "shopfloor_urgent",
        "shopfloor_expected_finish",
        "shopfloor_in_plan",
        "shopfloor_late_hours",
        "shopfloor_is_late",
    ),
    "mrp.workorder": ("shopfloor_locked", "shopfloor_urgent", "shopfloor_production_late"),
    "mrp.workcenter": ("shopfloor_parallel_capacity",),
    "mrp.routing.workcenter": ("shopfloor_allow_overlap", "shopfloor_overlap_lag"),
    "res.config.settings": ("shopfloor_plan_objective", "shopfloor_plan_time_limit"),
}
# models shopfloor_mp no longer extends at all, but planning does: their ir.model id
INHERITED_MODELS = ("mrp.workcenter",)
# SQL constraints planning adds to other models
CONSTRAINTS = ("mrp_workcenter_shopfloor_parallel_capacity_positive",)
# records of planning's data files (views, actions, menus, access rights)
XMLIDS = (
    "mrp_production_form_view_planning",
    "mrp_production_tree_view_planning",
    "view_mrp_production_filter_planning",
    "mrp_production_workorder_tree_editable_view_planning",
    "mrp_workcenter_view_planning",
    "mrp_routing_workcenter_form_view_planning",
    "action_shopfloor_plan_selected",
    "action_shopfloor_plan_all",
    "action_shopfloor_late_productions",
    "action_shopfloor_planning_timeline",
    "menu_shopfloor_planning",
    "menu_shopfloor_planning_timeline",
    "menu_shopfloor_plan_all",
    "menu_shopfloor_rush_order",
    "menu_shopfloor_delivery_promise",
    "menu_shopfloor_late_productions",
    "shopfloor_rush_order_view_form",
    "action_shopfloor_rush_order",
    "shopfloor_delivery_promise_view_form",
    "action_shopfloor_delivery_promise",
    "access_shopfloor_rush_order_user",
    "access_shopfloor_rush_order_line_user",
    "access_shopfloor_delivery_promise_user",
    "access_shopfloor_delivery_promise_line_user",
)


def _move_xmlids(cr, model, res_ids_query):
    """Give ``OLD``'s external ids of the ``model`` records selected by ``res_ids_query``
    to ``NEW`` (kept in ``OLD`` when ``NEW`` already has the same name)."""
    cr.execute(
        SQL(
            """UPDATE ir_model_data d SET module = %s
                WHERE d.module = %s AND d.model = %s AND d.res_id IN (%s)
                  AND NOT EXISTS (SELECT 1 FROM ir_model_data n
                                   WHERE n.module = %s AND n.name = d.name)""",
            NEW,
            OLD,
            model,
            res_ids_query,
            NEW,
        )
    )
    return cr.rowcount


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("SELECT id, state FROM ir_module_module WHERE name = %s", NEW))
    row = cr.fetchone()
    if not row:
        # update_list() runs before any module is loaded in an upgrade: the addon is
        # missing from the addons path
        raise RuntimeError(f"{NEW} is not in the addons path: it is needed by {OLD} 18.0.1.2.0")
    new_module_id, state = row
    moved = {}
    moved["ir.model"] = _move_xmlids(
        cr, "ir.model", SQL("SELECT id FROM ir_model WHERE model IN %s", MODELS + INHERITED_MODELS)
    )
    field_pairs = [(model, name) for model, names in FIELDS.items() for name in names]
    field_ids = SQL(
        "SELECT id FROM ir_model_fields WHERE model IN %s OR (model, name) IN %s",
        MODELS,
        tuple(field_pairs),
    )
    moved["ir.model.fields"] = _move_xmlids(cr, "ir.model.fields", field_ids)
    moved["ir.model.fields.selection"] = _move_xmlids(
        cr,
        "ir.model.fields.selection",
        SQL("SELECT id FROM ir_model_fields_selection WHERE field_id IN (%s)", field_ids),
    )
    constraint_ids = SQL(
        """SELECT c.id FROM ir_model_constraint c
             JOIN ir_module_module m ON m.id = c.module AND m.name = %s
            WHERE c.model IN (%s) OR c.name IN %s""",
        OLD,
        SQL("SELECT id FROM ir_model WHERE model IN %s", MODELS),
        CONSTRAINTS,
    )
    moved["ir.model.constraint"] = _move_xmlids(cr, "ir.model.constraint", constraint_ids)
    # the constraints and many2many tables are owned through their own module column
    # (uninstalling shopfloor_mp must not drop what planning uses)
    cr.execute(
        SQL(
            "UPDATE ir_model_constraint SET module = %s WHERE id IN (%s)",
            new_module_id,
            constraint_ids,
        )
    )
    cr.execute(
        SQL(
            """UPDATE ir_model_relation r SET module = %s
                 FROM ir_module_module m
                WHERE m.id = r.module AND m.name = %s AND r.model IN (%s)""",
            new_module_id,
            OLD,
            SQL("SELECT id FROM ir_model WHERE model IN %s", MODELS),
        )
    )
    cr.execute(
        SQL(
            """UPDATE ir_model_data d SET module = %s
                WHERE d.module = %s AND d.name IN %s
                  AND NOT EXISTS (SELECT 1 FROM ir_model_data n
                                   WHERE n.module = %s AND n.name = d.name)""",
            NEW,
            OLD,
            XMLIDS,
            NEW,
        )
    )
    moved["data"] = cr.rowcount
    if state == "uninstalled":
        # loaded by this same upgrade, after the installed modules (see the docstring)
        cr.execute(
            SQL("UPDATE ir_module_module SET state = 'to install' WHERE id = %s", new_module_id)
        )
    _logger.info("%s: planning moved to %s (external ids: %s)", OLD, NEW, moved)
