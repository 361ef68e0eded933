"""Generated fuzz test of the whole API over HTTP: 0 SF_INTERNAL, 0 writes on error.

Requests are built from docs/api_schema.json (hypothesis + hypothesis-jsonschema, fixed
seed, derandomized, no shrinking: bounded in time) and from a corpus of hostile values
(NUL characters, lone surrogates, numbers beyond float range, calendar edges, lists and
objects where a value is expected, ...) and hostile bodies (invalid UTF-8, nesting
100,000 deep, NaN literals), sent to every endpoint with the right kind of token. Each
answer is a documented JSON-RPC error object or a result; an error never leaves a write
behind (row counts and last write dates of the business tables, read between calls).

Traffic to ``auth/bind_pin`` and ``auth/bind`` stays small: wrong PINs and codes are
throttled per badge and address.
"""

import datetime
import json
import os
import uuid

import pytest
from conftest import new_uid
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from test_api_e2e import SCHEMA, Factory, validate

try:
    import psycopg2
    from psycopg2 import sql
except ImportError:  # pragma: no cover - the venv has it (Odoo needs it)
    psycopg2 = None

METHODS = SCHEMA["methods"]
# examples per method from the schema (auth endpoints: throttled, keep it small)
EXAMPLES = {"auth/bind_pin": 2, "auth/bind": 3, "auth/wechat": 3, "auth/logout": 3}
DEFAULT_EXAMPLES = 4
# per endpoint, a rotating window of the hostile corpus and bodies: every value reaches
# about a third of the endpoints, every endpoint gets values of every kind (bounded time)
HOSTILE_PER_METHOD = 10
BODIES_PER_METHOD = 2
# the last ones: they end the token or the work order they are given
LAST = ("workorder/finish", "auth/logout")
ORDERED = sorted(METHODS, key=lambda m: (m in LAST, LAST.index(m) if m in LAST else 0, m))

# tables a failed call must leave untouched (the call log records failures by design)
WATCHED = [
    "mrp_production",
    "mrp_workorder",
    "mrp_workcenter_productivity",
    "stock_move",
    "stock_move_line",
    "stock_scrap",
    "stock_lot",
    "hr_employee",
    "shopfloor_report",
    "shopfloor_token",
    "shopfloor_bind_code",
    "shopfloor_wage_line",
    "shopfloor_wage_dispute",
    "shopfloor_quality_check",
    "shopfloor_quality_alert",
    "shopfloor_oee_state_event",
    "shopfloor_oee_count",
    "shopfloor_oee_kpi",
    "maintenance_request",
    "mail_message",
]

NUL, SURROGATE = "a\x00b", "x\ud800y"
HOSTILE = [
    NUL,
    SURROGATE,
    "\udfff",
    10**400,
    -(10**400),
    1e308,
    -1e308,
    2**31,
    2**63,
    -1,
    0,
    0.5,
    True,
    [],
    {},
    [1],
    {"id": 1},
    "",
    " ",
    "x" * 5000,
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "nan",
    "inf",
    "1e308",
    "abcdefgh-1234\n",
    "' OR 1=1 --",
    "中文\u202e",
]
# refused whatever the parameter (the one-pass check of the body)
ALWAYS_REFUSED = (NUL, SURROGATE, "\udfff", 10**400, -(10**400), 1e308, -1e308, 2**63)


def _deep(n):
    return b"[" * n + b"]" * n


def _bodies():
    """Raw bodies every endpoint must refuse with SF_BAD_JSON / SF_BAD_PARAMS."""
    head = b'{"jsonrpc": "2.0", "method": "call", "id": 1, "params": '
    return [
        head + b'{"note": "caf\xe9", "request_uid": "abcdefgh-1234"}}',  # not UTF-8
        head + b'{"qty_good": NaN, "request_uid": "abcdefgh-1234"}}',
        head + b'{"x": ' + _deep(100_000) + b"}}",
        head + b'{"x": ' + _deep(40) + b"}}",
        head + b'{"qty_good": 1e400, "request_uid": "abcdefgh-1234"}}',
        head + b'"params as a string"}',
    ]


