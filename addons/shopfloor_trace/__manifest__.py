# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Quality Checkpoints and Traceability",
    "summary": "Quality points at operations, checks and alerts, defect Pareto and yields, "
    "per-unit lots and serials with QR labels, backward and forward trace",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Quality",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp"],
    "external_dependencies": {"python": ["qrcode", "xlsxwriter"]},
    "data": [
        "security/shopfloor_trace_security.xml",
        "security/ir.model.access.csv",
        "data/shopfloor_trace_data.xml",
        "views/shopfloor_quality_point_views.xml",
        "views/shopfloor_quality_check_views.xml",
        "views/shopfloor_quality_report_views.xml",
        "views/stock_lot_views.xml",
        "views/shopfloor_trace_wizard_views.xml",
        "report/stock_lot_label.xml",
        "views/shopfloor_trace_menus.xml",
    ],
    "demo": ["demo/shopfloor_quality_demo.xml"],
    "uninstall_hook": "uninstall_hook",
}
