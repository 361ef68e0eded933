# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Andon and Quality Alerts",
    "summary": "A quality exception raised on the shop floor opens a quality alert; "
    "solving the alert resolves the exception",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_andon", "shopfloor_trace"],
    "data": [
        "views/shopfloor_andon_exception_views.xml",
    ],
    "auto_install": True,
}
