"""Shared fixtures of the top-level tests.

- Pure modules of the addons (``addons/<addon>/tools``) are imported by path, without a
  database: ``from shopfloor_tools import qr`` style helpers below.
- End-to-end tests drive a real Odoo server over HTTP, as the mini-program does. The
  server runs on a database with the three addons installed: ``$SF_TEST_DB`` when
  ``make test`` provides one (it also gives ``$SF_PYTHON_BIN``, ``$SF_ADDONS_PATH``,
  ``$ODOO_SRC``); these tests are skipped when no such database is given.
"""

import importlib.util
import json
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"


def load_tool(addon, module):
    """Import ``addons/<addon>/tools/<module>.py`` as a plain module (no Odoo needed
    when the module imports no ``odoo``)."""
    path = ADDONS / addon / "tools" / f"{module}.py"
    name = f"sf_tools_{addon}_{module}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OdooServer:
    """A running Odoo server on a test database, and a JSON-RPC client for it."""

    def __init__(self, db, port, workers):
        self.db = db
        self.port = port
        self.workers = workers
        self.url = f"http://127.0.0.1:{port}"
        self.proc = None
        self.logfile = None

    def start(self):
        python = os.environ.get("SF_PYTHON_BIN", sys.executable)
        odoo_src = os.environ.get("ODOO_SRC")
        cmd = [python]
        cmd += [os.path.join(odoo_src, "odoo-bin")] if odoo_src else ["-m", "odoo"]
        cmd += [
            "-c", str(ROOT / "odoo.conf"),
            "--addons-path", os.environ["SF_ADDONS_PATH"],
            "--data-dir", os.environ.get("SF_DATA_DIR", str(ROOT / ".data")),
            "--db_host", os.environ.get("PGHOST", "127.0.0.1"),
            "--db_port", os.environ.get("PGPORT", "5432"),
            "-d", self.db,
            "--db-filter", f"^{self.db}$",
            "--http-port", str(self.port),
            # each server its own long-polling port: a taken one makes Odoo respawn
            # its gevent process in a loop, eating the CPU of every test around
            "--gevent-port", str(_free_port()),
            "--workers", str(self.workers),
            "--max-cron-threads", "0",
            "--log-level", os.environ.get("SF_E2E_LOG_LEVEL", "warn"),
            # the text of each Odoo rule the API refused (SF_BUSINESS_RULE) is kept in the
            # server log: the client sees a generic message when the languages differ
            "--log-handler", "odoo.addons.shopfloor_mp.controllers.dispatcher:INFO",
        ]  # fmt: skip
        logdir = pathlib.Path(os.environ.get("SF_DATA_DIR", ROOT / ".data")) / "logs"
        logdir.mkdir(parents=True, exist_ok=True)
        self.logfile = open(logdir / f"e2e-server-{self.port}.log", "w")
        self.proc = subprocess.Popen(cmd, stdout=self.logfile, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Odoo server exited, see {self.logfile.name}")
            try:
                urllib.request.urlopen(self.url + "/web/health", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError("Odoo server did not start in 120 s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        if self.logfile:
            self.logfile.close()

    # -- clients ---------------------------------------------------------
    def post(self, path, body, headers=None, raw=False):
        data = body if raw else json.dumps(body).encode()
        req = urllib.request.Request(
            self.url + path,
            data=data,
            headers={"Content-Type": "application/json", **(headers or {})},
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            try:
                return exc.code, json.loads(payload)
            except ValueError:
                return exc.code, payload.decode(errors="replace")

    def api(self, method, params=None, token=None, request_id=1):
        """Call /shopfloor/api/v1/<method>: returns the JSON-RPC response dict."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"jsonrpc": "2.0", "method": "call", "params": params or {}, "id": request_id}
        status, resp = self.post(f"/shopfloor/api/v1/{method}", body, headers)
        assert status == 200, (status, resp)
        return resp

    def call_kw(self, uid, password, model, method, args, kwargs=None):
        """Odoo's generic JSON-RPC (as an integrator without the addon would)."""
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [self.db, uid, password, model, method, args, kwargs or {}],
            },
            "id": 1,
        }
        status, resp = self.post("/jsonrpc", body)
        assert status == 200, resp
        if "error" in resp:
            raise RuntimeError(resp["error"]["data"]["message"])
        return resp["result"]

    def login(self, login, password):
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": "common", "method": "login", "args": [self.db, login, password]},
            "id": 1,
        }
        return self.post("/jsonrpc", body)[1]["result"]


def new_uid():
    return str(uuid.uuid4())


@pytest.fixture(scope="session")
def odoo_server():
    db = os.environ.get("SF_TEST_DB")
    if not db or not os.environ.get("SF_ADDONS_PATH"):
        pytest.skip("end-to-end tests need SF_TEST_DB (run them with `make test`)")
    server = OdooServer(db, _free_port(), workers=2).start()
    # Every test client comes from 127.0.0.1 and fuzzing sends wrong PINs and codes by the
    # thousand: the locks against guessing (shopfloor.auth.lock) must not lock the suite out
    # (tests/test_auth_lock_e2e.py lowers them for itself).
    uid = server.login("admin", "admin")
    for key in ("shopfloor_mp.auth_max_failures_ip", "shopfloor_mp.auth_max_failures_badge"):
        server.call_kw(uid, "admin", "ir.config_parameter", "set_param", [key, "1000000"])
    yield server
    server.stop()
