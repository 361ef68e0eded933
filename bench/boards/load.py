"""Load generator of bench/boards (see run). Talks HTTP to a running server only.

Two phases of the scan-load service level (200 workers, one API call every 10 s on
average, random arrivals, scan/start/report/finish cycles, as bench/scan_load):
without boards, then with 100 boards open. A board's page refreshes its data when a
bus ping arrives, at most once per ``--board-period`` seconds (the page's throttle); the
reports of 200 workers ping every work center every few seconds, so each simulated board
fetches its data every period (with a random start), which is the boards' real load.
"""

import argparse
import importlib.util
import json
import pathlib
import random
import threading
import time

import requests

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("scan_load", HERE.parent / "scan_load" / "load.py")
scan_load = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scan_load)
Stats, Queue, ours_cycle = scan_load.Stats, scan_load.Queue, scan_load.ours_cycle


def service_level(base, tokens, queue, seconds, n_workers, stats):
    stop = time.time() + seconds

    def worker(i):
        session = requests.Session()
        rnd = random.Random(i)

        def pace():
            time.sleep(rnd.expovariate(1 / 10.0))
            if time.time() > stop:
                raise TimeoutError

        while time.time() < stop:
            code = queue.pop()
            if code is None:
                return
            try:
                ours_cycle(session, base, tokens[i % len(tokens)], code, stats, pace=pace)
            except TimeoutError:
                return

    return [threading.Thread(target=worker, args=(i,)) for i in range(n_workers)]


def boards(base, board_tokens, seconds, period, stats):
    stop = time.time() + seconds

    def board(i):
        session = requests.Session()
        rnd = random.Random(1000 + i)
        headers = {"Authorization": f"Bearer {board_tokens[i]}"}
        time.sleep(rnd.uniform(0, period))
        while time.time() < stop:
            t0 = time.perf_counter()
            error = None
            try:
                resp = session.post(
                    f"{base}/shopfloor/board/data", data="{}", headers=headers, timeout=30
                )
                if resp.status_code != 200 or "pages" not in resp.json():
                    error = f"HTTP {resp.status_code}"
            except Exception as exc:  # a load generator counts every failure
                error = f"{type(exc).__name__}: {str(exc)[-80:]}"
            elapsed = time.perf_counter() - t0
            stats.add(elapsed * 1000, error)
            time.sleep(max(0.0, period - elapsed))

    return [threading.Thread(target=board, args=(i,)) for i in range(len(board_tokens))]


def run(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--plan", required=True)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--sl-workers", type=int, default=200)
    ap.add_argument("--board-period", type=float, default=10.0)
    ap.add_argument("--warmup", type=float, default=20.0, help="unmeasured scan load first")
    args = ap.parse_args()
    plan = json.load(open(args.plan))
    base = args.url
    tokens = plan["tokens"]
    scan_load.wait_ready(base)
    warm = requests.Session()
    for i in range(8):
        warm.post(
            f"{base}/shopfloor/api/v1/auth/me",
            json={"params": {}},
            headers={"Authorization": f"Bearer {tokens[0]}"},
            timeout=60,
        )
        warm.post(
            f"{base}/shopfloor/board/data",
            data="{}",
            headers={"Authorization": f"Bearer {plan['boards'][i]}"},
            timeout=60,
        )
    queue = Queue(plan["service"])
    # both server processes warm (registry, caches, prepared plans) before measuring
    run(service_level(base, tokens, queue, args.warmup, args.sl_workers, Stats()))
    without = Stats()
    run(service_level(base, tokens, queue, args.seconds, args.sl_workers, without))
    with_boards = Stats()
    refresh = Stats()
    run(
        service_level(base, tokens, queue, args.seconds, args.sl_workers, with_boards)
        + boards(base, plan["boards"], args.seconds, args.board_period, refresh)
    )
    detail = {
        "scan_calls_without": len(without.latencies),
        "scan_calls_with": len(with_boards.latencies),
        "refreshes": len(refresh.latencies),
        "refreshes_per_s": round(len(refresh.latencies) / args.seconds, 1),
        "board_period_s": args.board_period,
        "scan_errors_without": len(without.errors),
        "scan_errors_with": len(with_boards.errors),
        "refresh_errors": len(refresh.errors),
        "first_errors": (without.errors[:2] + with_boards.errors[:2] + refresh.errors[:2]),
        "ratio": round(with_boards.p95() / without.p95(), 2) if without.p95() else None,
    }
    print("detail", json.dumps(detail))
    print(
        f"BENCH boards refresh_p95_ms={refresh.p95():.0f} scan_p95_ms={with_boards.p95():.0f} "
        f"scan_p95_without_ms={without.p95():.0f}"
    )


if __name__ == "__main__":
    main()
