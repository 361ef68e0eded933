"""End to end over HTTP: the quality and traceability endpoints of shopfloor_trace
(``quality/checks``, ``quality/do``, ``trace/backward``, ``trace/forward``), every
answer validated against docs/api_schema.json.

A lot-tracked assembly made from a lot-tracked component in one operation with a
blocking first-article measurement and a final defect count: the measurement passes,
the defect count fails (an alert opens), the order closes, one unit is delivered, and
the finished lot traces back to its component lot and the component lot forward to
the finished lot and its customer.

``SF_API_EXAMPLES_OUT=<file>``: also write the real responses there (JSON, by method),
to refresh the examples of docs/api_fragments/quality_trace.json.
"""

import json
import os

import pytest
from conftest import new_uid
from test_api_e2e import Factory, err, validate

RECORDED = {}


def call(world, method, params, token, example=False):
    """Call ``method``, validate the answer (result or error) against the schema;
    ``example``: keep it as the documented example of the method."""
    resp = world["s"].api(method, params, token)
    validate(method, resp)
    if example and "result" in resp:
        RECORDED[method] = {"params": params, "result": resp["result"]}
    return resp


@pytest.fixture(scope="module", autouse=True)
def _write_examples():
    yield
    out = os.environ.get("SF_API_EXAMPLES_OUT")
    if out and RECORDED:
        with open(out, "w") as fh:
            json.dump(RECORDED, fh, indent=1, ensure_ascii=False)


@pytest.fixture(scope="module")
def world(odoo_server):
    """A component lot in stock, an assembly with two quality points on its operation,
    a confirmed order of 2 and a bound worker."""
    s = odoo_server
    f = Factory(odoo_server)
    kw = f.kw
    tag = f.tag
    wc = kw("mrp.workcenter", "create", [{"name": f"CNC {tag}"}])
    component = kw(
        "product.product",
        "create",
        [{"name": f"Disc blank {tag}", "is_storable": True, "tracking": "lot"}],
    )
    part = kw(
        "product.product",
        "create",
        [{"name": f"Brake disc {tag}", "is_storable": True, "tracking": "lot"}],
    )
    stock = kw("stock.warehouse", "search_read", [[]], {"fields": ["lot_stock_id"], "limit": 1})
    stock_location = stock[0]["lot_stock_id"][0]
    # (stock_account's stock.lot.create() is not an @api.model method: called on an
    # empty recordset, its answer is not the ids)
    kw("stock.lot", "create", [[], [{"name": f"BLANK-{tag.upper()}", "product_id": component}]])
    component_lot = kw("stock.lot", "search", [[("name", "=", f"BLANK-{tag.upper()}")]])[0]
    quant = kw(
        "stock.quant",
        "create",
        [
            {
                "product_id": component,
                "lot_id": component_lot,
                "location_id": stock_location,
                "inventory_quantity": 10,
            }
        ],
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
    bom = kw(
        "mrp.bom",
        "create",
        [
            {
                "product_tmpl_id": f.product_tmpl(part),
                "bom_line_ids": [(0, 0, {"product_id": component, "product_qty": 1})],
                "operation_ids": [(0, 0, {"name": "Machine", "workcenter_id": wc})],
            }
        ],
    )
    op = kw("mrp.bom", "read", [[bom], ["operation_ids"]])[0]["operation_ids"][0]
    defect = kw(
        "shopfloor.defect.type",
        "create",
        [{"name": f"Burr {tag}", "code": f"BURR-{tag}", "severity": "minor"}],
    )
    kw(
        "shopfloor.quality.point",
        "create",
        [
            [
                {
                    "name": f"Bore diameter {tag}",
                    "operation_id": op,
                    "trigger": "first",
                    "test_type": "measure",
                    "norm": 10.0,
                    "tolerance_min": 9.95,
                    "tolerance_max": 10.05,
                    "norm_unit": "mm",
                    "blocking": True,
                    "instructions": "<p>Gauge G-12</p>",
                },
                {
                    "name": f"Visual inspection {tag}",
                    "operation_id": op,
                    "trigger": "final",
                    "test_type": "defects",
                    "defect_type_ids": [(6, 0, [defect])],
                },
            ]
        ],
    )
    badge = str(int(tag, 16) % 10**8 + 10**8)
    emp = f.employee("QT Worker", [wc], badge)
    token = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})["result"][
        "token"
    ]
    mo, wos = f.mo(part, bom, qty=2)
    kw("mrp.production", "action_assign", [[mo]])
    return {
        "s": s,
        "f": f,
        "token": token,
        "part": part,
        "component_lot": component_lot,
        "component_lot_name": f"BLANK-{tag.upper()}",
        "defect": defect,
        "mo": mo,
        "wo": wos[0],
    }


