from . import (
    shopfloor_wage_payroll_export,
    shopfloor_wage_rate_xlsx,
)
