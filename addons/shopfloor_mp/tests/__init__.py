from . import (
    test_api,
    test_api_access,
    test_api_params,
    test_api_secrets,
    test_auth_lock,
    test_demo,
    test_planning,
    test_planning_timeline_ui,
    test_qr_codes,
    test_wage,
    test_workorder_flow,
)
