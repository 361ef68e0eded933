"""Validation of API parameters: every bad input becomes SF_BAD_PARAMS with the field name."""

import datetime
import math
import re

from .api import error

MAX_QTY = 1_000_000
UUID_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{7,63}$")


class Params:
    """Typed access to a JSON params object.

    >>> p = Params({"workorder_id": 3, "qty_good": 2})
    >>> p.int("workorder_id"), p.qty("qty_good"), p.qty("qty_scrap", required=False)
    (3, 2.0, 0.0)
    """

    def __init__(self, params):
        if not isinstance(params, dict):
            raise error("SF_BAD_PARAMS", field="params", reason="must be an object")
        self.params = params

    def _missing(self, name, required, default):
        if required:
            raise error("SF_BAD_PARAMS", field=name, reason="is required")
        return default

    def raw(self, name, required=False, default=None):
        if self.params.get(name) is None:
            return self._missing(name, required, default)
        return self.params[name]

    def int(self, name, required=True, default=None):
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise error("SF_BAD_PARAMS", field=name, reason="must be a positive integer id")
        return value

    def str(self, name, required=True, default=None, max_len=256):
        value = self.params.get(name)
        if value is None or value == "":
            return self._missing(name, required, default)
        if not isinstance(value, str):
            raise error("SF_BAD_PARAMS", field=name, reason="must be a string")
        if len(value) > max_len:
            raise error("SF_BAD_PARAMS", field=name, reason=f"is longer than {max_len}")
        return value.strip()

    def qty(self, name, required=True, default=0.0):
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise error("SF_BAD_PARAMS", field=name, reason="must be a number")
        if math.isnan(value) or math.isinf(value):
            raise error("SF_BAD_PARAMS", field=name, reason="must be a finite number")
        if value < 0:
            raise error("SF_BAD_PARAMS", field=name, reason="cannot be negative")
        if value > MAX_QTY:
            raise error("SF_QTY_ABSURD", qty=value)
        return float(value)

    def bool(self, name, required=False, default=False):
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if not isinstance(value, bool):
            raise error("SF_BAD_PARAMS", field=name, reason="must be true or false")
        return value

    def datetime(self, name, required=False, default=None):
        """An ISO 8601 timestamp (with offset, or UTC when none) -> naive UTC datetime."""
        value = self.params.get(name)
        if value is None:
            return self._missing(name, required, default)
        if not isinstance(value, str):
            raise error("SF_BAD_PARAMS", field=name, reason="must be an ISO 8601 string")
        try:
            parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise error("SF_BAD_PARAMS", field=name, reason="must be an ISO 8601 string")
        if parsed.tzinfo:
            parsed = parsed.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return parsed.replace(microsecond=0)

    def request_uid(self, required=True):
        value = self.params.get("request_uid")
        if value is None:
            return self._missing("request_uid", required, None)
        if not isinstance(value, str) or not UUID_RE.match(value):
            raise error(
                "SF_BAD_PARAMS",
                field="request_uid",
                reason="must be a UUID (8 to 64 letters, digits, - or _)",
            )
        return value