def _window(items, index, size):
    return [items[(index * size + k) % len(items)] for k in range(size)]


class Watch:
    """Row counts and last write dates of the business tables (direct SQL)."""

    def __init__(self, db):
        self.conn = psycopg2.connect(
            dbname=db,
            host=os.environ.get("PGHOST", "127.0.0.1"),
            port=os.environ.get("PGPORT", "5432"),
        )
        self.conn.autocommit = True
        with self.conn.cursor() as cr:
            cr.execute(
                "SELECT table_name, bool_or(column_name = 'write_date')"
                " FROM information_schema.columns WHERE table_name = ANY(%s)"
                " GROUP BY table_name",
                [WATCHED],
            )
            tables = sorted(cr.fetchall())
        # table names from the fixed WATCHED list, quoted by psycopg2's sql module
        parts = [
            sql.SQL("SELECT {}, count(*), {} FROM {}").format(
                sql.Literal(t),
                sql.SQL("max(write_date)" if wd else "NULL"),
                sql.Identifier(t),
            )
            for t, wd in tables
        ]
        self.query = sql.SQL(" UNION ALL ").join(parts)

    def snapshot(self):
        with self.conn.cursor() as cr:
            cr.execute(self.query)
            return sorted(cr.fetchall())


@pytest.fixture(scope="module")
def fuzz(odoo_server):
    if psycopg2 is None:
        pytest.skip("psycopg2 is needed to watch the tables")
    from test_api_e2e_more import WebSession

    s = odoo_server
    f = Factory(s)
    wcs, product, bom = f.line(2)
    base = 3 * 10**8 + int(uuid.uuid4().int % (10**8 - 10))
    leader = f.employee("Fuzz Leader", wcs, str(base), role="leader")
    worker = f.employee("Fuzz Worker", wcs, str(base + 1), parent=leader)
    tokens = {}
    for name, emp in (("leader", leader), ("worker", worker), ("logout", worker)):
        res = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})
        tokens[name] = res["result"]["token"]
    try:
        tokens["device"] = f.kw("shopfloor.token", "issue_device_token", ["Fuzz gateway"])["token"]
    except (RuntimeError, KeyError, TypeError):
        tokens["device"] = None
    tokens["user"] = WebSession(s).api_key("admin", "admin")
    mo, wos = f.mo(product, bom, 50)
    res = s.api(
        "workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()}, tokens["leader"]
    )
    assert "result" in res, res
    loss = f.kw(
        "mrp.workcenter.productivity.loss",
        "search",
        [[("loss_type", "=", "availability")]],
        {"limit": 1},
    )
    good = {
        "workorder_id": wos[0],
        "production_id": mo,
        "employee_id": worker,
        "code": f.qr_url("mrp.workorder", wos[0]) or "",
        "payload": f.qr_url("mrp.workorder", wos[0]) or "",
        "reason_id": loss[0] if loss else 1,
        "workcenter_ids": wcs,
        "badge": str(base + 1),
        "qty_good": 1,
        "lang": "zh_CN",
    }
    return {"s": s, "f": f, "tokens": tokens, "good": good, "watch": Watch(s.db), "wos": wos}


def _token(fuzz, method):
    auth = METHODS[method]["auth"]
    tokens = fuzz["tokens"]
    if method == "auth/logout":
        return tokens["logout"]
    return {
        "none": None,
        "device": tokens["device"],
        "user": tokens["user"],
        "worker or user": tokens["leader"],
        "any": tokens["leader"],
    }.get(auth, tokens["leader"])


