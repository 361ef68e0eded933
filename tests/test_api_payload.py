"""The one-pass check of API bodies (shopfloor_mp/tools/payload.py), without a database."""

import json

import pytest
from conftest import load_tool

payload = load_tool("shopfloor_mp", "payload")


def _refused(value):
    with pytest.raises(payload.PayloadError) as info:
        payload.check(value)
    return info.value.field, info.value.reason


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"a": 1, "b": -2.5, "c": "日本語 ok", "d": [1, {"e": None}], "f": True},
        {"n": 2**53, "m": -(2**53)},
        {"s": "x" * 10_000},
        {"emoji": "🏭"},
    ],
)
def test_accepted(value):
    assert payload.check(value) is None


@pytest.mark.parametrize(
    "value, field, reason",
    [
        ({"name": "a\x00b"}, "name", "nul"),
        ({"name": "\ud800"}, "name", "surrogate"),
        ({"name": "x\udfffy"}, "name", "surrogate"),
        ({"qty": 10**400}, "qty", "number"),
        ({"qty": 2**53 + 1}, "qty", "number"),
        ({"qty": float("inf")}, "qty", "number"),
        ({"qty": float("-inf")}, "qty", "number"),
        ({"qty": float("nan")}, "qty", "number"),
        ({"qty": 1e308}, "qty", "number"),
        ({"events": [{"good": 1}, {"good": 1e300}]}, "events[1].good", "number"),
        ({"events": [{"ts": "\x00"}]}, "events[0].ts", "nul"),
        ({"a\x00": 1}, "params", "key"),
        ({"\ud800": 1}, "params", "key"),
        ({"k" * 129: 1}, "params", "key"),
    ],
)
def test_refused_with_field(value, field, reason):
    got_field, got_reason = _refused(value)
    assert got_reason == reason
    assert got_field == (field if field != "params" else "params")


def test_depth():
    value = {}
    node = value
    for _i in range(payload.MAX_DEPTH + 1):
        node["x"] = {}
        node = node["x"]
    assert _refused(value)[1] == "depth"
    deep = []
    for _i in range(100_000):  # iterative check: no RecursionError on deep values
        deep = [deep]
    assert _refused({"a": deep})[1] == "depth"


def test_size():
    assert _refused({"a": list(range(payload.MAX_NODES + 1))})[1] == "size"


@pytest.mark.parametrize(
    "raw",
    [
        b'{"params": {"name": "caf\xe9"}}',  # latin-1, not UTF-8
        b'{"params": {"name": "\xff\xfe"}}',
        b'{"params": {"name": "\xed\xa0\x80"}}',  # CESU surrogate bytes
        b'{"params": {"qty": NaN}}',
        b'{"params": {"qty": Infinity}}',
        b'{"params": {"qty": -Infinity}}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"params": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"a": 1' + b"0" * 5000 + b"}",  # an integer too long to even convert
        b"",
        b"{",
    ],
)
def test_body_refused(raw):
    with pytest.raises(payload.BodyError):
        payload.parse(raw)


def test_body_parsed_then_checked():
    raw = json.dumps({"params": {"s": "\ud800"}}).encode()  # escaped: valid JSON text
    body = payload.parse(raw)
    assert _refused(body) == ("params.s", "surrogate")
    body = payload.parse(b'{"params": {"qty": 1e400}}')  # parses to inf
    assert _refused(body) == ("params.qty", "number")
    assert payload.parse('{"a": "\u4e2d"}'.encode()) == {"a": "中"}
