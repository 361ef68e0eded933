"""The worker app in a real browser (Playwright driving Debian's chromium) against a
real server and database: the scripts in tests/browser/ act as the worker; this file
prepares the factory data, runs them with node and checks the database afterwards.

Needs node, the npm packages of package-lock.json (``npm ci``) and /usr/bin/chromium:
without them these tests fail (they are not skipped) when an e2e database is given.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import uuid

import pytest
from conftest import new_uid
from test_api_e2e import Factory

ROOT = pathlib.Path(__file__).resolve().parent.parent
BROWSER = ROOT / "tests" / "browser"


class AppWorld(Factory):
    """Backend set-up through Odoo's JSON-RPC, as an admin would click it (the e2e
    tests' factory: ``kw``, ``mo``, ``bind_code``; its own lines and employees)."""

    def __init__(self, server):
        super().__init__(server)
        self.badge_base = int(uuid.uuid4().int % 10**8)

    def line(self, n_ops=2, quality=False, piece_rate=0.0):
        wcs = self.kw(
            "mrp.workcenter",
            "create",
            [[{"name": f"App WC{i} {self.tag}"} for i in range(n_ops)]],
        )
        product = self.kw(
            "product.product", "create", [{"name": f"App Part {self.tag}", "is_storable": True}]
        )
        tmpl = self.kw("product.product", "read", [[product], ["product_tmpl_id"]])[0][
            "product_tmpl_id"
        ][0]
        ops = [
            (0, 0, {"name": f"Op{i}", "workcenter_id": wc, "time_cycle_manual": 5, "sequence": i})
            for i, wc in enumerate(wcs)
        ]
        bom = self.kw("mrp.bom", "create", [{"product_tmpl_id": tmpl, "operation_ids": ops}])
        op = self.kw("mrp.bom", "read", [[bom], ["operation_ids"]])[0]["operation_ids"][0]
        if piece_rate:
            self.kw(
                "shopfloor.wage.rule",
                "create",
                [{"operation_id": op, "rate_type": "piece", "rate": piece_rate}],
            )
        if quality:
            self.kw(
                "shopfloor.quality.point",
                "create",
                [
                    {
                        "name": f"First article {self.tag}",
                        "operation_id": op,
                        "trigger": "first",
                        "test_type": "passfail",
                        "blocking": True,
                    }
                ],
            )
        return wcs, product, bom

    def employee(self, name, wcs, role="worker", parent=False):
        self.badge_base += 1
        badge = str(self.badge_base)
        emp = self.kw(
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
                    "shopfloor_lang": "zh_CN",
                }
            ],
        )
        return emp, badge

    def device_token(self, name):
        wiz = self.kw("shopfloor.device.wizard", "create", [{"name": name}])
        action = self.kw("shopfloor.device.wizard", "action_register", [[wiz]])
        return action["context"]["shopfloor_shown_secret"]

    def token(self, badge):
        res = self.s.api("auth/bind_pin", {"badge": badge, "pin": "2468", "request_uid": new_uid()})
        return res["result"]["token"]

    def wo_code(self, token, workorder):
        res = self.s.api("workorder/get", {"workorder_id": workorder}, token)
        return res["result"]["workorder"]["code"]

    def api_failures(self, employees):
        """The API calls of ``employees`` the server refused (shopfloor.api.log)."""
        return self.kw(
            "shopfloor.api.log",
            "search_read",
            [[("employee_id", "in", employees), ("result_code", "!=", "OK")]],
            {"fields": ["endpoint", "result_code", "employee_id", "create_date"]},
        )

    def reports(self, workorder):
        return self.kw(
            "shopfloor.report",
            "search_read",
            [[("workorder_id", "=", workorder)]],
            {"fields": ["qty_good", "qty_scrap", "defect_type_id", "employee_id", "state"]},
        )


