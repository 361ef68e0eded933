from . import (
    hr_employee,
    mrp_production,
    mrp_workorder,
    res_company,
    res_config_settings,
    shopfloor_api,
    shopfloor_report,
    shopfloor_wage_dispute,
    shopfloor_wage_line,
    shopfloor_wage_rule,
    shopfloor_wage_statement,
)
