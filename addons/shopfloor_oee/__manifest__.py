# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: OEE (ISO 22400)",
    "summary": "Machine state timeline, availability x performance x quality per shift, "
    "loss Pareto, breakdowns to maintenance, live work-center board",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp", "maintenance"],
    "data": [
        "security/ir.model.access.csv",
        "views/shopfloor_oee_menus.xml",
    ],
}
