"""Error codes of shopfloor_material (same conventions as shopfloor_mp's catalogue)."""

from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MESSAGES = {
    "SF_MAT_NOT_PRODUCTION": _lt("This code is not a manufacturing order or a job card."),
    "SF_MAT_MO_STATE": _lt("Material cannot move for %(production)s in its state (%(state)s)."),
    "SF_MAT_NOT_COMPONENT": _lt("%(product)s is not a component of %(production)s."),
    "SF_MAT_UNKNOWN_COMPONENT": _lt("This code is not a product or a lot."),
    "SF_MAT_LOT_REQUIRED": _lt("%(product)s is tracked by lot or serial: scan the lot."),
    "SF_MAT_LOT_MISMATCH": _lt("Lot %(lot)s is not a lot of %(product)s."),
    "SF_MAT_SERIAL_QTY": _lt("A serial number is issued one unit at a time."),
    "SF_MAT_QTY_ZERO": _lt("Give a quantity greater than zero."),
    "SF_MAT_OVER_ISSUE": _lt(
        "Only %(allowed)s %(uom)s of %(product)s may still be issued: "
        "ask for a replenishment for more."
    ),
    "SF_MAT_NO_STOCK": _lt("Only %(available)s %(uom)s of %(product)s are in %(location)s."),
    "SF_MAT_RETURN_EXCEEDS": _lt(
        "Only %(returnable)s %(uom)s of %(product)s can go back (issued and not consumed)."
    ),
    "SF_MAT_SCRAP_EXCEEDS": _lt(
        "Only %(available)s %(uom)s of %(product)s are on the line for this order."
    ),
    "SF_MAT_REASON_REQUIRED": _lt("Give a reason."),
    "SF_MAT_DEFECT_REQUIRED": _lt("Give the defect type of the scrap."),
    "SF_MAT_NOT_OVER": _lt(
        "%(allowed)s %(uom)s may still be issued without approval: issue them first."
    ),
    "SF_MAT_UNKNOWN_REQUEST": _lt("This replenishment request is unknown."),
    "SF_MAT_REQUEST_DECIDED": _lt("This replenishment request is already %(state)s."),
    "SF_MAT_NOT_LEADER": _lt("Only the team leader may approve or refuse this request."),
    "SF_MAT_NO_LINE_LOCATION": _lt(
        "No line-side location is configured for warehouse %(warehouse)s."
    ),
}


def error(code, **details):
    return ShopfloorError(code, MESSAGES[code], **details)
