from . import test_oee_kpi
from . import test_oee_gateway
from . import test_oee_breakdown
from . import test_oee_access
