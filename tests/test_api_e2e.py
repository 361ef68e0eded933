"""End to end: the mini-program's calls over HTTP against a real server and database.

Bind, scan, start, report, pause, finish, retry, errors, access rules, and several
workers reporting on one work order at the same moment.
"""

import concurrent.futures
import json
import pathlib
import uuid

import jsonschema
import pytest
from conftest import new_uid

SCHEMA = json.loads(
    (pathlib.Path(__file__).resolve().parent.parent / "docs" / "api_schema.json").read_text()
)


def validate(method, response):
    """Validate a real response against docs/api_schema.json."""
    if "error" in response:
        jsonschema.validate(response, SCHEMA["definitions"]["error_response"])
        return
    spec = SCHEMA["methods"][method]
    jsonschema.validate(
        response["result"], {"definitions": SCHEMA["definitions"], **spec["result"]}
    )


class Factory:
    """Backend set-up through Odoo's own JSON-RPC, as an admin would click it."""

    def __init__(self, server):
        self.s = server
        self.uid = server.login("admin", "admin")
        self.tag = uuid.uuid4().hex[:6]

    def kw(self, model, method, args, kwargs=None):
        return self.s.call_kw(self.uid, "admin", model, method, args, kwargs)

    def line(self, n_ops=3):
        wcs = self.kw(
            "mrp.workcenter",
            "create",
            [[{"name": f"E2E WC{i} {self.tag}", "costs_hour": 50} for i in range(n_ops)]],
        )
        product = self.kw(
            "product.product", "create", [{"name": f"E2E Part {self.tag}", "is_storable": True}]
        )
        ops = [
            (0, 0, {"name": f"Op{i}", "workcenter_id": wc, "time_cycle_manual": 5, "sequence": i})
            for i, wc in enumerate(wcs)
        ]
        bom = self.kw(
            "mrp.bom",
            "create",
            [{"product_tmpl_id": self.product_tmpl(product), "operation_ids": ops}],
        )
        return wcs, product, bom

    def product_tmpl(self, product):
        return self.kw("product.product", "read", [[product], ["product_tmpl_id"]])[0][
            "product_tmpl_id"
        ][0]

    def employee(self, name, wcs, badge, role="worker", parent=False):
        return self.kw(
            "hr.employee",
            "create",
            [
                {
                    "name": f"{name} {self.tag}",
                    "barcode": badge,
                    "pin": "2468",
                    "shopfloor_role": role,
                    "parent_id": parent,
                    "shopfloor_workcenter_ids": [(6, 0, wcs)],
                    "shopfloor_lang": "en_US",
                }
            ],
        )

    def mo(self, product, bom, qty=10):
        mo = self.kw(
            "mrp.production",
            "create",
            [{"product_id": product, "bom_id": bom, "product_qty": qty}],
        )
        self.kw("mrp.production", "action_confirm", [[mo]])
        wos = self.kw(
            "mrp.workorder", "search", [[("production_id", "=", mo)]], {"order": "sequence, id"}
        )
        return mo, wos

    def bind_code(self, employee):
        ctx = {"active_model": "hr.employee", "active_id": employee}
        wiz = self.kw("shopfloor.bind.code.wizard", "create", [{}], {"context": ctx})
        # the code is shown through the returned action only, never stored
        action = self.kw("shopfloor.bind.code.wizard", "action_generate", [[wiz]])
        return action["context"]["shopfloor_shown_secret"]

    def qr_url(self, model, res_id):
        codes = self.kw(
            "shopfloor.code", "search_read", [[("res_model", "=", model), ("res_id", "=", res_id)]]
        )
        return codes[0]["code"] if codes else None


@pytest.fixture(scope="module")
def world(odoo_server):
    f = Factory(odoo_server)
    wcs, product, bom = f.line(3)
    base = int(uuid.uuid4().int % 10**8)
    leader = f.employee("Leader", [wcs[2]], str(base), role="leader")
    w1 = f.employee("Worker A", wcs[:2], str(base + 1), parent=leader)
    w2 = f.employee("Worker B", wcs[:2], str(base + 2), parent=leader)
    outsider = f.employee("Outsider", [], str(base + 3))
    s = odoo_server
    tokens = {}
    for name, emp in (("leader", leader), ("w1", w1), ("w2", w2), ("outsider", outsider)):
        res = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})
        validate("auth/bind", res)
        tokens[name] = res["result"]["token"]
    return {
        "f": f,
        "s": s,
        "wcs": wcs,
        "product": product,
        "bom": bom,
        "emp": {"leader": leader, "w1": w1, "w2": w2, "outsider": outsider},
        "badge": {"w2": str(base + 2)},
        "tokens": tokens,
    }


