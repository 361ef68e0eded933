# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Material Issue, Return and Replenishment",
    "summary": "Scan-based material issue, return, replenishment requests and material "
    "scrap against the BOM, on Odoo stock moves, with variance",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp", "shopfloor_wage", "mrp", "stock"],
    "external_dependencies": {"python": ["qrcode", "xlsxwriter"]},
    "data": [
        "security/shopfloor_material_security.xml",
        "security/ir.model.access.csv",
        "data/shopfloor_material_data.xml",
        "views/shopfloor_material_move_views.xml",
        "views/shopfloor_material_request_views.xml",
        "wizard/shopfloor_material_issue_wizard.xml",
        "views/mrp_production_views.xml",
        "views/res_config_settings_views.xml",
        "views/shopfloor_material_variance_views.xml",
        "report/material_slip.xml",
        "views/shopfloor_material_menus.xml",
    ],
    "demo": ["demo/shopfloor_material_demo.xml"],
    "uninstall_hook": "uninstall_hook",
}
