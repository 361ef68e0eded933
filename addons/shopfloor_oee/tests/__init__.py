from . import (
    test_oee_access,
    test_oee_aggregate,
    test_oee_api,
    test_oee_breakdown,
    test_oee_gateway,
    test_oee_guards,
    test_oee_kpi,
)
