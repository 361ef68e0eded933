"""End to end: an andon exception from raise to close over HTTP, as the apps do it,
with every answer validated against docs/api_schema.json; two responders acknowledging
at the same moment make one acknowledgement."""

import concurrent.futures
import random

import pytest
from conftest import new_uid
from test_api_e2e import Factory, err, validate

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _installed(f):
    return f.kw(
        "ir.module.module",
        "search_count",
        [[("name", "=", "shopfloor_andon"), ("state", "=", "installed")]],
    )


@pytest.fixture(scope="module")
def andon_world(odoo_server):
    f = Factory(odoo_server)
    if not _installed(f):
        pytest.skip("shopfloor_andon is not installed in the test database")
    s = odoo_server
    wc = f.kw("mrp.workcenter", "create", [{"name": f"E2E Andon WC {f.tag}"}])
    base = random.randint(10**7, 9 * 10**7)
    raiser = f.employee("Andon raiser", [wc], str(base))
    fitter1 = f.employee("Andon fitter 1", [], str(base + 1))
    fitter2 = f.employee("Andon fitter 2", [], str(base + 2))
    leader = f.employee("Andon leader", [wc], str(base + 3), role="leader")
    team = f.kw(
        "shopfloor.andon.team",
        "create",
        [{"name": f"E2E team {f.tag}", "member_ids": [(6, 0, [fitter1, fitter2])]}],
    )
    atype = f.kw(
        "shopfloor.andon.type",
        "create",
        [{"name": f"E2E breakdown {f.tag}", "category": "equipment", "team_id": team}],
    )
    code = "".join(random.choice(ALPHABET) for _i in range(10))
    f.kw(
        "shopfloor.code",
        "create",
        [{"code": code, "res_model": "mrp.workcenter", "res_id": wc, "company_id": 1}],
    )
    tokens = {}
    for name, emp in (("raiser", raiser), ("f1", fitter1), ("f2", fitter2), ("leader", leader)):
        res = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})
        tokens[name] = res["result"]["token"]
    return {"f": f, "s": s, "wc": wc, "type": atype, "code": code, "tokens": tokens}


def call(world, method, params, who, write=True):
    params = dict(params, request_uid=new_uid()) if write else params
    resp = world["s"].api(method, params, world["tokens"][who])
    validate(method, resp)
    return resp


def test_raise_to_close_over_http(andon_world):
    w = andon_world
    types = call(w, "andon/types", {}, "raiser", write=False)["result"]["types"]
    assert w["type"] in [t["id"] for t in types]
    res = call(
        w, "andon/raise", {"type_id": w["type"], "code": w["code"], "note": "leak"}, "raiser"
    )
    exc = res["result"]["exception"]
    assert exc["state"] == "raised" and exc["machine_down"] is True
    eid = {"exception_id": exc["id"]}
    inbox = call(w, "my/inbox", {}, "f1", write=False)["result"]
    assert any(
        i["source"] == {"model": "shopfloor.andon.exception", "id": exc["id"]}
        for i in inbox["items"]
    )
    assert inbox["bus_channel"]

    # two fitters tap "acknowledge" at the same moment: one wins, the other is told
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = list(
            pool.map(
                lambda who: w["s"].api(
                    "andon/ack", dict(eid, request_uid=new_uid()), w["tokens"][who]
                ),
                ["f1", "f2"],
            )
        )
    ok = [a for a in answers if "result" in a]
    ko = [a for a in answers if "error" in a]
    assert len(ok) == 1 and len(ko) == 1, answers
    assert err(ko[0]) == "SF_ANDON_BAD_STATE"
    winner = "f1" if "result" in answers[0] else "f2"

    bad = w["s"].api("andon/resolve", dict(eid, request_uid=new_uid()), w["tokens"]["raiser"])
    assert err(bad) == "SF_ANDON_NOT_RESPONDER"
    call(w, "andon/onsite", dict(eid, code=w["code"]), winner)
    call(w, "andon/resolve", dict(eid, note="seal replaced"), winner)
    call(w, "andon/verify", eid, "raiser")
    res = call(w, "andon/close", eid, "leader")
    assert res["result"]["exception"]["state"] == "closed"
    log = call(w, "andon/get", eid, "raiser", write=False)["result"]["exception"]["log"]
    assert [e["action"] for e in log] == ["raise", "ack", "onsite", "resolve", "verify", "close"]
    assert not res["result"]["exception"]["machine_down"]
