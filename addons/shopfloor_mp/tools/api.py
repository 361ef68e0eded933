"""Building blocks of the mini-program API: endpoint declarations, errors, call context.

Plain Python: no model is defined here, so other addons and the tests import it freely::

    from odoo.addons.shopfloor_mp.tools.api import Endpoint, ShopfloorError
"""

import dataclasses
import datetime

from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

LANGS = ("en_US", "zh_CN")


@dataclasses.dataclass(frozen=True)
class Endpoint:
    """One API method: the framework calls ``getattr(env[model], method)(ctx, params)``.

    :param method: name of the ``shopfloor.api`` method serving the endpoint
    :param auth: ``worker`` (worker token, or device token + badge), ``device`` (device
        token only), ``user`` (an Odoo user's API key), ``none`` (binding only)
    :param write: the call changes data: it needs a client ``request_uid`` and a retry
        with the same id gets the first answer back
    :param secret: the answer holds a secret (token, one-time code): the call log keeps a
        redacted copy only, and a retry with the same request id is refused
        (``SF_REQUEST_SERVED``) instead of handing the secret out again
    """

    method: str
    auth: str = "worker"
    write: bool = False
    model: str = "shopfloor.api"
    secret: bool = False


@dataclasses.dataclass
class ApiContext:
    """Who calls, from where, when: handed to every endpoint method."""

    endpoint: str
    token: object  # shopfloor.token record (empty for auth="none" / "user")
    employee: object  # hr.employee record (may be empty)
    user: object  # res.users record acting (API technical user or the API-key user)
    company: object  # res.company record
    lang: str = "zh_CN"
    request_uid: str | None = None
    ip: str | None = None
    # filled by handlers for the failure log (own cursor), e.g. a wrong PIN's badge
    meta: dict = dataclasses.field(default_factory=dict)
    now: datetime.datetime = dataclasses.field(default_factory=datetime.datetime.utcnow)


class ShopfloorError(UserError):
    """A business error with a stable code, shown to workers in their language.

    ``message`` should be an ``_lt()`` lazy string (translated per worker), or a plain
    string for messages built at run time. ``details`` are JSON-serialisable values that
    go to the client in ``error.data`` and are interpolated into the message.
    """

    http_status = 200

    def __init__(self, code, message, **details):
        self.code = code
        self.lazy_message = message
        self.details = details
        super().__init__(self.get_message("en_US"))

    def get_details(self, lang):
        """The details in ``lang``: a detail may be a lazy text itself (the ``reason`` of
        a parameter error), translated like the message, never pasted in English."""
        return {
            key: value._translate(lang) if hasattr(value, "_translate") else value
            for key, value in self.details.items()
        }

    def get_message(self, lang):
        msg = self.lazy_message
        if hasattr(msg, "_translate"):
            msg = msg._translate(lang)
        try:
            return msg % self.get_details(lang) if self.details else msg
        except (KeyError, TypeError, ValueError):
            return msg

    def to_dict(self, lang):
        return {
            "code": self.code,
            "message": self.get_message(lang),
            "message_en": self.get_message("en_US"),
            "message_zh": self.get_message("zh_CN"),
            "details": self.get_details(lang),
        }


