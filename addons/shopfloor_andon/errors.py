"""Error codes of shopfloor_andon (same conventions as shopfloor_mp's catalogue)."""

from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MESSAGES = {
    "SF_ANDON_TYPE_UNKNOWN": _lt("This exception type is unknown."),
    "SF_ANDON_NO_TARGET": _lt("Say where: a work order, a work center or a machine's code."),
    "SF_ANDON_UNKNOWN": _lt("This exception is unknown."),
    "SF_ANDON_BAD_STATE": _lt("This exception is %(state)s: it cannot be %(action)s now."),
    "SF_ANDON_NOT_RESPONDER": _lt("You are not a responder of this exception."),
    "SF_ANDON_NOT_VERIFIER": _lt("Only the person who raised it or a leader may do this."),
    "SF_ANDON_WRONG_MACHINE": _lt("This is not the machine of the exception: scan its own code."),
    "SF_ANDON_PHOTO_INVALID": _lt("The photo is not a valid image of at most %(max_kb)s KB."),
}


def error(code, **details):
    return ShopfloorError(code, MESSAGES[code], **details)
