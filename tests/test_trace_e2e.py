"""End to end over HTTP: quality checks and traceability of shopfloor_trace.

A lot-tracked part made in one operation with a blocking final check: the report gives
the batch its lot, the check blocks the finish until it passes, the lot's QR code scans
and traces.
"""

import uuid

from conftest import new_uid


def err(resp):
    assert "error" in resp, resp
    assert "debug" not in str(resp), "no traceback reaches the client"
    return resp["error"]["data"]["code"]


def test_quality_and_trace(odoo_server):
    s = odoo_server
    uid = s.login("admin", "admin")

    def kw(model, method, args, kwargs=None):
        return s.call_kw(uid, "admin", model, method, args, kwargs)

    tag = uuid.uuid4().hex[:6]
    wc = kw("mrp.workcenter", "create", [{"name": f"E2E QC {tag}"}])
    part = kw(
        "product.product",
        "create",
        [{"name": f"E2E Lot Part {tag}", "is_storable": True, "tracking": "lot"}],
    )
    tmpl = kw("product.product", "read", [[part], ["product_tmpl_id"]])[0]["product_tmpl_id"][0]
    bom = kw(
        "mrp.bom",
        "create",
        [
            {
                "product_tmpl_id": tmpl,
                "operation_ids": [(0, 0, {"name": "Make", "workcenter_id": wc})],
            }
        ],
    )
    op = kw("mrp.bom", "read", [[bom], ["operation_ids"]])[0]["operation_ids"][0]
    kw(
        "shopfloor.quality.point",
        "create",
        [
            {
                "name": f"Final {tag}",
                "operation_id": op,
                "trigger": "final",
                "test_type": "passfail",
                "blocking": True,
            }
        ],
    )
    emp = kw(
        "hr.employee",
        "create",
        [
            {
                "name": f"QC Worker {tag}",
                "barcode": str(uuid.uuid4().int % 10**9),
                "pin": "2468",
                "shopfloor_workcenter_ids": [(6, 0, [wc])],
                "shopfloor_lang": "en_US",
            }
        ],
    )
    ctx = {"active_model": "hr.employee", "active_id": emp}
    wiz = kw("shopfloor.bind.code.wizard", "create", [{}], {"context": ctx})
    # the code is shown through the returned action only, never stored
    code = kw("shopfloor.bind.code.wizard", "action_generate", [[wiz]])["context"][
        "shopfloor_shown_secret"
    ]
    token = s.api("auth/bind", {"code": code, "request_uid": new_uid()})["result"]["token"]
    mo = kw("mrp.production", "create", [{"product_id": part, "bom_id": bom, "product_qty": 2}])
    kw("mrp.production", "action_confirm", [[mo]])
    wo = kw("mrp.workorder", "search", [[("production_id", "=", mo)]])[0]

    s.api("workorder/start", {"workorder_id": wo, "request_uid": new_uid()}, token)
    res = s.api(
        "workorder/report", {"workorder_id": wo, "qty_good": 2, "request_uid": new_uid()}, token
    )
    lot_name = res["result"]["report"]["lots"][0]
    assert res["result"]["workorder"]["quality_blocking"] is True
    finish = {"workorder_id": wo, "request_uid": new_uid()}
    assert err(s.api("workorder/finish", finish, token)) == "SF_QC_BLOCKING"
    checks = s.api("quality/checks", {"workorder_id": wo}, token)["result"]["checks"]
    assert [c["lot"] for c in checks] == [lot_name]
    params = {"check_id": checks[0]["id"], "result": "pass", "request_uid": new_uid()}
    first = s.api("quality/do", params, token)
    assert first["result"]["state"] == "pass"
    assert s.api("quality/do", params, token)["result"] == first["result"], "idempotent"
    again = dict(params, request_uid=new_uid())
    assert err(s.api("quality/do", again, token)) == "SF_QC_ALREADY_DONE"
    res = s.api("workorder/finish", dict(finish, request_uid=new_uid()), token)
    assert res["result"]["production_done"] is True

    lot = kw("stock.lot", "search", [[("name", "=", lot_name), ("product_id", "=", part)]])[0]
    back = s.api("trace/backward", {"lot_id": lot}, token)["result"]
    assert back["lot"]["name"] == lot_name
    assert [op["name"] for op in back["operations"]] == ["Make"]
    assert back["checks"][0]["state"] == "pass"
    fwd = s.api("trace/forward", {"lot_name": lot_name}, token)["result"]
    assert fwd["units"] == [] and fwd["deliveries"] == []
    assert err(s.api("trace/backward", {"code": "ZZZZZZZZZZ"}, token)) == "SF_UNKNOWN_CODE"
    nothing = {"workorder_id": wo, "result": "pass", "request_uid": new_uid()}
    assert err(s.api("quality/do", nothing, token)) == "SF_QC_NOT_DUE"
