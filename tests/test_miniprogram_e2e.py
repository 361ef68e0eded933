"""The WeChat mini-program's store and API layer against a real server and database:
miniprogram/tests/e2e/shift.js (node; `wx.request` served by fetch) signs in with badge
and PIN, scans a job card, starts, queues two reports and a pause offline, replays them
after a lost answer, finishes and signs out; this file prepares the data and checks the
database. Needs node (no npm package): fails, not skips, without it when an e2e database
is given.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from test_app_browser import AppWorld

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "miniprogram" / "tests" / "e2e" / "shift.js"


@pytest.fixture(scope="module")
def world(odoo_server):
    return AppWorld(odoo_server)


def test_miniprogram_shift_against_the_server(world):
    w = world
    wcs, product, bom = w.line(1)
    worker, badge = w.employee("MP Worker", wcs)
    _mo, wos = w.mo(product, bom, 10)
    token = w.token(badge)
    code = w.wo_code(token, wos[0])
    fixture = {
        "badge": badge,
        "pin": "2468",
        "workorder_id": wos[0],
        "code_url": f"{w.s.url}/sf/q/{code}",
    }
    node = shutil.which("node")
    assert node, "node is needed for the mini-program end-to-end test"
    proc = subprocess.run(
        [node, str(SCRIPT)],
        cwd=ROOT / "miniprogram",
        env=dict(os.environ, SF_APP_URL=w.s.url, SF_FIXTURE=json.dumps(fixture)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("SF_RESULT ")]
    result = json.loads(lines[-1][len("SF_RESULT ") :])

    # the report whose answer was lost went twice with the same id and was recorded once
    assert result["sent"].count(result["uids"][0]) == 2
    reports = w.reports(wos[0])
    assert sorted(r["qty_good"] for r in reports) == [2, 3]
    assert {r["employee_id"][0] for r in reports} == {worker}
    assert result["reports"]["qty_good"] == 5
    state = w.kw("mrp.workorder", "read", [[wos[0]], ["state"]])[0]["state"]
    assert state == "done"
    logs = w.kw(
        "mrp.workcenter.productivity",
        "search_read",
        [["|", ("workorder_id", "=", wos[0]), ("shopfloor_workorder_id", "=", wos[0])]],
        {"fields": ["loss_type", "date_end", "employee_id"]},
    )
    assert any(log["loss_type"] != "productive" for log in logs), "the queued pause was logged"
    assert all(log["date_end"] for log in logs), "no open time log after finish"