def _send(fuzz, method, params=None, raw=None):
    """Send one request; check the answer and that a failure wrote nothing."""
    s, watch = fuzz["s"], fuzz["watch"]
    token = _token(fuzz, method)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    before = watch.snapshot()
    if raw is not None:
        status, resp = s.post(f"/shopfloor/api/v1/{method}", raw, headers, raw=True)
    else:
        body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 7}
        status, resp = s.post(f"/shopfloor/api/v1/{method}", body, headers)
    where = (method, params if raw is None else raw[:200])
    assert status == 200, (where, status, resp)
    assert isinstance(resp, dict) and ("result" in resp or "error" in resp), (where, resp)
    if "error" not in resp:
        return None
    validate(None, resp)
    data = resp["error"]["data"]
    assert data["code"] != "SF_INTERNAL", (where, resp)
    assert "debug" not in json.dumps(resp), where
    # no English reason pasted into the Chinese message
    if data["code"] == "SF_BAD_PARAMS" and ": " in data["message_en"]:
        reason_en = data["message_en"].split(": ", 1)[1]
        assert reason_en not in data["message_zh"], (where, data)
    after = watch.snapshot()
    assert before == after, (
        where,
        data["code"],
        [a for a in zip(before, after, strict=False) if a[0] != a[1]],
    )
    return data["code"]


def _strategy(schema):
    """A strategy for a params schema: objects and arrays built here (dictionaries of
    their documented properties plus a few undocumented keys), leaves by
    hypothesis-jsonschema (its own object generation breaks with recent hypothesis)."""
    schema = {k: v for k, v in schema.items() if k not in ("description",)}
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        extra = st.dictionaries(
            st.text(max_size=8), st.one_of(st.none(), st.integers(), st.text(max_size=8)),
            max_size=2,
        )  # fmt: skip
        fixed = st.fixed_dictionaries(
            {k: _strategy(v) for k, v in props.items() if k in required},
            optional={k: _strategy(v) for k, v in props.items() if k not in required},
        )
        return st.tuples(fixed, extra).map(lambda t: {**t[1], **t[0]})
    if kind == "array":
        items = schema.get("items", {})
        return st.lists(_strategy(items) if items else st.integers(), max_size=4)
    if not schema:
        return st.one_of(st.none(), st.integers(), st.text(max_size=8))
    return from_schema(schema)


def _clean(value):
    """The value without lone surrogates and NUL characters (refused by the body check
    before any endpoint code: cleaned examples reach the endpoints' own checks)."""
    if isinstance(value, str):
        return "".join(c for c in value if c != "\x00" and not 0xD800 <= ord(c) <= 0xDFFF)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def _params_strategy(fuzz, method):
    spec = METHODS[method]
    generated = _strategy(spec["params"])
    good = fuzz["good"]
    keys = sorted(set(spec["params"]["properties"]) & set(good))
    real = st.sets(st.sampled_from(keys)) if keys else st.just(set())
    return st.tuples(generated, real, st.booleans(), st.integers(0, 2))


@pytest.mark.parametrize("method", ORDERED)
def test_fuzz_schema(fuzz, method):
    """Requests generated from the method's params schema, some with real ids."""
    if METHODS[method]["auth"] == "device" and not fuzz["tokens"]["device"]:
        pytest.skip("no device token")
    n = EXAMPLES.get(method, DEFAULT_EXAMPLES)

    @settings(
        max_examples=n,
        derandomize=True,
        database=None,
        deadline=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )
    @given(_params_strategy(fuzz, method))
    def run(drawn):
        params, real, fresh_uid, clean = drawn
        params = _clean(params) if clean else dict(params)
        for key in real:
            params[key] = fuzz["good"][key]
        if METHODS[method]["write"] and fresh_uid:
            params["request_uid"] = new_uid()
        _send(fuzz, method, params)

    run()


