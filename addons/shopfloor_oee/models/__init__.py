# isort: off
# first: shopfloor.oee.kpi inherits the ratio mixin
from . import shopfloor_oee_ratio_mixin

# isort: on
from . import (
    maintenance_request,
    mrp_workcenter,
    mrp_workcenter_productivity,
    shopfloor_api,
    shopfloor_oee_count,
    shopfloor_oee_gateway,
    shopfloor_oee_ideal_cycle,
    shopfloor_oee_kpi,
    shopfloor_oee_loss,
    shopfloor_oee_loss_reason,
    shopfloor_oee_shift,
    shopfloor_oee_state_event,
)
