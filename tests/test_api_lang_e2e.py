"""The browser's language never breaks an API call.

Odoo puts the request's Accept-Language into the context of every request (``lang``);
a language the database does not have makes Odoo refuse any translated read with
"Invalid language code", which the API answered as ``SF_BUSINESS_RULE`` (the worker app
in a Chinese browser on a database without zh_CN: an intermittent refusal of a start).
The API chooses the worker's language itself; a call with any Accept-Language header
behaves like one without.
"""

import uuid

import pytest
from conftest import new_uid
from test_api_e2e import Factory

LANGUAGES = ("zh-CN,zh;q=0.9,en;q=0.8", "fr-FR,fr;q=0.9", "de", "xx-YY")


@pytest.fixture(scope="module")
def world(odoo_server):
    s = odoo_server
    f = Factory(s)
    wcs, product, bom = f.line(2)
    badge = str(5 * 10**8 + uuid.uuid4().int % 10**8)
    emp = f.employee("Lang Worker", wcs, badge)
    res = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})
    return {"s": s, "f": f, "product": product, "bom": bom, "token": res["result"]["token"]}


def call(s, method, params, token, accept_language):
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": accept_language}
    body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
    status, resp = s.post(f"/shopfloor/api/v1/{method}", body, headers)
    assert status == 200, (status, resp)
    return resp


@pytest.mark.parametrize("accept_language", LANGUAGES)
def test_any_browser_language_serves_the_shift(world, accept_language):
    s, f, token = world["s"], world["f"], world["token"]
    _mo, wos = f.mo(world["product"], world["bom"], 4)
    wo = wos[0]

    def ok(method, params):
        res = call(s, method, params, token, accept_language)
        assert "result" in res, (method, accept_language, res)
        return res["result"]

    ok("auth/me", {})
    catalog = ok("catalog", {})
    ok("my/workorders", {})
    ok("workorder/get", {"workorder_id": wo})
    ok("workorder/start", {"workorder_id": wo, "request_uid": new_uid()})
    ok("workorder/report", {"workorder_id": wo, "qty_good": 1, "request_uid": new_uid()})
    reason = catalog["pause_reasons"][0]["id"]
    ok("workorder/pause", {"workorder_id": wo, "reason_id": reason, "request_uid": new_uid()})
    ok("workorder/resume", {"workorder_id": wo, "request_uid": new_uid()})
    ok("workorder/finish", {"workorder_id": wo, "qty_good": 3, "request_uid": new_uid()})
    ok("my/reports", {})
    # a client mistake is still the documented error, in the worker's language
    res = call(s, "workorder/get", {"workorder_id": 2**31 - 1}, token, accept_language)
    assert res["error"]["data"]["code"] == "SF_UNKNOWN_CODE", res


def test_browser_language_under_parallel_calls(world):
    """As the app does: reads racing a start on one token (their ``last_used`` updates
    collide, and Odoo replays the loser on a fresh transaction)."""
    import concurrent.futures

    s, f, token = world["s"], world["f"], world["token"]
    lang = LANGUAGES[0]
    for _round in range(3):
        _mo, wos = f.mo(world["product"], world["bom"], 2)
        calls = [("workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()})]
        calls += [
            ("my/workorders", {}),
            ("auth/me", {}),
            ("workorder/get", {"workorder_id": wos[0]}),
        ] * 3
        with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda c: call(s, c[0], c[1], token, lang), calls))
        bad = [(c[0], r) for c, r in zip(calls, results, strict=True) if "result" not in r]
        assert not bad, bad[:3]


def test_browser_language_over_many_shifts(world):
    """Odoo's own pre-dispatch makes a superuser environment from the raw request
    context, and commits flush with any environment of the transaction: many calls in a
    Chinese browser on a database without zh_CN must all be served."""
    s, f, token = world["s"], world["f"], world["token"]
    lang = LANGUAGES[0]
    for _round in range(12):
        _mo, wos = f.mo(world["product"], world["bom"], 2)
        for method, params in (
            ("workorder/start", {"workorder_id": wos[0]}),
            ("workorder/report", {"workorder_id": wos[0], "qty_good": 1}),
            ("workorder/finish", {"workorder_id": wos[0], "qty_good": 1}),
            ("workorder/start", {"workorder_id": wos[1]}),
        ):
            res = call(s, method, dict(params, request_uid=new_uid()), token, lang)
            assert "result" in res, (method, res)
