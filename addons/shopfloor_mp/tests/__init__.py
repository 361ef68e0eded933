from . import (
    test_api,
    test_api_access,
    test_api_params,
    test_api_secrets,
    test_auth_lock,
    test_demo,
    test_inbox,
    test_notify,
    test_qr_codes,
    test_worker_app,
    test_workorder_flow,
)
