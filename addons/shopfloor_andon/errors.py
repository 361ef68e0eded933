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

# SF_ANDON_BAD_STATE: the state and the action in words, in the worker's language (the
# codes stay in details.state_code / details.action_code for the apps)
STATE_LABELS = {
    "raised": _lt("raised"),
    "acknowledged": _lt("acknowledged"),
    "onsite": _lt("on site"),
    "resolved": _lt("resolved"),
    "verified": _lt("verified"),
    "closed": _lt("closed"),
    "cancel": _lt("cancelled"),
}
ACTION_LABELS = {
    "ack": _lt("acknowledged"),
    "onsite": _lt("marked on site"),
    "resolve": _lt("resolved"),
    "verify": _lt("verified"),
    "close": _lt("closed"),
    "cancel": _lt("cancelled"),
    "reopen": _lt("reopened"),
}


def bad_state(state, action):
    """SF_ANDON_BAD_STATE with the labels of ``state`` and ``action``."""
    return error(
        "SF_ANDON_BAD_STATE",
        state=STATE_LABELS.get(state, state),
        action=ACTION_LABELS.get(action, action),
        state_code=state,
        action_code=action,
    )


def error(code, **details):
    return ShopfloorError(code, MESSAGES[code], **details)
