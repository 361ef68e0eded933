from . import (
    test_api,
    test_demo,
    test_planning,
    test_planning_timeline_ui,
    test_qr_codes,
    test_wage,
    test_worker_app,
    test_workorder_flow,
)
