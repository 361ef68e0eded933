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
        "security/ir.model.access.csv",
        "views/shopfloor_trace_menus.xml",
    ],
}
