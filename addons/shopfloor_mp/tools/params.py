"""Validation of API parameters: every bad input becomes SF_BAD_PARAMS with the field name.

The whole body is checked once by :func:`check_payload` (the dispatcher calls it for every
endpoint: NUL characters, lone surrogates, non-finite or huge numbers, deep nesting); the
typed accessors of :class:`Params` then check each parameter's type and range. The
``reason`` of an error is translated in the worker's language like the message itself.
"""

import datetime
import math
import re

from odoo.tools.translate import LazyTranslate

from . import payload as payload_tools
from .api import error

_lt = LazyTranslate(__name__)

MAX_QTY = 1_000_000
# ids are PostgreSQL integers
MAX_ID = 2**31 - 1
# \Z, not $: "$" also matches before a trailing newline
UUID_RE = re.compile(r"\A[0-9A-Za-z][0-9A-Za-z_-]{7,63}\Z")
# timestamps a shop floor can mean (anything else is a client's mistake)
MIN_YEAR, MAX_YEAR = 2000, 2999

REASONS = {
    "object": _lt("must be an object"),
    "required": _lt("is required"),
    "id": _lt("must be a positive integer id"),
    "string": _lt("must be a string"),
    "too_long": _lt("is longer than %(max)s characters"),
    "number": _lt("must be a number"),
    "finite": _lt("must be a finite number"),
    "negative": _lt("cannot be negative"),
    "bool": _lt("must be true or false"),
    "iso": _lt("must be an ISO 8601 string"),
    "date_range": _lt("is not a plausible date (years %(min)s to %(max)s)"),
    "uuid": _lt("must be a UUID (8 to 64 letters, digits, - or _)"),
    "list": _lt("must be a list"),
    "list_ids": _lt("must be a list of ids"),
    "future": _lt("is in the future"),
    "nul": _lt("contains a NUL character"),
    "surrogate": _lt("contains an invalid character (lone UTF-16 surrogate)"),
    "range": _lt("is a number out of range"),
    "depth": _lt("is nested too deeply"),
    "size": _lt("has too many values"),
    "key": _lt("has an invalid key"),
    "unknown": _lt("is unknown"),
    "not_operation": _lt("is not an operation"),
    "not_pause": _lt("is not a pause reason"),
    "unknown_defect": _lt("unknown defect type"),
    "positive": _lt("report a positive quantity"),
    "list_ids_max": _lt("must be a list of 1 to %(max)s ids"),
    "one_of": _lt("must be one of: %(values)s"),
    "not_of_order": _lt("does not belong to this order"),
    "not_of_type": _lt("is not a cause of this type"),
}


def reason(key, **args):
    """The translatable reason text of a parameter error (interpolated per language)."""
    text = REASONS[key]
    return _Reason(text, args) if args else text


class _Reason:
    """A reason with arguments, translated lazily (``_translate(lang)`` like _lt)."""

    def __init__(self, text, args):
        self.text = text
        self.args = args

    def _translate(self, lang):
        return self.text._translate(lang) % self.args

    def __str__(self):
        return self._translate("en_US")


def bad(field, key, **args):
    """SF_BAD_PARAMS for ``field`` with a translated reason."""
    return error("SF_BAD_PARAMS", field=field, reason=reason(key, **args))


def check_payload(params, root="params"):
    """Check a whole body once (see tools/payload.py): raises SF_BAD_PARAMS."""
    try:
        payload_tools.check(params)
    except payload_tools.PayloadError as exc:
        key = "range" if exc.reason == "number" else exc.reason
        raise bad(exc.field or root, key) from None


class Params:
    """Typed access to a JSON params object.

    >>> p = Params({"workorder_id": 3, "qty_good": 2})
    >>> p.int("workorder_id"), p.qty("qty_good"), p.qty("qty_scrap", required=False)
    (3, 2.0, 0.0)
    """

    def __init__(self, params):
        if not isinstance(params, dict):
            raise bad("params", "object")
        self.params = params

    def _missing(self, name, required, default):
        if required:
            raise bad(name, "required")
        return default

    def raw(self, name, required=False, default=None):
        if self.params.get(name) is None:
            return self._missing(name, required, default)
        return self.params[name]

    def int(self, name, required=True, default=None):
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
            raise bad(name, "id")
        return value

    def str(self, name, required=True, default=None, max_len=256):
        value = self.params.get(name)
        if value is None or value == "":
            return self._missing(name, required, default)
        if not isinstance(value, str):
            raise bad(name, "string")
        if len(value) > max_len:
            raise bad(name, "too_long", max=max_len)
        reason_key = payload_tools._bad_string(value)
        if reason_key:  # bodies are checked already; values built by code are not
            raise bad(name, reason_key)
        return value.strip()

    def qty(self, name, required=True, default=0.0):
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad(name, "number")
        if isinstance(value, float) and not math.isfinite(value):
            raise bad(name, "finite")
        if value < 0:
            raise bad(name, "negative")
        if value > MAX_QTY:
            raise error("SF_QTY_ABSURD", qty=value)
        return float(value)

    def bool(self, name, required=False, default=False):
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if not isinstance(value, bool):
            raise bad(name, "bool")
        return value

    def datetime(self, name, required=False, default=None):
        """An ISO 8601 timestamp (with offset, or UTC when none) -> naive UTC datetime."""
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if not isinstance(value, str) or len(value) > 64:
            raise bad(name, "iso")
        parsed = parse_datetime(value)
        if parsed is None:
            raise bad(name, "iso")
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            raise bad(name, "date_range", min=MIN_YEAR, max=MAX_YEAR)
        return parsed

    def request_uid(self, required=True):
        value = self.params.get("request_uid")
        if value is None:
            return self._missing("request_uid", required, None)
        if not isinstance(value, str) or not UUID_RE.match(value):
            raise bad("request_uid", "uuid")
        return value

    def ids(self, name, required=False, default=None, max_count=1000):
        """A list of positive integer ids."""
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if not isinstance(value, list) or len(value) > max_count:
            raise bad(name, "list_ids")
        for item in value:
            if isinstance(item, bool) or not isinstance(item, int) or not 0 < item <= MAX_ID:
                raise bad(name, "list_ids")
        return value


def parse_datetime(value):
    """ISO 8601 text (with offset or Z; naive = UTC) -> naive UTC datetime (seconds), or
    None when it is not one or falls off the calendar once in UTC
    (``0001-01-01T00:00:00+14:00``)."""
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo:
            parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.replace(microsecond=0)