def err(resp):
    assert "error" in resp, resp
    validate(None, resp)
    assert "debug" not in json.dumps(resp), "no traceback reaches the client"
    return resp["error"]["data"]["code"]


def test_full_cycle(world):
    s, f, t = world["s"], world["f"], world["tokens"]
    mo, wos = f.mo(world["product"], world["bom"], 10)
    scan = s.api("workorder/get", {"workorder_id": wos[0]}, t["w1"])
    validate("workorder/get", scan)
    code = scan["result"]["workorder"]["code"]
    scan = s.api("scan", {"payload": f"{s.url}/sf/q/{code}"}, t["w1"])
    validate("scan", scan)
    assert scan["result"]["type"] == "workorder"
    assert scan["result"]["workorder"]["allowed_actions"] == ["start"]

    res = s.api("workorder/start", {"code": code, "request_uid": new_uid()}, t["w1"])
    validate("workorder/start", res)
    assert res["result"]["workorder"]["my_state"] == "working"

    uid = new_uid()
    params = {"workorder_id": wos[0], "qty_good": 6, "request_uid": uid}
    first = s.api("workorder/report", params, t["w1"])
    validate("workorder/report", first)
    retry = s.api("workorder/report", params, t["w1"])
    assert retry["result"] == first["result"], "a retry returns the first answer"
    assert err(s.api("workorder/report", dict(params, qty_good=5), t["w1"])) == "SF_REQUEST_REUSED"

    catalog = s.api("catalog", {}, t["w1"])
    validate("catalog", catalog)
    reason = catalog["result"]["pause_reasons"][0]["id"]
    res = s.api(
        "workorder/pause",
        {"workorder_id": wos[0], "reason_id": reason, "request_uid": new_uid()},
        t["w1"],
    )
    validate("workorder/pause", res)
    assert res["result"]["workorder"]["allowed_actions"] == ["resume", "finish"]
    assert (
        err(
            s.api(
                "workorder/report",
                {"workorder_id": wos[0], "qty_good": 1, "request_uid": new_uid()},
                t["w1"],
            )
        )
        == "SF_WO_NOT_STARTED"
    )
    res = s.api("workorder/resume", {"workorder_id": wos[0], "request_uid": new_uid()}, t["w1"])
    validate("workorder/resume", res)
    res = s.api(
        "workorder/finish",
        {
            "workorder_id": wos[0],
            "qty_good": 3,
            "qty_scrap": 1,
            "defect_code": "OP-DIM",
            "request_uid": new_uid(),
        },
        t["w1"],
    )
    validate("workorder/finish", res)
    assert res["result"]["workorder_done"] is True
    assert res["result"]["workorder"]["qty_good"] == 9
    wo = f.kw(
        "mrp.workorder", "read", [[wos[0]], ["state", "qty_produced", "shopfloor_qty_scrap"]]
    )[0]
    assert (wo["state"], wo["qty_produced"], wo["shopfloor_qty_scrap"]) == ("done", 9, 1)
    scraps = f.kw(
        "stock.scrap",
        "search_read",
        [[("workorder_id", "=", wos[0])]],
        {"fields": ["scrap_qty", "state"]},
    )
    assert [(x["scrap_qty"], x["state"]) for x in scraps] == [(1, "done")]

    # the next operation may process what the first passed on: 9
    s.api("workorder/start", {"workorder_id": wos[1], "request_uid": new_uid()}, t["w2"])
    resp = s.api(
        "workorder/report",
        {"workorder_id": wos[1], "qty_good": 10, "request_uid": new_uid()},
        t["w2"],
    )
    assert err(resp) == "SF_QTY_EXCEEDS_AVAILABLE"
    assert resp["error"]["data"]["details"]["available"] == 9

    progress = s.api("production/progress", {"production_id": mo}, t["w1"])
    validate("production/progress", progress)
    assert [op["qty_good"] for op in progress["result"]["operations"]] == [9, 0, 0]
    mine = s.api("my/reports", {}, t["w1"])
    validate("my/reports", mine)
    assert mine["result"]["totals"]["qty_good"] >= 9
    todo = s.api("my/workorders", {}, t["w2"])
    validate("my/workorders", todo)
    assert wos[1] in [w["id"] for w in todo["result"]["workorders"]]

    logs = f.kw(
        "shopfloor.api.log",
        "search_read",
        [[("request_uid", "=", uid)]],
        {"fields": ["replayed", "result_code"]},
    )
    assert sorted((x["replayed"], x["result_code"]) for x in logs) == [
        (False, "OK"),
        (False, "SF_REQUEST_REUSED"),
        (True, "OK"),
    ]


