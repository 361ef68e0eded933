"""Strict parsing and one-pass checking of an API request body (no Odoo import).

Every endpoint's body goes through :func:`parse` then :func:`check` in the dispatcher,
before any endpoint code runs, so a hostile value is refused once, in one place, with the
path of the offending field:

- the body must be UTF-8: invalid bytes are refused, never stored as U+FFFD;
- ``NaN``/``Infinity`` literals are not JSON;
- nesting deeper than :data:`MAX_DEPTH` is refused (a body nested 100,000 deep included);
- strings (and object keys) with a NUL character or a lone UTF-16 surrogate are refused:
  PostgreSQL cannot store them;
- numbers must be finite and within :data:`MAX_NUMBER` (JSON numbers beyond a double's
  range, or integers no JavaScript client can send exactly, are mistakes).
"""

import json
import math

MAX_DEPTH = 16
# 2**53: the largest integer a JavaScript client sends exactly; also bounds floats
MAX_NUMBER = 2**53
MAX_NODES = 100_000

# reason keys: the API layer maps them to translated texts (tools/params.py)
REASONS = ("nul", "surrogate", "number", "depth", "size", "key")


class PayloadError(ValueError):
    """A value of the body is refused: ``field`` (path like ``events[3].ts``), ``reason``
    (one of :data:`REASONS`)."""

    def __init__(self, field, reason):
        super().__init__(field, reason)
        self.field = field
        self.reason = reason


class BodyError(ValueError):
    """The body is not JSON this API accepts (encoding, syntax, nesting)."""


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse(raw):
    """Bytes of a request body -> Python value. Raises :class:`BodyError`."""
    if isinstance(raw, bytes | bytearray):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BodyError("invalid UTF-8") from exc
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except RecursionError as exc:
        raise BodyError("nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, int too long, constants
        raise BodyError(str(exc)[:200]) from exc


def _bad_string(value):
    if "\x00" in value:
        return "nul"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "surrogate"
    return None


def _join(path, key):
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def check(value, root="", max_depth=MAX_DEPTH):
    """Check a parsed body (iteratively: no recursion). Raises :class:`PayloadError`."""
    stack = [(value, root, 0)]
    nodes = 0
    while stack:
        item, path, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise PayloadError(root or "params", "size")
        if isinstance(item, str):
            reason = _bad_string(item)
            if reason:
                raise PayloadError(path or "params", reason)
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if abs(item) > MAX_NUMBER:
                raise PayloadError(path or "params", "number")
        elif isinstance(item, float):
            if not math.isfinite(item) or abs(item) > MAX_NUMBER:
                raise PayloadError(path or "params", "number")
        elif isinstance(item, dict | list):
            if depth >= max_depth:
                raise PayloadError(path or "params", "depth")
            if isinstance(item, dict):
                for key, sub in item.items():
                    if not isinstance(key, str) or _bad_string(key) or len(key) > 128:
                        raise PayloadError(path or "params", "key")
                    stack.append((sub, _join(path, key), depth + 1))
            else:
                for index, sub in enumerate(item):
                    stack.append((sub, _join(path, index), depth + 1))
    return None