def run_node(script, fixture, server, y4m=None, timeout=300):
    """Run one browser script; returns its SF_RESULT dict (fails the test on error)."""
    node = shutil.which("node")
    assert node, "node is needed for the browser tests"
    assert (ROOT / "node_modules" / "playwright-core").is_dir(), "run `npm ci` first"
    env = dict(
        os.environ,
        SF_APP_URL=server.url,
        SF_FIXTURE=json.dumps(fixture),
        SF_SCREENSHOTS=str(ROOT / "docs" / "screenshots" / "app"),
    )
    if y4m:
        env["SF_Y4M"] = str(y4m)
    proc = subprocess.run(
        [node, str(BROWSER / script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    assert proc.returncode == 0, f"{script} failed:\n{proc.stdout}\n{proc.stderr}"
    lines = [line for line in proc.stdout.splitlines() if line.startswith("SF_RESULT ")]
    assert lines, f"{script} gave no result"
    return json.loads(lines[-1][len("SF_RESULT ") :])


@pytest.fixture(scope="module")
def app_world(odoo_server):
    return AppWorld(odoo_server)


def job_card_video(text, path):
    """A Y4M video of the QR of ``text`` for the fake camera (tests/browser/make_y4m.py)."""
    sys.path.insert(0, str(BROWSER))
    try:
        import make_y4m
    finally:
        sys.path.pop(0)
    path.write_bytes(make_y4m.y4m_bytes(text))
    return path


def test_whole_shift_on_a_phone(app_world, tmp_path):
    """Bind, camera scan, start, failed blocking check, report, scrap with a reason,
    pause, resume, finish, my reports; then the database."""
    w = app_world
    wcs, product, bom = w.line(2, quality=True, piece_rate=1.5)
    leader, leader_badge = w.employee("Leader", wcs, role="leader")
    worker, _badge = w.employee("Worker", wcs, parent=leader)
    _mo, wos = w.mo(product, bom, 10)
    leader_token = w.token(leader_badge)
    code = w.wo_code(leader_token, wos[0])
    catalog = w.s.api("catalog", {}, leader_token)["result"]
    defect = catalog["defect_types"][0]
    y4m = job_card_video(f"{w.s.url}/sf/q/{code}", tmp_path / "job_card.y4m")
    fixture = {
        "bind_code": w.bind_code(worker),
        "workorder_id": wos[0],
        "qty_good": 2,
        "quality": True,
        "defect_code": defect["code"],
        "code": code,
    }
    result = run_node("shift.mjs", fixture, w.s, y4m=y4m)

    assert "SF_QC_BLOCKING" not in result["blocked_error"], "the message, not the code"
    assert result["blocked_error"], "the blocking check was shown"
    reports = w.reports(wos[0])
    assert sum(r["qty_good"] for r in reports) == 3
    scrap = [r for r in reports if r["qty_scrap"]]
    assert len(scrap) == 1 and scrap[0]["qty_scrap"] == 1
    assert scrap[0]["defect_type_id"][0] == defect["id"]
    assert {r["employee_id"][0] for r in reports} == {worker}
    state = w.kw("mrp.workorder", "read", [[wos[0]], ["state"]])[0]["state"]
    assert state == "done"
    logs = w.kw(
        "mrp.workcenter.productivity",
        "search_read",
        [
            [
                "|",
                ("workorder_id", "=", wos[0]),
                ("shopfloor_workorder_id", "=", wos[0]),
                ("employee_id", "=", worker),
            ]
        ],
        {"fields": ["loss_type", "date_end", "workorder_id"]},
    )
    assert any(log["loss_type"] != "productive" for log in logs), "the pause was logged"
    assert all(log["date_end"] for log in logs), "no open time log after finish"
    assert result["total_good"] == 3
    assert result["pending"] == 0
    assert result["landing"].endswith("/shopfloor/app"), "the code is not left in the URL"
    assert result["disputed"], "a wage line (piece rate) was there to dispute"
    if result["disputed"]:
        disputes = w.kw(
            "shopfloor.wage.dispute",
            "search_read",
            [[("line_id.employee_id", "=", worker)]],
            {"fields": ["reason", "state"]},
        )
        assert [d["state"] for d in disputes] == ["open"]


def test_offline_outbox(app_world):
    """Three reports queued offline, a reload, the network back: each counted once.
    My work shows the queue per work order; a report queued on a work order
    meanwhile from another device (paused there) is refused on replay, with the server's
    message."""
    w = app_world
    wcs, product, bom = w.line(1)
    worker, badge = w.employee("Offline worker", wcs)
    _mo, wos = w.mo(product, bom, 10)
    _mo_b, wos_b = w.mo(product, bom, 5)
    token = w.token(badge)
    fixture = {
        "bind_code": w.bind_code(worker),
        "workorder_id": wos[0],
        "code": w.wo_code(token, wos[0]),
        "workorder_b": wos_b[0],
        "code_b": w.wo_code(token, wos_b[0]),
    }
    result = run_node("offline.mjs", fixture, w.s)
    assert result["pending_after_reload"] == 4
    assert result["queued_a"] == 3 and result["queued_b"] == 1
    assert "×3" in result["queued_a_text"], result["queued_a_text"]
    assert result["guess_good_a"] == 3, "my work shows the queued reports' quantities"
    assert result["pending_after"] == 0
    reports = w.reports(wos[0])
    assert len(reports) == 3, reports
    assert sum(r["qty_good"] for r in reports) == 3
    assert not w.reports(wos_b[0]), "the refused report wrote nothing"
    # the server's own message (zh_CN, the worker's language), not the code
    for text in (result["refused_header"], result["refused_item"]):
        assert "SF_" not in text and "请先开工" in text, text
    assert result["refused_dismissed"]


def test_shared_terminal_two_badges(app_world):
    """A registered terminal: two workers, each by badge, then back to idle. Each start
    must be confirmed by the server (none left queued, no error on the screen); when not,
    the server's refusals and the text of any Odoo rule it applied are printed."""
    w = app_world
    wcs, product, bom = w.line(1)
    emp1, badge1 = w.employee("Terminal A", wcs)
    emp2, badge2 = w.employee("Terminal B", wcs)
    _mo, wos = w.mo(product, bom, 10)
    code = w.wo_code(w.token(badge1), wos[0])
    fixture = {
        "device_token": w.device_token(f"Terminal {w.tag}"),
        "badges": [badge1, badge2],
        "workorder_id": wos[0],
        "code": code,
    }
    try:
        result = run_node("terminal.mjs", fixture, w.s)
    except AssertionError:
        # what the server refused, for the developer (the page shows the message only)
        print(w.api_failures([emp1, emp2]))
        log = pathlib.Path(w.s.logfile.name).read_text(errors="replace").splitlines()
        print("\n".join(line for line in log if "business rule" in line or "Traceback" in line))
        raise
    assert result["names"] == [f"Terminal A {w.tag}", f"Terminal B {w.tag}"]
    assert result["pending"] == 0, "each start was confirmed by the server, none left queued"
    active = w.kw("mrp.workorder", "read", [[wos[0]], ["shopfloor_active_employee_ids"]])[0]
    assert set(active["shopfloor_active_employee_ids"]) == {emp1, emp2}


def test_leader_inbox_andon_trace(app_world):
    """A leader at phone size: inbox (unread count, read, done), an andon call from a work
    order, a batch's lot number and one serial per unit given with reports, and a lot
    traced by scan as a tree, backward and forward."""
    w = app_world
    kw = w.kw
    tag = w.tag
    wcs = kw("mrp.workcenter", "create", [[{"name": f"App Trace WC {tag}"}]])
    component = kw(
        "product.product",
        "create",
        [{"name": f"App Blank {tag}", "is_storable": True, "tracking": "lot"}],
    )
    part = kw(
        "product.product",
        "create",
        [{"name": f"App Disc {tag}", "is_storable": True, "tracking": "lot"}],
    )
    location = kw("stock.warehouse", "search_read", [[]], {"fields": ["lot_stock_id"], "limit": 1})
    component_lot = f"APPBLANK-{tag.upper()}"
    kw("stock.lot", "create", [[], [{"name": component_lot, "product_id": component}]])
    lot_id = kw("stock.lot", "search", [[("name", "=", component_lot)]])[0]
    quant = kw(
        "stock.quant",
        "create",
        [
            {
                "product_id": component,
                "lot_id": lot_id,
                "location_id": location[0]["lot_stock_id"][0],
                "inventory_quantity": 20,
            }
        ],
    )
    # (action_apply_inventory() returns None: Odoo's /jsonrpc answer has no result then)
    body = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "service": "object",
            "method": "execute_kw",
            "args": [w.s.db, w.uid, "admin", "stock.quant", "action_apply_inventory", [[quant]]],
        },
        "id": 1,
    }
    assert "error" not in w.s.post("/jsonrpc", body)[1]
    bom = kw(
        "mrp.bom",
        "create",
        [
            {
                "product_tmpl_id": w.product_tmpl(part),
                "bom_line_ids": [(0, 0, {"product_id": component, "product_qty": 1})],
                "operation_ids": [(0, 0, {"name": "Press", "workcenter_id": wcs[0]})],
            }
        ],
    )
    leader, leader_badge = w.employee("Trace leader", wcs, role="leader")
    token = w.token(leader_badge)
    # a finished lot, made through the API
    mo, wos = w.mo(part, bom, 2)
    kw("mrp.production", "action_assign", [[mo]])
    w.s.api("workorder/start", {"workorder_id": wos[0], "request_uid": new_uid()}, token)
    res = w.s.api(
        "workorder/report",
        {"workorder_id": wos[0], "qty_good": 2, "request_uid": new_uid()},
        token,
    )
    lot = res["result"]["report"]["lots"][0]
    w.s.api("workorder/finish", {"workorder_id": wos[0], "request_uid": new_uid()}, token)
    # an order for the andon call and the batch's lot number typed in the app
    _mo2, wos2 = w.mo(part, bom, 5)
    kw("mrp.production", "action_assign", [[_mo2]])
    # a serial-tracked product: one serial per unit, scanned in the app
    unit = kw(
        "product.product",
        "create",
        [{"name": f"App Unit {tag}", "is_storable": True, "tracking": "serial"}],
    )
    unit_bom = kw(
        "mrp.bom",
        "create",
        [
            {
                "product_tmpl_id": w.product_tmpl(unit),
                "operation_ids": [(0, 0, {"name": "Build", "workcenter_id": wcs[0]})],
            }
        ],
    )
    _mo3, wos3 = w.mo(unit, unit_bom, 3)
    serials = [f"SN-{tag.upper()}-{i}" for i in (1, 2)]
    andon_code = f"APPDOWN{tag}"
    atype = kw(
        "shopfloor.andon.type",
        "create",
        [{"name": f"Press down {tag}", "code": andon_code, "category": "equipment"}],
    )
    items = kw(
        "shopfloor.inbox.item",
        "create",
        [
            [
                {
                    "name": f"Check the press {tag}",
                    "body": "Oil level low on press 2.",
                    "kind": "todo",
                    "priority": "1",
                    "employee_id": leader,
                },
                {"name": f"Shift meeting {tag}", "kind": "notice", "employee_id": leader},
            ]
        ],
    )
    fixture = {
        "bind_code": w.bind_code(leader),
        "todo_id": items[0],
        "workorder_id": wos2[0],
        "code": w.wo_code(token, wos2[0]),
        "andon_code": andon_code,
        "andon_note": "Hydraulic leak",
        "lot": lot,
        "component_lot": component_lot,
        "lot_name": f"LOT-{tag.upper()}",
        "serial_workorder_id": wos3[0],
        "serial_code": w.wo_code(token, wos3[0]),
        "serials": serials,
    }
    result = run_node("leader.mjs", fixture, w.s)

    assert result["unread_before"] == 2 and result["unread_after"] == 0
    states = kw("shopfloor.inbox.item", "read", [items, ["state"]])
    assert [s["state"] for s in states] == ["done", "read"]
    exc = kw(
        "shopfloor.andon.exception",
        "search_read",
        [[("workorder_id", "=", wos2[0])]],
        {"fields": ["type_id", "raised_by_employee_id", "note", "priority"]},
    )
    assert len(exc) == 1, exc
    assert exc[0]["type_id"][0] == atype and exc[0]["raised_by_employee_id"][0] == leader
    assert exc[0]["note"] == "Hydraulic leak" and exc[0]["priority"] == "1"
    # the numbers the leader gave with the reports
    reported = [sorted(r["lots"]) for r in w.s.api("my/reports", {}, token)["result"]["reports"]]
    assert sorted(serials) in reported and [f"LOT-{tag.upper()}"] in reported, reported
    assert result["serials_needed"] == 2
    assert result["serial_problem"] and "SF_" not in result["serial_problem"]
    assert result["backward"] == [[0, lot], [1, component_lot]]
    assert result["operations"] == 1
    assert result["forward"] == [[0, component_lot], [1, lot]]
    assert result["unknown_lot"] and "SF_" not in result["unknown_lot"]
