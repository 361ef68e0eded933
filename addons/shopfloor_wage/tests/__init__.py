from . import (
    test_wage,
    test_wage_integrity,
    test_wage_notify,
)
