from . import (
    test_wage,
    test_wage_integrity,
)
