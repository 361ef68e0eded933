from . import shopfloor_trace_wizard
