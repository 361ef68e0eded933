from . import (
    shopfloor_bind_code_wizard,
    shopfloor_device_wizard,
)
