# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Scan Reporting and Mini-program API",
    "summary": "Routing-level scan reporting by workers, per-employee time, "
    "QR codes and the versioned JSON-RPC API of the WeChat mini-program",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["mrp", "mrp_account", "hr", "stock"],
    "external_dependencies": {"python": ["qrcode"]},
    "data": [
        "security/shopfloor_security.xml",
        "security/ir.model.access.csv",
        "views/shopfloor_menus.xml",
    ],
}