# The error catalogue of shopfloor_mp. Other addons raise their own codes the same way.
MESSAGES = {
    "SF_BAD_JSON": _lt("The request is not valid JSON-RPC."),
    "SF_BAD_PARAMS": _lt("Invalid parameter %(field)s: %(reason)s"),
    "SF_UNKNOWN_METHOD": _lt("Unknown API method %(method)s."),
    "SF_AUTH_REQUIRED": _lt("Please bind this phone first (no token was sent)."),
    "SF_AUTH_INVALID": _lt("This token is not valid. Please bind this phone again."),
    "SF_AUTH_EXPIRED": _lt("This token has expired. Please bind this phone again."),
    "SF_AUTH_REVOKED": _lt("This token was revoked by your leader. Please bind again."),
    "SF_BIND_CODE_INVALID": _lt("This binding code is wrong, used or expired."),
    "SF_BADGE_PIN_INVALID": _lt("Wrong badge number or PIN."),
    "SF_BADGE_REQUIRED": _lt("Scan your badge first: this is a shared terminal."),
    "SF_WECHAT_FAILED": _lt("WeChat login failed: %(reason)s"),
    "SF_WECHAT_UNBOUND": _lt("This WeChat account is not bound to a worker yet."),
    "SF_FORBIDDEN": _lt("You are not allowed to do this here."),
    "SF_UNKNOWN_CODE": _lt("This code is unknown."),
    "SF_OTHER_COMPANY": _lt("This code belongs to another company."),
    "SF_REQUEST_REUSED": _lt("This request id was already used for another request."),
    "SF_REQUEST_SERVED": _lt(
        "This request was already served and its answer held a secret that is shown only"
        " once. Start again with a new request id."
    ),
    "SF_AUTH_LOCKED": _lt(
        "Too many wrong attempts. Try again in %(retry_after)s seconds or ask your leader"
        " to unlock."
    ),
    "SF_REQUEST_TOO_OLD": _lt(
        "This offline report is too old to be accepted (%(hours)s h window)."
    ),
    "SF_WO_DONE": _lt("This operation is already finished."),
    "SF_WO_CANCELLED": _lt("This operation is cancelled."),
    "SF_MO_NOT_READY": _lt("This manufacturing order is not confirmed yet."),
    "SF_WO_NOT_STARTED": _lt("Start this operation before reporting on it."),
    "SF_WO_ALREADY_STARTED": _lt("You are already working on this operation."),
    "SF_WO_NOT_PAUSED": _lt("This operation is not paused."),
    "SF_QTY_EXCEEDS_AVAILABLE": _lt(
        "Only %(available)s more can be reported here (the previous operation passed on %(passed)s)."
    ),
    "SF_QTY_ABSURD": _lt("The quantity %(qty)s is not plausible for this order."),
    "SF_SCRAP_REASON_REQUIRED": _lt("Give a scrap reason."),
    "SF_BUSINESS_RULE": _lt("%(rule)s"),
    "SF_INTERNAL": _lt("The server could not process this request. Please try again."),
}

# SF_BUSINESS_RULE in a language other than the one Odoo wrote the rule's message in
RULE_OTHER_LANG = _lt(
    "This was refused by a rule of the system. Ask your team leader (details in the log)."
)


class RuleMessage:
    """The message of a rule of Odoo itself (a constraint, a UserError), known in the one
    language Odoo wrote it in. Translated like an ``_lt`` text: in that language it is the
    message; in any other, a generic message of the catalogue (never a fragment of the
    other language pasted into a sentence)."""

    def __init__(self, text, lang):
        self.text = text
        self.lang = lang

    def _translate(self, lang):
        if lang == self.lang and self.text:
            return self.text
        return RULE_OTHER_LANG._translate(lang)

    def __str__(self):
        return self._translate("en_US")


# Endpoints with auth="user" are called by office users (sales, planners) with their Odoo API
# key: the same codes, without "bind this phone".
USER_AUTH_MESSAGES = {
    "SF_AUTH_REQUIRED": _lt("Send your Odoo API key (no key was sent)."),
    "SF_AUTH_INVALID": _lt(
        "This API key is not valid or has expired. Create a new one in your Odoo preferences "
        "(Account Security)."
    ),
}


def error(code, **details):
    """Build the ShopfloorError of a catalogue code."""
    return ShopfloorError(code, MESSAGES[code], **details)


# Keys of an answer that hold a secret: the call log keeps "[redacted]" instead.
SECRET_KEYS = frozenset({"token", "code", "secret", "pin", "js_code", "bind_code"})
REDACTED = "[redacted]"


def redact(value):
    """``value`` (a JSON-able answer) with every secret key's value replaced."""
    if isinstance(value, dict):
        return {
            k: (REDACTED if k in SECRET_KEYS and v is not None else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


def dt(value):
    """A datetime for JSON: ISO text (UTC), or None when unset."""
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else None
