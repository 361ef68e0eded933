# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Shop Floor: Piece-rate Wages",
    "summary": "Piece-rate and time wages from the scan reports: rates, wage lines, "
    "statements locked into journal entries, disputes, labour in MO cost, payroll exports",
    "version": "18.0.1.0.0",
    "category": "Manufacturing/Manufacturing",
    "website": "https://github.com/shopfloor/shopfloor",
    "author": "shopfloor",
    "license": "LGPL-3",
    "depends": ["shopfloor_mp"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/shopfloor_wage_security.xml",
        "security/ir.model.access.csv",
        "views/shopfloor_wage_rule_views.xml",
        "views/shopfloor_wage_line_views.xml",
        "views/shopfloor_wage_statement_views.xml",
        "views/shopfloor_wage_dispute_views.xml",
        "views/mrp_workorder_views.xml",
        "views/mrp_production_views.xml",
        "views/hr_employee_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/shopfloor_wage_rate_xlsx.xml",
        "wizard/shopfloor_wage_payroll_export.xml",
        "views/shopfloor_wage_menus.xml",
    ],
    # a database with shopfloor_mp keeps its wages: installed with it (and, on an upgrade
    # from shopfloor_mp 18.0.1.1.0, by shopfloor_mp's migration 18.0.1.2.0)
    "auto_install": True,
}
