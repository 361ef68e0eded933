from . import (
    hr_employee,
    mrp_production,
    res_company,
    res_config_settings,
    shopfloor_api,
    shopfloor_material_move,
    shopfloor_material_request,
    stock_move,
    stock_warehouse,
)
