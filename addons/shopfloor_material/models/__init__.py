from . import (
    hr_employee,
    mrp_production,
    res_company,
    res_config_settings,
    shopfloor_api,
    shopfloor_material_move,
    shopfloor_material_move_demo,
    shopfloor_material_request,
    shopfloor_material_variance,
    shopfloor_wage_line,
    stock_move,
    stock_warehouse,
)