@pytest.mark.parametrize("method", ORDERED)
def test_fuzz_hostile(fuzz, method):
    """Each hostile value in one documented parameter (in turn), the other parameters
    real; values no parameter accepts are refused whatever the endpoint."""
    if METHODS[method]["auth"] == "device" and not fuzz["tokens"]["device"]:
        pytest.skip("no device token")
    spec = METHODS[method]
    names = sorted(spec["params"]["properties"]) or ["x"]
    names += ["lang", "badge"] if spec["auth"] in ("worker", "any") else []
    base = {k: v for k, v in fuzz["good"].items() if k in spec["params"]["properties"]}
    if method == "machine/events":
        base["events"] = [{"id": new_uid(), "workcenter": "nope", "ts": "2026-01-01T00:00:00Z"}]
    index = ORDERED.index(method)
    values = HOSTILE[:8] if method in EXAMPLES else _window(HOSTILE, index, HOSTILE_PER_METHOD)
    for i, value in enumerate(values):
        name = names[i % len(names)]
        params = dict(base, **{name: value})
        if method == "machine/events" and name == "x":
            params["events"] = [{"id": "h", "workcenter": value, "ts": value, "good": value}]
        if spec["write"] and name != "request_uid":
            params["request_uid"] = new_uid()
        code = _send(fuzz, method, params)
        if value in ALWAYS_REFUSED and not isinstance(value, bool):
            assert code in ("SF_BAD_PARAMS", "SF_BAD_JSON"), (method, name, value, code)
    for raw in _window(_bodies(), index, BODIES_PER_METHOD):
        code = _send(fuzz, method, raw=raw)
        assert code in ("SF_BAD_JSON", "SF_BAD_PARAMS"), (method, raw[:80], code)


def test_issue_cases(fuzz):
    """The cases of issue 11, each with its documented error, its field and no write."""
    wo = fuzz["wos"][1]
    cases = [
        ({"note": "a\x00b"}, "note"),
        ({"note": "\ud800"}, "note"),
        ({"qty_good": 10**400}, "qty_good"),
        ({"qty_good": 1e308}, "qty_good"),
        ({"qty_good": [1]}, "qty_good"),
        ({"workorder_id": {"id": wo}}, "workorder_id"),
        ({"client_ts": "0001-01-01T00:00:00+14:00"}, "client_ts"),
        ({"client_ts": "9999-12-31T23:59:59-14:00"}, "client_ts"),
        ({"request_uid": "abcdefgh-1234\n"}, "request_uid"),
    ]
    for extra, field in cases:
        params = {"workorder_id": wo, "qty_good": 1, "request_uid": new_uid(), **extra}
        resp = fuzz["s"].api("workorder/report", params, fuzz["tokens"]["leader"])
        assert resp.get("error", {}).get("data", {}).get("code") == "SF_BAD_PARAMS", (extra, resp)
        assert resp["error"]["data"]["details"]["field"] == field, (extra, resp)
        assert _send(fuzz, "workorder/report", params) == "SF_BAD_PARAMS"
    # invalid UTF-8 is refused, never stored as U+FFFD; so is a body nested 100,000 deep
    head = b'{"jsonrpc": "2.0", "method": "call", "id": 1, "params": '
    uid = new_uid().encode()
    raw = head + b'{"workorder_id": %d, "qty_good": 1, "note": "caf\xe9", "request_uid": "%s"}}' % (
        wo,
        uid,
    )
    assert _send(fuzz, "workorder/report", raw=raw) == "SF_BAD_JSON"
    assert _send(fuzz, "workorder/report", raw=head + _deep(100_000) + b"}") == "SF_BAD_JSON"
    # machine counts: numbers beyond range refused for the whole batch, "nan"/"inf" per event
    if fuzz["tokens"]["device"]:
        wc = fuzz["good"]["workcenter_ids"][0]
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        event = {"workcenter": wc, "ts": now}
        params = {"events": [dict(event, id=new_uid(), good=1e308)], "request_uid": new_uid()}
        assert _send(fuzz, "machine/events", params) == "SF_BAD_PARAMS"
        token = fuzz["tokens"]["device"]
        for value in ("nan", "inf", "-inf", [1], {"n": 1}, True, 10**7):
            events = [dict(event, id=new_uid(), good=value)]
            resp = fuzz["s"].api(
                "machine/events", {"events": events, "request_uid": new_uid()}, token
            )
            rejected = [r["code"] for r in resp["result"]["rejected"]]
            assert rejected == ["SF_OEE_BAD_EVENT"], (value, resp)
