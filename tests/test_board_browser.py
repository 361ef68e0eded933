"""A live board in a real browser (Playwright driving Debian's chromium at 1920x1080)
against a real server: updates through the bus after a report over the API, a stale sign
when the server stops, recovery when it returns (tests/browser/board.mjs).

The server runs threaded (--workers 0) so that the page's WebSocket reaches the bus on
the same port, as behind a proxy routing /websocket to the gevent port."""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import urllib.parse
import uuid

import pytest
from conftest import OdooServer, _free_port, new_uid
from test_api_e2e import Factory

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def board_server():
    db = os.environ.get("SF_TEST_DB")
    if not db or not os.environ.get("SF_ADDONS_PATH"):
        pytest.skip("end-to-end tests need SF_TEST_DB (run them with `make test`)")
    server = OdooServer(db, _free_port(), workers=0).start()
    yield server
    server.stop()


def test_board_updates_goes_stale_and_recovers(board_server):
    s = board_server
    f = Factory(s)
    wcs, product, bom = f.line(2)
    badge = str(uuid.uuid4().int % 10**8)
    emp = f.employee("Board Worker", wcs, badge)
    token = s.api("auth/bind", {"code": f.bind_code(emp), "request_uid": new_uid()})["result"][
        "token"
    ]
    _mo, wos = f.mo(product, bom, 10)
    code = s.api("workorder/get", {"workorder_id": wos[0]}, token)["result"]["workorder"]["code"]
    s.api("workorder/start", {"code": code, "request_uid": new_uid()}, token)
    board = f.kw(
        "shopfloor.board",
        "create",
        [{"name": f"Board {f.tag}", "workcenter_ids": [(6, 0, wcs)], "lang": "en_US"}],
    )
    action = f.kw("shopfloor.board", "action_generate_link", [[board]])
    path = urllib.parse.urlparse(action["context"]["shopfloor_shown_secret"]).path

    node = shutil.which("node")
    assert node, "node is needed for the browser tests"
    assert (ROOT / "node_modules" / "playwright-core").is_dir(), "run `npm ci` first"
    env = dict(
        os.environ,
        SF_APP_URL=s.url,
        SF_FIXTURE=json.dumps({"path": path, "wc": wcs[0]}),
        SF_SCREENSHOTS=str(ROOT / "docs" / "screenshots" / "board"),
    )
    proc = subprocess.Popen(
        [node, str(ROOT / "tests" / "browser" / "board.mjs")],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    result = None
    reports = 0
    try:
        for line in proc.stdout:
            sys.stdout.write(line)
            if line.startswith("SF_NEED report"):
                reports += 1
                res = s.api(
                    "workorder/report",
                    {"workorder_id": wos[0], "qty_good": 3, "request_uid": new_uid()},
                    token,
                )
                assert "result" in res, res
            elif line.startswith("SF_NEED stop"):
                s.stop()
            elif line.startswith("SF_NEED start"):
                s.start()
            elif line.startswith("SF_RESULT "):
                result = json.loads(line[len("SF_RESULT ") :])
                continue
            else:
                continue
            proc.stdin.write("ok\n")
            proc.stdin.flush()
        assert proc.wait(timeout=60) == 0, "board.mjs failed"
    finally:
        if proc.poll() is None:
            proc.kill()
    print("BOARD", result)
    assert "sf-state-running" in result["state_before"]
    assert result["qty_before"] == "0/10"
    assert result["qty_after"] == "3/10"
    assert result["update_ms"] < 10000, "the bus, not the 120 s polling, updated it"
    assert "sf-stale" in result["stale_class"]
    assert result["qty_final"] == "6/10"
    assert result["scale_4k"] == "scale(2)"


def test_demo_boards_pages(board_server):
    """Each page of the demo boards renders (screenshots for docs/screenshots/board)."""
    s = board_server
    f = Factory(s)
    refs = f.kw(
        "ir.model.data",
        "search_read",
        [[("module", "=", "shopfloor_board"), ("model", "=", "shopfloor.board")]],
        {"fields": ["name", "res_id"]},
    )
    if not refs:
        pytest.skip("no demo data")
    for ref in refs:
        board = f.kw("shopfloor.board", "read", [[ref["res_id"]], ["page_ids"]])[0]
        pages = f.kw("shopfloor.board.page", "read", [board["page_ids"], ["code"]])
        action = f.kw("shopfloor.board", "action_generate_link", [[ref["res_id"]]])
        path = urllib.parse.urlparse(action["context"]["shopfloor_shown_secret"]).path
        fixture = {
            "path": path,
            "pages": [p["code"] for p in pages],
            "prefix": ref["name"].replace("_", "-"),
        }
        env = dict(
            os.environ,
            SF_APP_URL=s.url,
            SF_FIXTURE=json.dumps(fixture),
            SF_SCREENSHOTS=str(ROOT / "docs" / "screenshots" / "board"),
        )
        proc = subprocess.run(
            [shutil.which("node"), str(ROOT / "tests" / "browser" / "board_pages.mjs")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        sys.stdout.write(proc.stdout)
        sys.stderr.write(proc.stderr)
        assert proc.returncode == 0, proc.stderr
        assert "[pageerror]" not in proc.stderr
        line = next(x for x in proc.stdout.splitlines() if x.startswith("SF_RESULT "))
        result = json.loads(line[len("SF_RESULT ") :])
        assert set(result["pages"]) == set(fixture["pages"])
        assert not any(p["stale"] for p in result["pages"].values())
        if "workshop" in result["pages"]:
            assert result["pages"]["workshop"]["tiles"] >= 3
