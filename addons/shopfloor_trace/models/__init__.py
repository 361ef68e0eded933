# isort: skip_file
# Order matters: the SQL report views (last) read the tables of the models above.
from . import shopfloor_xlsx_export
from . import shopfloor_defect_type
from . import shopfloor_quality_team
from . import shopfloor_quality_point
from . import shopfloor_quality_check
from . import shopfloor_quality_check_defect
from . import shopfloor_quality_alert
from . import stock_lot
from . import stock_scrap
from . import stock_move_line
from . import shopfloor_report
from . import mrp_production
from . import mrp_workorder
from . import shopfloor_code
from . import shopfloor_trace
from . import shopfloor_api
from . import shopfloor_api_quality
from . import shopfloor_api_trace
from . import shopfloor_api_workorder
from . import shopfloor_defect_pareto
from . import shopfloor_yield_operation
from . import shopfloor_yield_product
