"""End to end over HTTP: the wage endpoints (worker tokens) and the planning endpoints
(a backend user's Odoo API key), validated against docs/api_schema.json.

The API key of the planning calls is made as a user makes it in the backend: log in
(web session), "New API Key", confirm the password (identity check), read the key.

``SF_API_EXAMPLES_OUT=<file>``: also write the real responses there (JSON, by method),
to refresh the examples of docs/api_fragments/*.json.
"""

import datetime
import http.cookiejar
import json
import os
import urllib.request
import uuid

import pytest
from conftest import new_uid
from test_api_e2e import Factory, err, validate

RECORDED = {}


def call(world, method, params, token):
    """Call ``method``, validate the response against the schema, keep it as an example."""
    resp = world["s"].api(method, params, token)
    validate(method, resp)
    if "result" in resp:
        RECORDED.setdefault(method, {"params": params, "result": resp["result"]})
    return resp


@pytest.fixture(scope="module", autouse=True)
def _write_examples():
    yield
    out = os.environ.get("SF_API_EXAMPLES_OUT")
    if out and RECORDED:
        with open(out, "w") as fh:
            json.dump(RECORDED, fh, indent=1, ensure_ascii=False)


class WebSession:
    """A backend user's browser session (cookies), for what only the web client does."""

    def __init__(self, server):
        self.s = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def rpc(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
        req = urllib.request.Request(
            self.s.url + path,
            data=body.encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with self.opener.open(req, timeout=60) as resp:
            answer = json.loads(resp.read())
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def call_kw(self, model, method, args, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def api_key(self, login, password):
        """Log in and create an API key, confirming the password like the web client."""
        self.rpc(
            "/web/session/authenticate", {"db": self.s.db, "login": login, "password": password}
        )
        Description = "res.users.apikeys.description"
        saved = self.call_kw(
            Description, "web_save", [[], {"name": "shopfloor e2e"}], {"specification": {}}
        )
        desc = saved[0]["id"]
        action = self.call_kw(Description, "make_key", [[desc]])
        if action.get("res_model") == "res.users.identitycheck":
            check = action["res_id"]
            self.call_kw("res.users.identitycheck", "write", [[check], {"password": password}])
            action = self.call_kw("res.users.identitycheck", "run_check", [[check]])
        return action["context"]["default_key"]


@pytest.fixture(scope="module")
def world(odoo_server):
    """A two-operation line paid by the piece on its first operation, two workers,
    an MO whose first operation worker A did, and a sales user with an API key."""
    s = odoo_server
    f = Factory(odoo_server)
    wcs, product, bom = f.line(2)
    ops = f.kw("mrp.bom", "read", [[bom], ["operation_ids"]])[0]["operation_ids"]
    ops = [
        o["id"]
        for o in f.kw(
            "mrp.routing.workcenter", "search_read", [[("id", "in", ops)]], {"order": "sequence"}
        )
    ]
    f.kw(
        "shopfloor.wage.rule",
        "create",
        [{"operation_id": ops[0], "rate_type": "piece", "rate": 1.5}],
    )
    # badges unique per run (9 digits: never one of test_api_e2e's 8-digit badges)
    base = 10**8 + int(uuid.uuid4().int % (9 * 10**8 - 10))
    w1 = f.employee("Wage Worker A", wcs, str(base + 1))
    w2 = f.employee("Wage Worker B", wcs, str(base + 2))
    tokens = {}
    for name, emp in (("w1", w1), ("w2", w2)):
        res = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})
        validate("auth/bind", res)
        tokens[name] = res["result"]["token"]
    mo, wos = f.mo(product, bom, 8)
    res = s.api("workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()}, tokens["w1"])
    assert "result" in res, res
    res = s.api(
        "workorder/finish",
        {"workorder_id": wos[0], "qty_good": 8, "request_uid": new_uid()},
        tokens["w1"],
    )
    assert res["result"]["workorder_done"], res
    # it took an hour (the promise learns from the durations of done work orders)
    Time = "mrp.workcenter.productivity"
    logs = f.kw(Time, "search_read", [[("workorder_id", "=", wos[0])]], {"fields": ["date_end"]})
    end = datetime.datetime.fromisoformat(logs[0]["date_end"])
    start = end - datetime.timedelta(minutes=60)
    f.kw(Time, "write", [[logs[0]["id"]], {"date_start": str(start)}])
    # an API-key user of the planning endpoints: they need sales or manufacturing rights
    # (without either, SF_FORBIDDEN); the test database has no Sales app, so: MRP user
    login = f"e2e-sales-{f.tag}"
    group_user = f.kw("ir.model.data", "check_object_reference", ["mrp", "group_mrp_user"])[1]
    user = f.kw(
        "res.users",
        "create",
        [
            {
                "name": f"E2E Sales {f.tag}",
                "login": login,
                "password": "sales-pass-123",
                "groups_id": [(6, 0, [group_user])],
            }
        ],
    )
    return {
        "f": f,
        "s": s,
        "wcs": wcs,
        "ops": ops,
        "product": product,
        "bom": bom,
        "mo": mo,
        "wos": wos,
        "emp": {"w1": w1, "w2": w2},
        "badge": {"w1": str(base + 1)},
        "tokens": tokens,
        "user": user,
        "login": login,
        "password": "sales-pass-123",
    }


@pytest.fixture(scope="module")
def api_key(world):
    return WebSession(world["s"]).api_key(world["login"], world["password"])


# ----------------------------------------------------------------------
# wages
# ----------------------------------------------------------------------
def test_wage_my(world):
    t = world["tokens"]
    res = call(world, "wage/my", {}, t["w1"])
    result = res["result"]
    company_tz_today = result["today"]["date_to"]
    assert result["month"]["date_from"] == company_tz_today[:8] + "01"
    lines = [ln for ln in result["today"]["lines"] if ln["workorder"]]
    mine = [ln for ln in lines if ln["kind"] == "piece" and ln["qty_good"] == 8]
    assert mine, result
    assert mine[0]["amount"] == 12.0  # 8 good x 1.50
    assert mine[0]["disputed"] is False
    assert result["today"]["by_kind"]["piece"] >= 12.0
    assert result["month"]["amount"] >= result["today"]["amount"] >= 12.0
    # without the lines
    res = call(world, "wage/my", {"lines": False}, t["w1"])
    assert "lines" not in res["result"]["today"]
    assert res["result"]["today"]["amount"] == result["today"]["amount"]
    # worker B did nothing: zero, no lines
    res = call(world, "wage/my", {}, t["w2"])
    assert res["result"]["today"]["amount"] == 0
    assert res["result"]["today"]["lines"] == []
    assert err(world["s"].api("wage/my", {"lines": "yes"}, t["w1"])) == "SF_BAD_PARAMS"


def test_wage_my_on_shared_terminal(world):
    s, f = world["s"], world["f"]
    secret = f.kw("shopfloor.token", "issue_device_token", ["Wage terminal E2E"])["token"]
    assert err(s.api("wage/my", {}, secret)) == "SF_BADGE_REQUIRED"
    res = call(world, "wage/my", {"badge": world["badge"]["w1"], "lines": False}, secret)
    assert res["result"]["today"]["amount"] >= 12.0


def test_wage_dispute(world):
    s, t = world["s"], world["tokens"]
    lines = s.api("wage/my", {}, t["w1"])["result"]["today"]["lines"]
    line = next(ln for ln in lines if ln["kind"] == "piece" and ln["qty_good"] == 8)
    # another worker cannot dispute it
    resp = s.api(
        "wage/dispute",
        {"line_id": line["id"], "reason": "not mine", "request_uid": new_uid()},
        t["w2"],
    )
    assert err(resp) == "SF_WAGE_LINE_UNKNOWN"
    params = {
        "line_id": line["id"],
        "reason": "I made 10, not 8: two were reported by the leader by mistake.",
        "request_uid": new_uid(),
    }
    first = call(world, "wage/dispute", params, t["w1"])
    assert first["result"]["state"] == "open"
    retry = s.api("wage/dispute", params, t["w1"])
    assert retry["result"] == first["result"], "a retry returns the first answer"
    again = s.api("wage/dispute", dict(params, request_uid=new_uid()), t["w1"])
    assert err(again) == "SF_WAGE_DISPUTE_OPEN"
    dispute = world["f"].kw(
        "shopfloor.wage.dispute",
        "read",
        [[first["result"]["dispute_id"]], ["line_id", "employee_id", "state", "reason"]],
    )[0]
    assert dispute["line_id"][0] == line["id"]
    assert dispute["employee_id"][0] == world["emp"]["w1"]
    assert (dispute["state"], dispute["reason"]) == ("open", params["reason"])
    lines = s.api("wage/my", {}, t["w1"])["result"]["today"]["lines"]
    assert next(ln for ln in lines if ln["id"] == line["id"])["disputed"] is True
    # bad input
    for bad, code in (
        ({"line_id": 999999999, "reason": "x"}, "SF_WAGE_LINE_UNKNOWN"),
        ({"line_id": line["id"]}, "SF_BAD_PARAMS"),
        ({"line_id": "1", "reason": "x"}, "SF_BAD_PARAMS"),
        ({"line_id": line["id"], "reason": "x" * 1001}, "SF_BAD_PARAMS"),
    ):
        assert err(s.api("wage/dispute", dict(bad, request_uid=new_uid()), t["w1"])) == code, bad
    assert err(s.api("wage/dispute", {"line_id": line["id"], "reason": "x"}, t["w1"])) == (
        "SF_BAD_PARAMS"
    ), "request_uid is required"


# ----------------------------------------------------------------------
# planning (a sales user's Odoo API key)
# ----------------------------------------------------------------------
def test_plan_auth(world, api_key):
    s = world["s"]
    assert err(s.api("plan/mo", {"production_id": world["mo"]})) == "SF_AUTH_REQUIRED"
    worker = world["tokens"]["w1"]
    assert err(s.api("plan/mo", {"production_id": world["mo"]}, worker)) == "SF_AUTH_INVALID"
    assert err(s.api("plan/mo", {"production_id": world["mo"]}, "0" * 40)) == "SF_AUTH_INVALID"
    me = s.api("auth/me", {}, api_key)
    validate("auth/me", me)
    assert me["result"]["employee"] is None


def test_plan_promise(world, api_key):
    s, f = world["s"], world["f"]
    code = f"E2E-{f.tag}"
    f.kw("product.product", "write", [[world["product"]], {"default_code": code}])
    # a component nobody has in stock, bought with a 3-day lead time
    vendor = f.kw("res.partner", "create", [{"name": f"E2E Steel Mill {f.tag}"}])
    steel = f.kw(
        "product.product",
        "create",
        [
            {
                "name": f"E2E Steel bar {f.tag}",
                "is_storable": True,
                "seller_ids": [(0, 0, {"partner_id": vendor, "delay": 3})],
            }
        ],
    )
    f.kw(
        "mrp.bom",
        "write",
        [[world["bom"]], {"bom_line_ids": [(0, 0, {"product_id": steel, "product_qty": 2})]}],
    )
    res = call(world, "plan/promise", {"default_code": code, "qty": 50}, api_key)
    result = res["result"]
    assert (result["product_id"], result["qty"]) == (world["product"], 50)
    assert [op["name"] for op in result["operations"]] == ["Op0", "Op1"]
    assert result["operations"][0]["source"] == "history", "Op0 was done once"
    assert result["operations"][0]["samples"] >= 1
    # an hour for 8 units: 7.5 minutes a unit against the routing's 5 (the prior, worth one
    # done work order): 6.25 minutes a unit, 312.5 minutes for 50
    assert result["operations"][0]["minutes_mean"] == pytest.approx(312.5, abs=0.5)
    assert result["operations"][1]["source"] == "routing"
    assert len(result["missing_components"]) == 1 and f.tag in result["missing_components"][0]
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    ready = datetime.datetime.fromisoformat(result["components_ready"])
    assert ready >= now + datetime.timedelta(days=3) - datetime.timedelta(minutes=5)
    assert result["date_promise"] >= result["date_expected"] >= result["components_ready"]
    by_id = s.api("plan/promise", {"product_id": world["product"], "qty": 50}, api_key)
    assert by_id["result"]["date_promise"] == result["date_promise"]
    for params, code in (
        ({"qty": 5}, "SF_BAD_PARAMS"),
        ({"product_id": world["product"]}, "SF_BAD_PARAMS"),
        ({"product_id": world["product"], "qty": 0}, "SF_BAD_PARAMS"),
        ({"product_id": world["product"], "qty": -1}, "SF_BAD_PARAMS"),
        ({"product_id": 999999999, "qty": 5}, "SF_PLAN_UNKNOWN_PRODUCT"),
        ({"default_code": f"NOPE-{f.tag}", "qty": 5}, "SF_PLAN_UNKNOWN_PRODUCT"),
        ({"product_id": steel, "qty": 5}, "SF_PLAN_NO_PROMISE"),  # no bill of materials
    ):
        assert err(s.api("plan/promise", params, api_key)) == code, params


def test_plan_promise_never_internal(world, api_key):
    """Short components with no supply, a vendor lead time of 0, a made component, no
    operation: every promise over HTTP is an answer or a documented error in both
    languages, never SF_INTERNAL."""
    s, f = world["s"], world["f"]
    wcs, product, bom = f.line(1)
    rnd = f"{f.tag}-{uuid.uuid4().hex[:6]}"

    def component(name, **values):
        return f.kw(
            "product.product",
            "create",
            [dict({"name": f"{name} {rnd}", "is_storable": True}, **values)],
        )

    def set_lines(*lines):
        f.kw(
            "mrp.bom",
            "write",
            [
                [bom],
                {
                    "bom_line_ids": [(5, 0, 0)]
                    + [(0, 0, {"product_id": c, "product_qty": 1}) for c in lines]
                },
            ],
        )

    # no vendor, no BoM, no route, none in stock
    orphan = component("E2E Orphan part")
    set_lines(orphan)
    resp = s.api("plan/promise", {"product_id": product, "qty": 5}, api_key)
    assert err(resp) == "SF_PLAN_NO_SUPPLY", resp
    error = resp["error"]["data"]
    assert "cannot be promised" in error["message_en"] and rnd in error["message_en"]
    assert "cannot be promised" not in error["message_zh"] and rnd in error["message_zh"]
    # a vendor with a lead time of 0
    vendor = f.kw("res.partner", "create", [{"name": f"E2E Vendor {rnd}"}])
    zero = component("E2E Zero-lead part", seller_ids=[(0, 0, {"partner_id": vendor, "delay": 0})])
    # a made component (its own BoM, manufacturing lead time 2 days)
    made = component("E2E Made part")
    tmpl = f.kw("product.product", "read", [[made], ["product_tmpl_id"]])[0]["product_tmpl_id"][0]
    f.kw("mrp.bom", "create", [{"product_tmpl_id": tmpl, "product_qty": 1, "produce_delay": 2}])
    set_lines(zero, made)
    res = call(world, "plan/promise", {"product_id": product, "qty": 5}, api_key)["result"]
    assert len(res["missing_components"]) == 2
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    ready = datetime.datetime.fromisoformat(res["components_ready"])
    assert ready >= now + datetime.timedelta(days=2) - datetime.timedelta(minutes=5)
    assert res["date_promise"] >= res["date_expected"] >= res["components_ready"]
    # no operation at all, odd quantities
    f.kw("mrp.bom", "write", [[bom], {"operation_ids": [(5, 0, 0)]}])
    for qty in (0.001, 1, 12345.5):
        res = s.api("plan/promise", {"product_id": product, "qty": qty}, api_key)
        assert "result" in res, res
        validate("plan/promise", res)
    # far too much work to promise a date: a documented error too
    f.kw(
        "mrp.bom",
        "write",
        [
            [bom],
            {
                "operation_ids": [
                    (0, 0, {"name": "Long", "workcenter_id": wcs[0], "time_cycle_manual": 60})
                ]
            },
        ],
    )
    set_lines(zero)
    resp = s.api("plan/promise", {"product_id": product, "qty": 900000}, api_key)
    assert err(resp) == "SF_PLAN_NO_PROMISE", resp
    set_lines(orphan, zero)
    for qty in (0.5, 7, 1e6):
        resp = s.api("plan/promise", {"product_id": product, "qty": qty}, api_key)
        assert err(resp) == "SF_PLAN_NO_SUPPLY", resp


def test_plan_mo(world, api_key):
    s, f = world["s"], world["f"]
    deadline = (
        datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + datetime.timedelta(days=2)
    ).replace(microsecond=0)
    mo = f.kw(
        "mrp.production",
        "create",
        [
            {
                "product_id": world["product"],
                "bom_id": world["bom"],
                "product_qty": 20,
                "date_deadline": str(deadline),
            }
        ],
    )
    f.kw("mrp.production", "action_confirm", [[mo]])
    name = f.kw("mrp.production", "read", [[mo], ["name"]])[0]["name"]
    res = call(world, "plan/mo", {"name": name}, api_key)
    result = res["result"]
    assert (result["production_id"], result["name"], result["state"]) == (mo, name, "confirmed")
    assert result["qty"] == 20
    assert result["deadline"] == str(deadline)
    # confirmed, not planned: no made-up date (Odoo's default end), it says so
    assert result["expected_finish"] is None
    assert (result["plan_status"], result["in_plan"]) == ("not_planned", False)
    assert result["message"]
    f.kw("mrp.production", "action_shopfloor_plan", [[mo]])
    res = call(world, "plan/mo", {"name": name}, api_key)
    result = res["result"]
    assert result["expected_finish"] and result["plan_status"] == "planned"
    assert result["late_hours"] >= 0 and result["urgent"] is False
    by_id = s.api("plan/mo", {"production_id": mo}, api_key)
    assert by_id["result"] == result
    # the first MO, its first operation done
    res = call(world, "plan/mo", {"production_id": world["mo"]}, api_key)
    assert res["result"]["state"] in ("progress", "confirmed")
    for params, code in (
        ({}, "SF_BAD_PARAMS"),
        ({"production_id": "1"}, "SF_BAD_PARAMS"),
        ({"production_id": 999999999}, "SF_PLAN_UNKNOWN_MO"),
        ({"name": f"NOPE/{f.tag}"}, "SF_PLAN_UNKNOWN_MO"),
    ):
        assert err(s.api("plan/mo", params, api_key)) == code, params


def test_plan_sale_line(world, api_key):
    s = world["s"]
    assert err(s.api("plan/sale_line", {}, api_key)) == "SF_BAD_PARAMS"
    # without Sales installed the endpoint says so; with it, the line is unknown
    code = err(s.api("plan/sale_line", {"sale_line_id": 999999999}, api_key))
    assert code in ("SF_PLAN_NO_SALE", "SF_PLAN_UNKNOWN_SALE_LINE")
