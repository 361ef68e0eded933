# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: OEE (ISO 22400)",
    "summary": "Machine state timeline, availability x performance x quality per shift, "
    "loss Pareto, breakdowns to maintenance, live work-center board",
    "version": "18.0.1.1.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp", "maintenance"],
    "data": [
        "security/ir.model.access.csv",
        "security/shopfloor_oee_security.xml",
        "data/shopfloor_oee_data.xml",
        "data/shopfloor_oee_loss_reason_data.xml",
        "views/shopfloor_oee_state_event_views.xml",
        "views/shopfloor_oee_count_views.xml",
        "views/shopfloor_oee_kpi_views.xml",
        "views/shopfloor_oee_loss_views.xml",
        "views/shopfloor_oee_loss_reason_views.xml",
        "views/shopfloor_oee_shift_views.xml",
        "views/shopfloor_oee_ideal_cycle_views.xml",
        "views/mrp_workcenter_views.xml",
        "views/maintenance_request_views.xml",
        "views/shopfloor_oee_menus.xml",
    ],
    "demo": [
        "demo/maintenance_equipment_demo.xml",
        "demo/shopfloor_oee_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
}
