"""End to end: material/* over HTTP against a real multi-worker server.

Issue, return, replenish, approve, refuse and scrap with schema-validated answers, and
20 scanners taking the last units of one component at the same moment: the sum issued
never exceeds the allowance.
"""

import concurrent.futures
import uuid

import pytest
from conftest import new_uid
from test_api_e2e import Factory, validate


@pytest.fixture(scope="module")
def mat(odoo_server):
    f = Factory(odoo_server)
    s = odoo_server
    wcs, product, bom = f.line(2)
    component = f.kw(
        "product.product", "create", [{"name": f"E2E Sheet {f.tag}", "is_storable": True}]
    )
    f.kw("mrp.bom.line", "create", [{"bom_id": bom, "product_id": component, "product_qty": 1}])
    stock = f.kw("stock.warehouse", "search_read", [[("code", "=", "WH")], ["lot_stock_id"]])
    location = stock[0]["lot_stock_id"][0]
    quant = f.kw(
        "stock.quant",
        "create",
        [{"product_id": component, "location_id": location, "inventory_quantity": 5000}],
    )
    # (action_apply_inventory() returns None: Odoo's /jsonrpc answer then has no result)
    body = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [s.db, f.uid, "admin", "stock.quant", "action_apply_inventory", [[quant]]],
        },
        "id": 1,
    }
    assert "error" not in s.post("/jsonrpc", body)[1]
    base = int(uuid.uuid4().int % 10**8)
    leader = f.employee("Mat Leader", [wcs[1]], str(base), role="leader")
    workers = [
        f.employee(f"Mat Worker {i}", wcs, str(base + 1 + i), parent=leader) for i in range(3)
    ]
    tokens = []
    for emp in [leader, *workers]:
        res = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})
        tokens.append(res["result"]["token"])
    return {"f": f, "s": s, "product": product, "bom": bom, "component": component,
            "leader": tokens[0], "workers": tokens[1:]}  # fmt: skip


def call(s, method, params, token):
    res = s.api(method, params, token)
    validate(method, res)
    return res


def test_flows_schema_validated(mat):
    s, f = mat["s"], mat["f"]
    mo, _wos = f.mo(mat["product"], mat["bom"], 10)
    w, leader = mat["workers"][0], mat["leader"]
    base = {"production_id": mo, "product_id": mat["component"]}
    needs = call(s, "material/needs", {"production_id": mo}, w)["result"]
    line = next(li for li in needs["lines"] if li["product_id"] == mat["component"])
    assert line["allowed"] == 10
    res = call(s, "material/issue", dict(base, qty=8, request_uid=new_uid()), w)["result"]
    assert res["line"]["allowed"] == 2
    res = call(s, "material/issue", dict(base, qty=3, request_uid=new_uid()), w)
    assert res["error"]["data"]["code"] == "SF_MAT_OVER_ISSUE"
    res = call(s, "material/return", dict(base, qty=1, request_uid=new_uid()), w)["result"]
    assert res["line"]["returned"] == 1
    req = call(s, "material/replenish", dict(base, qty=5, reason="bent", request_uid=new_uid()), w)
    req_id = req["result"]["request"]["id"]
    pending = call(s, "material/requests", {}, leader)["result"]["requests"]
    assert req_id in [r["id"] for r in pending]
    res = call(s, "material/approve", {"request_id": req_id, "request_uid": new_uid()}, w)
    assert res["error"]["data"]["code"] == "SF_MAT_NOT_LEADER"
    res = call(s, "material/approve", {"request_id": req_id, "request_uid": new_uid()}, leader)
    assert res["result"]["request"]["state"] == "approved"
    req = call(s, "material/replenish", dict(base, qty=9, reason="more", request_uid=new_uid()), w)
    res = call(
        s,
        "material/refuse",
        {"request_id": req["result"]["request"]["id"], "request_uid": new_uid()},
        leader,
    )
    assert res["result"]["request"]["state"] == "refused"
    defect = f.kw(
        "shopfloor.defect.type", "search_read", [[("category", "=", "material")], ["id"]]
    )[0]["id"]
    res = call(s, "material/scrap", dict(base, qty=1, request_uid=new_uid()), w)
    assert res["error"]["data"]["code"] == "SF_MAT_DEFECT_REQUIRED"
    res = call(
        s, "material/scrap", dict(base, qty=1, defect_type_id=defect, request_uid=new_uid()), w
    )
    assert res["result"]["line"]["scrapped"] == 1
    assert res["result"]["line"]["on_line"] == 11  # 8 - 1 + 5 - 1


def test_parallel_issues_never_exceed_allowance(mat):
    """20 scanners ask for the last units at the same moment (each call twice: a retry
    racing its original): exactly the allowance is issued, the rest is refused."""
    s, f = mat["s"], mat["f"]
    mo, _wos = f.mo(mat["product"], mat["bom"], 12)
    base = {"production_id": mo, "product_id": mat["component"]}
    first = s.api("material/issue", dict(base, qty=5, request_uid=new_uid()), mat["workers"][0])
    assert "result" in first, first
    calls = [(mat["workers"][i % 3], dict(base, qty=1, request_uid=new_uid())) for i in range(20)]
    calls += calls

    def send(c):
        return s.api("material/issue", c[1], c[0])

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(send, calls))
    ok = {c[1]["request_uid"] for c, r in zip(calls, results, strict=True) if "result" in r}
    codes = {r["error"]["data"]["code"] for r in results if "error" in r}
    assert codes <= {"SF_MAT_OVER_ISSUE"}, codes
    assert len(ok) == 7, len(ok)
    moves = f.kw(
        "shopfloor.material.move",
        "search_read",
        [[("production_id", "=", mo), ("kind", "=", "issue")], ["qty"]],
    )
    assert sum(m["qty"] for m in moves) == 12
    done = f.kw(
        "stock.move",
        "search_read",
        [[("product_id", "=", mat["component"]), ("origin", "=", f.kw(
            "mrp.production", "read", [[mo], ["name"]])[0]["name"]), ("state", "=", "done")],
         ["product_qty", "location_dest_id"]],
    )  # fmt: skip
    assert sum(m["product_qty"] for m in done) == 12, "the stock moved as much as the ledger"


def test_issue_without_stock_raises_material_shortage(mat):
    """The issue fails (SF_MAT_NO_STOCK, nothing written by the call) and its failure
    log raises the line's material-shortage exception (shopfloor_andon_material); a retry
    answers the same open exception."""
    s, f = mat["s"], mat["f"]
    product, bom = mat["product"], mat["bom"]  # (last test: the others' orders are made)
    missing = f.kw(
        "product.product", "create", [{"name": f"E2E Bolt {f.tag}", "is_storable": True}]
    )
    f.kw("mrp.bom.line", "create", [{"bom_id": bom, "product_id": missing, "product_qty": 1}])
    mo, _wos = f.mo(product, bom, 4)
    params = {"production_id": mo, "product_id": missing, "qty": 2}
    for _attempt in range(2):
        res = call(s, "material/issue", dict(params, request_uid=new_uid()), mat["workers"][0])
        assert res["error"]["data"]["code"] == "SF_MAT_NO_STOCK"
    found = f.kw(
        "shopfloor.andon.exception",
        "search_read",
        [[("production_id", "=", mo), ("material_product_id", "=", missing)]],
        {"fields": ["state", "category"]},
    )
    assert len(found) == 1, found
    assert found[0]["category"] == "material" and found[0]["state"] == "raised"
    assert not f.kw("shopfloor.material.move", "search", [[("production_id", "=", mo)]])
