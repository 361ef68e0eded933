"""Load generator of bench/scan_load (see run). Talks HTTP to a running server only."""

import argparse
import json
import random
import threading
import time
import uuid

import requests

TIMEOUT = 30


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = []
        self.cycles = 0

    def add(self, ms, error=None):
        with self.lock:
            self.latencies.append(ms)
            if error:
                self.errors.append(error)

    def cycle(self):
        with self.lock:
            self.cycles += 1

    def p95(self):
        if not self.latencies:
            return 0.0
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(len(data) * 0.95))]


class Queue:
    def __init__(self, items):
        self.items = list(items)
        self.lock = threading.Lock()

    def pop(self):
        with self.lock:
            return self.items.pop(0) if self.items else None


def call(session, url, body, headers, stats):
    t0 = time.perf_counter()
    error = None
    try:
        resp = session.post(url, json=body, headers=headers, timeout=TIMEOUT)
        data = resp.json()
        if "error" in data:
            err = data["error"]
            error = (err.get("data") or {}).get("code") or err.get("message")
    except Exception as exc:  # a load generator counts every failure
        error = type(exc).__name__
        data = None
    stats.add((time.perf_counter() - t0) * 1000, error)
    return data, error


def ours_cycle(session, base, token, code, stats, pace=None):
    headers = {"Authorization": f"Bearer {token}"}
    steps = [
        ("scan", {"payload": f"{base}/sf/q/{code}"}),
        ("workorder/start", {"code": code}),
        ("workorder/report", {"code": code, "qty_good": 5}),
        ("workorder/finish", {"code": code}),
    ]
    for path, params in steps:
        if pace:
            pace()
        if path != "scan":
            params = dict(params, request_uid=str(uuid.uuid4()))
        body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        _data, error = call(session, f"{base}/shopfloor/api/v1/{path}", body, headers, stats)
        if error:
            return False
    stats.cycle()
    return True


def native_cycle(session, base, db, wo_id, stats):
    def kw(method, args):
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [db, 2, "admin", "mrp.workorder", method, args, {}],
            },
            "id": 1,
        }
        return call(session, f"{base}/jsonrpc", body, {}, stats)

    fields = ["name", "state", "qty_production", "qty_produced", "workcenter_id", "production_id"]
    for method, args in (
        ("read", [[wo_id], fields]),
        ("button_start", [[wo_id]]),
        ("write", [[wo_id], {"qty_producing": 5}]),
        ("button_finish", [[wo_id]]),
    ):
        _data, error = kw(method, args)
        if error:
            return False
    stats.cycle()
    return True


def saturate(n_clients, seconds, work):
    stop = time.time() + seconds
    stats = Stats()

    def client(i):
        session = requests.Session()
        while time.time() < stop:
            if work(session, i, stats) is None:
                return

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n_clients)]
    t0 = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats, time.time() - t0


def wait_ready(base, timeout=120):
    """Wait until the Odoo server at ``base`` answers its health check."""
    deadline = time.time() + timeout
    while True:
        try:
            requests.get(f"{base}/web/health", timeout=2)
            return
        except requests.RequestException:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--plan", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument(
        "--seconds", type=float, default=float(__import__("os").environ.get("SCAN_SECONDS", 30))
    )
    ap.add_argument("--sl-workers", type=int, default=200)
    ap.add_argument(
        "--sl-seconds", type=float, default=float(__import__("os").environ.get("SL_SECONDS", 60))
    )
    args = ap.parse_args()
    plan = json.load(open(args.plan))
    base = args.url
    tokens = plan["tokens"]

    wait_ready(base)
    # warm-up: both server processes load their registry and caches
    warm = requests.Session()
    for _i in range(8):
        warm.post(
            f"{base}/shopfloor/api/v1/auth/me",
            json={"params": {}},
            headers={"Authorization": f"Bearer {tokens[0]}"},
            timeout=60,
        )
        warm.post(
            f"{base}/jsonrpc",
            json={
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [args.db, 2, "admin", "mrp.workorder", "search_count", [[]], {}],
                }
            },
            timeout=60,
        )

    ours_q = Queue(plan["ours"])

    def ours_work(session, i, stats):
        code = ours_q.pop()
        if code is None:
            return None
        return ours_cycle(session, base, tokens[i], code, stats)

    ours, ours_time = saturate(args.clients, args.seconds, ours_work)

    native_q = Queue(plan["native"])

    def native_work(session, i, stats):
        wo = native_q.pop()
        if wo is None:
            return None
        return native_cycle(session, base, args.db, wo, stats)

    native, native_time = saturate(args.clients, args.seconds, native_work)

    # service level: 200 workers, one call every 10 s on average, random arrivals
    sl = Stats()
    sl_q = Queue(plan["service"])
    stop = time.time() + args.sl_seconds

    def worker(i):
        session = requests.Session()
        rnd = random.Random(i)

        def pace():
            time.sleep(rnd.expovariate(1 / 10.0))
            if time.time() > stop:
                raise TimeoutError

        while time.time() < stop:
            code = sl_q.pop()
            if code is None:
                return
            try:
                ours_cycle(session, base, tokens[i % len(tokens)], code, sl, pace=pace)
            except TimeoutError:
                return

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.sl_workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    cps = ours.cycles / ours_time
    ncps = native.cycles / native_time
    errors = len(ours.errors) + len(sl.errors)
    detail = {
        "ours_p95_ms": round(ours.p95()),
        "native_p95_ms": round(native.p95()),
        "native_errors": len(native.errors),
        "sl_calls": len(sl.latencies),
        "sl_calls_per_s": round(len(sl.latencies) / args.sl_seconds, 1),
        "first_errors": (ours.errors + sl.errors)[:5],
    }
    print("detail", json.dumps(detail))
    print(
        f"BENCH scan_load cycles_per_s={cps:.1f} native_cycles_per_s={ncps:.1f} "
        f"ratio={cps / ncps if ncps else 0:.2f} p95_ms={sl.p95():.0f} errors={errors}"
    )


if __name__ == "__main__":
    main()
