from . import (
    shopfloor_bind_code_wizard,
    shopfloor_device_wizard,
    shopfloor_wage_payroll_export,
    shopfloor_wage_rate_xlsx,
)
