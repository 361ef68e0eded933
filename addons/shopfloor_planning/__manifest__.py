# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Finite-capacity Planning",
    "summary": "Finite-capacity scheduler (OR-Tools CP-SAT), rush orders, delivery promises, "
    "the visual plan and the plan/* API endpoints",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp"],
    "external_dependencies": {"python": ["ortools"]},
    # a database with shopfloor_mp keeps its planning (it was part of shopfloor_mp
    # until 18.0.1.2.0, whose migration installs this addon during the upgrade)
    "auto_install": True,
    "data": [
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "wizard/shopfloor_rush_order.xml",
        "wizard/shopfloor_delivery_promise.xml",
        "views/mrp_production_views.xml",
        "views/mrp_workorder_views.xml",
        "views/mrp_workcenter_views.xml",
        "views/mrp_routing_workcenter_views.xml",
        "views/shopfloor_planning_menus.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_backend": [
            "shopfloor_planning/static/src/planning_timeline/*",
        ],
        "web.assets_tests": [
            "shopfloor_planning/static/tests/tours/*.js",
        ],
    },
}
