from . import test_api, test_qr_codes, test_workorder_flow
from . import test_planning
