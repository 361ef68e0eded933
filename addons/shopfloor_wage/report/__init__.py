from . import mrp_report_mo_overview