def test_quality_checks_and_do(world):
    s, token, wo = world["s"], world["token"], world["wo"]
    s.api("workorder/start", {"workorder_id": wo, "request_uid": new_uid()}, token)
    res = call(
        world,
        "workorder/report",
        {"workorder_id": wo, "qty_good": 1, "request_uid": new_uid()},
        token,
    )
    world["lot_name"] = res["result"]["report"]["lots"][0]

    res = call(world, "quality/checks", {"workorder_id": wo}, token, example=True)["result"]
    assert res["blocking"] is True
    checks = {c["type"]: c for c in res["checks"]}
    assert set(checks) == {"measure", "defects"}
    assert checks["measure"]["lower"] == 9.95 and checks["measure"]["measure"] is None
    assert checks["defects"]["lot"] == world["lot_name"]

    bad = {"check_id": checks["measure"]["id"], "measure": "ten", "request_uid": new_uid()}
    assert err(call(world, "quality/do", bad, token)) == "SF_QC_BAD_RESULT"
    params = {"check_id": checks["measure"]["id"], "measure": 10.02, "request_uid": new_uid()}
    res = call(world, "quality/do", params, token)["result"]
    assert res["state"] == "pass" and res["alert"] is None
    assert res["check"]["measure"] == 10.02
    assert res["workorder"]["quality_blocking"] is False
    again = dict(params, request_uid=new_uid())
    assert err(call(world, "quality/do", again, token)) == "SF_QC_ALREADY_DONE"

    params = {
        "check_id": checks["defects"]["id"],
        "defects": [{"defect_type_id": world["defect"], "qty": 1}],
        "note": "burr on the bore edge",
        "request_uid": new_uid(),
    }
    res = call(world, "quality/do", params, token, example=True)["result"]
    assert res["state"] == "fail" and res["alert"]
    world["wo_code"] = res["workorder"]["code"]

    res = call(world, "quality/checks", {"workorder_id": wo, "all": True}, token)["result"]
    assert sorted(c["state"] for c in res["checks"]) == ["fail", "pass"]
    unknown = {"check_id": 999999999, "result": "pass", "request_uid": new_uid()}
    assert err(call(world, "quality/do", unknown, token)) == "SF_QC_UNKNOWN_CHECK"

    res = s.api(
        "workorder/finish",
        {"workorder_id": wo, "qty_good": 1, "request_uid": new_uid()},
        token,
    )
    assert res["result"]["production_done"] is True, res


def _deliver(world):
    """Deliver one finished unit of the lot to a customer."""
    f = world["f"]
    kw = f.kw
    partner = kw("res.partner", "create", [{"name": f"Customer {f.tag}"}])
    out_type = kw("stock.picking.type", "search", [[("code", "=", "outgoing")]], {"limit": 1})[0]
    ptype = kw("stock.picking.type", "read", [[out_type], ["default_location_src_id"]])[0]
    customers = kw("stock.location", "search", [[("usage", "=", "customer")]], {"limit": 1})[0]
    picking = kw(
        "stock.picking",
        "create",
        [
            {
                "partner_id": partner,
                "picking_type_id": out_type,
                "location_id": ptype["default_location_src_id"][0],
                "location_dest_id": customers,
                "origin": f"S-{f.tag}",
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "E2E delivery",
                            "product_id": world["part"],
                            "product_uom_qty": 1,
                            "location_id": ptype["default_location_src_id"][0],
                            "location_dest_id": customers,
                        },
                    )
                ],
            }
        ],
    )
    kw("stock.picking", "action_confirm", [[picking]])
    kw("stock.picking", "action_assign", [[picking]])
    moves = kw("stock.move", "search", [[("picking_id", "=", picking)]])
    kw("stock.move", "write", [moves, {"picked": True}])
    kw("stock.picking", "button_validate", [[picking]])
    state = kw("stock.picking", "read", [[picking], ["state"]])[0]["state"]
    assert state == "done", state
    return partner


def test_trace_backward_and_forward(world):
    if "lot_name" not in world:
        pytest.skip("needs test_quality_checks_and_do")
    token, f = world["token"], world["f"]
    lot = f.kw(
        "stock.lot",
        "search",
        [[("name", "=", world["lot_name"]), ("product_id", "=", world["part"])]],
    )[0]
    res = call(world, "trace/backward", {"lot_id": lot}, token, example=True)["result"]
    assert res["lot"]["name"] == world["lot_name"]
    assert [c["lot"] for c in res["components"]] == [world["component_lot_name"]]
    assert res["raw_lots"] == [world["component_lot_name"]]
    assert [op["name"] for op in res["operations"]] == ["Machine"]
    # the second report (at finish) made the final check due again: not blocking
    assert sorted(c["state"] for c in res["checks"]) == ["fail", "pass", "todo"]
    assert len(res["alerts"]) == 1

    _deliver(world)
    params = {"lot_name": world["component_lot_name"]}
    res = call(world, "trace/forward", params, token, example=True)["result"]
    assert res["finished"] == [world["lot_name"]]
    assert [d["lot"] for d in res["deliveries"]] == [world["lot_name"]]
    assert res["customers"] == [f"Customer {f.tag}"]

    res = call(world, "trace/forward", {"lot_id": lot}, token)["result"]
    assert res["units"] == [] and len(res["deliveries"]) == 1
    assert err(call(world, "trace/backward", {"code": "ZZZZZZZZZZ"}, token)) == ("SF_UNKNOWN_CODE")
    assert err(call(world, "trace/backward", {"lot_name": "no such lot"}, token)) == (
        "SF_UNKNOWN_CODE"
    )
    not_lot = {"code": world["wo_code"]}
    assert err(call(world, "trace/forward", not_lot, token)) == "SF_TRACE_NOT_LOT"
