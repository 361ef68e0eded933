from . import (
    shopfloor_bind_code_wizard,
    shopfloor_delivery_promise,
    shopfloor_device_wizard,
    shopfloor_rush_order,
)