def test_last_operation_finishes_mo(world):
    s, f, t = world["s"], world["f"], world["tokens"]
    mo, wos = f.mo(world["product"], world["bom"], 4)
    for wo, tok in ((wos[0], "w1"), (wos[1], "w2"), (wos[2], "leader")):
        s.api("workorder/start", {"workorder_id": wo, "request_uid": new_uid()}, t[tok])
        res = s.api(
            "workorder/finish",
            {"workorder_id": wo, "qty_good": 4, "request_uid": new_uid()},
            t[tok],
        )
        assert res["result"]["workorder_done"], res
    assert res["result"]["production_done"] is True
    state = f.kw("mrp.production", "read", [[mo], ["state", "qty_produced"]])[0]
    assert (state["state"], state["qty_produced"]) == ("done", 4)


def test_malformed_requests(world):
    s = world["s"]
    token = world["tokens"]["w1"]
    status, resp = s.post(
        "/shopfloor/api/v1/auth/me", b"{not json", {"Authorization": f"Bearer {token}"}, raw=True
    )
    assert status == 200 and err(resp) == "SF_BAD_JSON"
    status, resp = s.post(
        "/shopfloor/api/v1/auth/me", b"[1, 2]", {"Authorization": f"Bearer {token}"}, raw=True
    )
    assert err(resp) == "SF_BAD_JSON"
    status, resp = s.post(
        "/shopfloor/api/v1/auth/me",
        {"jsonrpc": "2.0", "params": [1], "id": 3},
        {"Authorization": f"Bearer {token}"},
    )
    assert err(resp) == "SF_BAD_PARAMS" and resp["id"] == 3
    assert err(s.api("no/such/method", {}, token)) == "SF_UNKNOWN_METHOD"
    assert err(s.api("workorder/get", {"workorder_id": "1"}, token)) == "SF_BAD_PARAMS"
    assert err(s.api("workorder/get", {}, token)) == "SF_BAD_PARAMS"
    assert (
        err(s.api("scan", {"payload": "https://elsewhere.example.com/x"}, token))
        == "SF_UNKNOWN_CODE"
    )
    assert err(s.api("scan", {"payload": "ABCDEFGHJK"}, token)) == "SF_UNKNOWN_CODE"


def test_auth_and_access_errors(world):
    s, f, t = world["s"], world["f"], world["tokens"]
    assert err(s.api("auth/me", {})) == "SF_AUTH_REQUIRED"
    resp = s.api("auth/me", {}, "sf_forged")
    assert err(resp) == "SF_AUTH_INVALID"
    assert resp["error"]["data"]["message_zh"] != resp["error"]["data"]["message_en"]
    assert (
        err(s.api("auth/bind", {"code": "0000000000", "request_uid": new_uid()}))
        == "SF_BIND_CODE_INVALID"
    )
    assert (
        err(s.api("auth/bind_pin", {"badge": "1", "pin": "x", "request_uid": new_uid()}))
        == "SF_BADGE_PIN_INVALID"
    )
    mo, wos = f.mo(world["product"], world["bom"], 2)
    # the third operation's work center is the leader's, not worker A's
    assert (
        err(s.api("workorder/start", {"workorder_id": wos[2], "request_uid": new_uid()}, t["w1"]))
        == "SF_FORBIDDEN"
    )
    assert err(s.api("workorder/get", {"workorder_id": wos[0]}, t["outsider"])) == "SF_FORBIDDEN"
    # the leader acts on the team's work centers
    res = s.api("workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()}, t["leader"])
    assert "result" in res, res
    # a worker token does not open the backend
    status, resp = s.post(
        "/web/dataset/call_kw/mrp.production/search_read",
        {
            "jsonrpc": "2.0",
            "params": {
                "model": "mrp.production",
                "method": "search_read",
                "args": [],
                "kwargs": {},
            },
        },
        {"Authorization": f"Bearer {t['w1']}"},
    )
    assert "error" in resp
    # logout revokes the token
    res = s.api(
        "auth/bind_pin",
        {
            "badge": world["badge"]["w2"],
            "pin": "2468",
            "device_name": "tmp",
            "request_uid": new_uid(),
        },
    )
    tmp = res["result"]["token"]
    s.api("auth/logout", {"request_uid": new_uid()}, tmp)
    assert err(s.api("auth/me", {}, tmp)) == "SF_AUTH_REVOKED"
    failed = f.kw("shopfloor.api.log", "search_count", [[("result_code", "=", "SF_AUTH_REVOKED")]])
    assert failed >= 1, "failed calls are logged too"


def test_parallel_reports_count_once(world):
    """Several workers report on one work order at the same moment: each counted once."""
    s, f, t = world["s"], world["f"], world["tokens"]
    mo, wos = f.mo(world["product"], world["bom"], 40)
    for tok in ("w1", "w2", "leader"):
        res = s.api("workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()}, t[tok])
        assert "result" in res, (tok, res)
    calls = []
    for i in range(12):
        tok = ("w1", "w2", "leader")[i % 3]
        calls.append((tok, {"workorder_id": wos[0], "qty_good": 1, "request_uid": new_uid()}))
    # every call twice at once: a retry racing its original
    calls += calls

    def send(call):
        return s.api("workorder/report", call[1], t[call[0]])

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, calls))
    assert all("result" in r for r in results), [r for r in results if "error" in r][:3]
    wo = f.kw("mrp.workorder", "read", [[wos[0]], ["qty_produced"]])[0]
    assert wo["qty_produced"] == 12
    reports = f.kw("shopfloor.report", "search_count", [[("workorder_id", "=", wos[0])]])
    assert reports == 12


