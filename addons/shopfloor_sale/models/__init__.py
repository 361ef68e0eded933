from . import (
    mrp_production,
    sale_order,
    shopfloor_api_workorder,
    shopfloor_sale_demo,
    shopfloor_sale_progress_link,
)
