# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Live Boards",
    "summary": "Big-screen boards for the shop floor: work-center tiles, hourly plan against "
    "actual, late orders and OEE trend, opened by a secret link, updated through the bus",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_oee", "bus"],
    "data": [
        "security/ir.model.access.csv",
        "security/shopfloor_board_security.xml",
        "data/shopfloor_board_page_data.xml",
        "wizard/shopfloor_board_link_wizard.xml",
        "views/shopfloor_board_views.xml",
        "views/shopfloor_board_templates.xml",
    ],
    "demo": ["demo/shopfloor_board_demo.xml"],
    "assets": {
        # The board page (/shopfloor/board/<token>): Odoo's OWL and module loader, and
        # Chart.js as Odoo ships it. No build step, no login.
        "shopfloor_board.assets_board": [
            "web/static/src/module_loader.js",
            "web/static/lib/owl/owl.js",
            "web/static/lib/owl/odoo_module.js",
            "web/static/src/core/templates.js",
            "web/static/src/core/template_inheritance.js",
            "web/static/lib/Chart/Chart.js",
            "shopfloor_board/static/src/board/*",
        ],
    },
}
