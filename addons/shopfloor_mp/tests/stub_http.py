"""Stub receivers of outbound notifications on 127.0.0.1 (no Odoo import: the benches
load this file by path too).

A :class:`StubServer` answers like a WeCom / DingTalk robot or a webhook, in a mode the
test sets: ``ok``, ``fail`` (HTTP 500), ``throttle`` (WeCom errcode 45009), ``refuse``
(errcode 93000) or ``timeout`` (answers after ``delay`` seconds). Every request is
recorded with the mode it met; ``delivered`` are those answered "ok".
"""

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubServer:
    def __init__(self, mode="ok", delay=2.0, verify=None, port=0):
        self.mode = mode
        self.delay = delay
        self.verify = verify  # callable(path, headers, body) -> bool (signature check)
        self.requests = []
        self.delivered = []
        self.lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                mode = stub.mode(len(stub.requests)) if callable(stub.mode) else stub.mode
                entry = {
                    "path": self.path,
                    "query": urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query),
                    "headers": dict(self.headers),
                    "body": body,
                    "json": _loads(body),
                    "mode": mode,
                    "time": time.time(),
                }
                with stub.lock:
                    stub.requests.append(entry)
                if stub.verify and not stub.verify(self.path, self.headers, body):
                    return self._answer(200, {"errcode": 310000, "errmsg": "sign not match"})
                if mode == "timeout":
                    time.sleep(stub.delay)
                    return self._answer(200, {"errcode": 0, "errmsg": "late"}, quiet=True)
                if mode == "fail":
                    return self._answer(500, {"errcode": -1, "errmsg": "down"})
                if mode == "throttle":
                    return self._answer(200, {"errcode": 45009, "errmsg": "api freq out of limit"})
                if mode == "refuse":
                    return self._answer(200, {"errcode": 93000, "errmsg": "invalid webhook url"})
                with stub.lock:
                    stub.delivered.append(entry)
                return self._answer(200, {"errcode": 0, "errmsg": "ok"})

            def do_GET(self):  # WeChat access token
                return self._answer(200, {"access_token": "stub-token", "expires_in": 7200})

            def _answer(self, status, payload, quiet=False):
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    if not quiet:
                        raise

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def texts(self, delivered=True):
        """The text content of the (delivered) requests."""
        entries = self.delivered if delivered else self.requests
        return [((e["json"] or {}).get("text") or {}).get("content", "") for e in entries]


def _loads(body):
    try:
        return json.loads(body)
    except ValueError:
        return None
