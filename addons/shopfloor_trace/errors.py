"""Error codes of shopfloor_trace (same conventions as shopfloor_mp's catalogue)."""

from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MESSAGES = {
    "SF_QC_BLOCKING": _lt("Quality checks must pass before going on: %(checks)s"),
    "SF_QC_NOT_DUE": _lt("No quality check is due here."),
    "SF_QC_UNKNOWN_CHECK": _lt("This quality check is unknown."),
    "SF_QC_ALREADY_DONE": _lt("This quality check has already passed."),
    "SF_QC_BAD_RESULT": _lt("Invalid check result: %(reason)s"),
    "SF_QC_LOT_ON_HOLD": _lt("Lot %(lot)s is on hold for a quality alert."),
    "SF_TRACE_NOT_LOT": _lt("This code is not a lot or serial number."),
    "SF_TRACE_BAD_SERIAL": _lt("Serial-tracked products are reported in whole units."),
    "SF_TRACE_LOT_NOT_HERE": _lt(
        "Lot and serial numbers are given at the last operation of a tracked product, "
        "with good units only."
    ),
    "SF_TRACE_LOT_MISMATCH": _lt("This order's batch is lot %(lot)s already."),
    "SF_TRACE_SERIAL_COUNT": _lt(
        "Give one serial number per good unit: %(expected)s needed, %(given)s given."
    ),
    "SF_TRACE_SERIAL_EXISTS": _lt("Serial number %(serial)s is already used."),
}

# what workorder/report and workorder/finish accept as lot or serial numbers
MAX_LOT_NAME = 64
MAX_SERIALS = 1000

# reasons of SF_QC_BAD_RESULT, translated like the message
REASONS = {
    "defects_list": _lt("defects must be a list"),
    "defect_object": _lt("each defect is an object"),
    "defect_unknown": _lt("unknown defect type"),
    "result": _lt("result must be pass or fail"),
    "measure": _lt("measure must be a finite number"),
}


def error(code, **details):
    return ShopfloorError(code, MESSAGES[code], **details)
