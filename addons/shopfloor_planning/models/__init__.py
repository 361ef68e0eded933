from . import (
    mrp_production,
    mrp_routing_workcenter,
    mrp_workcenter,
    mrp_workorder,
    res_config_settings,
    shopfloor_api,
    shopfloor_planner,
    shopfloor_planner_apply,
    shopfloor_planner_promise,
    shopfloor_planner_rush,
    shopfloor_planner_timeline,
)
