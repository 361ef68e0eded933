# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Andon (Exceptions and Escalation)",
    "summary": "Exceptions raised in one tap (breakdown, material, quality, process, safety), "
    "acknowledged, on site, resolved, verified and closed; escalation ladder; OEE downtime "
    "and maintenance requests; MTTA/MTTR and Pareto",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp", "shopfloor_oee", "maintenance"],
    "data": [
        "security/shopfloor_andon_security.xml",
        "security/ir.model.access.csv",
        "data/shopfloor_andon_data.xml",
        "views/shopfloor_andon_exception_views.xml",
        "views/shopfloor_andon_type_views.xml",
        "views/shopfloor_andon_team_views.xml",
        "views/shopfloor_andon_cause_views.xml",
        "views/maintenance_request_views.xml",
        "views/shopfloor_andon_menus.xml",
    ],
    "demo": [
        "demo/shopfloor_andon_demo.xml",
    ],
    "uninstall_hook": "uninstall_hook",
}
