"""Error codes of shopfloor_wage (same conventions as shopfloor_mp's catalogue)."""

from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MESSAGES = {
    "SF_WAGE_LINE_UNKNOWN": _lt("This wage line is not one of yours."),
    "SF_WAGE_DISPUTE_OPEN": _lt("This line is already disputed."),
}


def error(code, **details):
    return ShopfloorError(code, MESSAGES[code], **details)
