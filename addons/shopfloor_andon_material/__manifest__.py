# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Andon and Material Shortages",
    "summary": "A material shortage (refused replenishment, issue impossible for lack of "
    "stock) raises a material-shortage exception for the storekeepers; the issue that "
    "brings the material resolves it",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_andon", "shopfloor_material"],
    "data": [
        "views/shopfloor_andon_exception_views.xml",
        "views/shopfloor_material_request_views.xml",
    ],
    "auto_install": True,
}