def test_device_terminal_with_badge(world):
    s, f = world["s"], world["f"]
    mo, wos = f.mo(world["product"], world["bom"], 3)
    secret = f.kw("shopfloor.token", "issue_device_token", ["Terminal E2E"])["token"]
    assert (
        err(s.api("workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()}, secret))
        == "SF_BADGE_REQUIRED"
    )
    res = s.api(
        "workorder/start",
        {"workorder_id": wos[0], "badge": world["badge"]["w2"], "request_uid": new_uid()},
        secret,
    )
    assert "result" in res, res


def test_wechat_login_against_stub(world):
    """wx.login's code is exchanged at a code2session stub on 127.0.0.1."""
    import http.server
    import threading
    import urllib.parse

    class Stub(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            code = query.get("js_code", [""])[0]
            if code.startswith("bad"):
                body = {"errcode": 40029, "errmsg": "invalid code"}
            else:
                body = {"openid": "oE2E-" + code.split("-")[0], "session_key": "x"}
            payload = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    stub = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    s, f = world["s"], world["f"]
    try:
        icp = "ir.config_parameter"
        f.kw(icp, "set_param", ["shopfloor_mp.wechat_appid", "wx-test"])
        f.kw(icp, "set_param", ["shopfloor_mp.wechat_secret", "secret"])
        f.kw(
            icp,
            "set_param",
            ["shopfloor_mp.wechat_base_url", f"http://127.0.0.1:{stub.server_port}"],
        )
        who = f.tag
        resp = s.api("auth/wechat", {"js_code": f"{who}-1", "request_uid": new_uid()})
        assert err(resp) == "SF_WECHAT_UNBOUND"
        code = f.bind_code(world["emp"]["w2"])
        resp = s.api(
            "auth/wechat", {"js_code": f"{who}-2", "bind_code": code, "request_uid": new_uid()}
        )
        validate("auth/wechat", resp)
        assert resp["result"]["employee"]["id"] == world["emp"]["w2"]
        # next time the openid alone logs in
        resp = s.api("auth/wechat", {"js_code": f"{who}-3", "request_uid": new_uid()})
        assert resp["result"]["employee"]["id"] == world["emp"]["w2"]
        resp = s.api("auth/wechat", {"js_code": "bad-1", "request_uid": new_uid()})
        assert err(resp) == "SF_WECHAT_FAILED"
    finally:
        stub.shutdown()
        f.kw("ir.config_parameter", "set_param", ["shopfloor_mp.wechat_base_url", ""])


def test_scan_landing_page(world):
    """A plain phone camera opening the QR URL gets a page, not data."""
    import urllib.error
    import urllib.request

    s, t = world["s"], world["tokens"]
    mo, wos = world["f"].mo(world["product"], world["bom"], 1)
    code = s.api("workorder/get", {"workorder_id": wos[0]}, t["w1"])["result"]["workorder"]["code"]
    with urllib.request.urlopen(f"{s.url}/sf/q/{code}", timeout=30) as resp:
        html = resp.read().decode()
    assert resp.status == 200 and "mini-program" in html
    assert world["f"].tag not in html, "the page reveals nothing about the record"
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{s.url}/sf/q/not-a-code", timeout=30)
