"""Wage lines under concurrency, over HTTP with parallel clients (like the report race
test of test_api_e2e.py): reports of several workers on one work order at the same
moment each recompute its wage lines; the lines must end up paid once (one active line
per employee, work order and day), and ``wage/my`` must never write.
"""

import collections
import concurrent.futures
import uuid

import pytest
from conftest import new_uid
from test_api_e2e import Factory

RATE = 2.0


@pytest.fixture(scope="module")
def line(odoo_server):
    s = odoo_server
    f = Factory(s)
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
        [{"operation_id": ops[0], "rate_type": "piece", "rate": RATE}],
    )
    base = 4 * 10**8 + int(uuid.uuid4().int % (10**8 - 10))
    tokens = {}
    for i in range(3):
        emp = f.employee(f"Race Worker {i}", wcs, str(base + i))
        res = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})
        tokens[i] = res["result"]["token"]
    return {"s": s, "f": f, "product": product, "bom": bom, "tokens": tokens}


def _lines(f, wo):
    return f.kw(
        "shopfloor.wage.line",
        "search_read",
        [[("workorder_id", "=", wo), ("kind", "in", ("piece", "hour"))]],
        {
            "fields": ["employee_id", "work_date", "date", "amount", "qty_good", "write_date"],
            "context": {"active_test": False},
        },
    )


def test_parallel_reports_pay_once(line):
    s, f, t = line["s"], line["f"], line["tokens"]
    mo, wos = f.mo(line["product"], line["bom"], 60)
    for tok in t.values():
        res = s.api("workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()}, tok)
        assert "result" in res, res
    calls = [
        (i % 3, {"workorder_id": wos[0], "qty_good": 1, "request_uid": new_uid()})
        for i in range(15)
    ]
    calls += calls  # each call twice at once: a retry racing its original

    def send(call):
        return s.api("workorder/report", call[1], t[call[0]])

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, calls))
    assert all("result" in r for r in results), [r for r in results if "error" in r][:3]
    active = f.kw(
        "shopfloor.wage.line",
        "search_read",
        [[("workorder_id", "=", wos[0]), ("kind", "in", ("piece", "hour"))]],
        {"fields": ["employee_id", "work_date", "date", "amount", "qty_good", "kind"]},
    )
    keys = collections.Counter((ln["employee_id"][0], ln["work_date"], ln["date"]) for ln in active)
    assert all(n == 1 for n in keys.values()), keys
    assert sum(ln["qty_good"] for ln in active) == pytest.approx(15)
    # piece pay only: other end-to-end tests may leave an hourly rule of the company, whose
    # time-based lines depend on how long the calls took
    paid = sum(ln["amount"] for ln in active if ln["kind"] == "piece")
    assert paid == pytest.approx(15 * RATE)

    # wage/my is read-only: many parallel reads change no line
    before = sorted((ln["id"], ln["write_date"]) for ln in _lines(f, wos[0]))

    def read(tok):
        return s.api("wage/my", {}, tok)

    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(read, [tok for tok in t.values() for _i in range(4)]))
    assert all("result" in a for a in answers), answers[:2]
    assert sum(a["result"]["today"]["amount"] for a in answers[::4]) >= 15 * RATE - 0.01
    after = sorted((ln["id"], ln["write_date"]) for ln in _lines(f, wos[0]))
    assert before == after
