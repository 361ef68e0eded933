from . import (
    test_api,
    test_api_params,
    test_demo,
    test_planning,
    test_planning_timeline_ui,
    test_qr_codes,
    test_wage,
    test_wage_integrity,
    test_workorder_flow,
)
