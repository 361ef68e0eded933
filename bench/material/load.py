"""Load generator of bench/material (see run): simulated scanners issuing material.

Each scanner scans an order and a component and issues 1 to 3 units, then waits as a
person does (1 to 2 s) before the next scan. SF_MAT_OVER_ISSUE is the expected answer once
an allowance is spent (counted as refused, not as an error); anything else is an error.
"""

import argparse
import json
import random
import threading
import time
import uuid

import requests

TIMEOUT = 30


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    plan = json.load(open(args.plan))
    lock = threading.Lock()
    latencies, errors, refused = [], [], [0]
    deadline = time.monotonic() + args.seconds

    def scanner(i):
        rnd = random.Random(i)
        session = requests.Session()
        headers = {"Authorization": f"Bearer {plan['tokens'][i]}"}
        time.sleep(rnd.uniform(0, 1.5))
        while time.monotonic() < deadline:
            params = {
                "production_id": rnd.choice(plan["mos"]),
                "product_id": rnd.choice(plan["components"]),
                "qty": rnd.randint(1, 3),
                "request_uid": str(uuid.uuid4()),
            }
            body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
            t0 = time.perf_counter()
            code = None
            try:
                resp = session.post(
                    f"{args.url}/shopfloor/api/v1/material/issue",
                    json=body,
                    headers=headers,
                    timeout=TIMEOUT,
                )
                data = resp.json()
                if "error" in data:
                    code = (data["error"].get("data") or {}).get("code") or "?"
            except Exception as exc:  # a load generator counts every failure
                code = type(exc).__name__
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(ms)
                if code == "SF_MAT_OVER_ISSUE":
                    refused[0] += 1
                elif code:
                    errors.append(code)
            time.sleep(rnd.uniform(1.0, 2.0))

    # warm up both workers (registry loading is not what is measured)
    warm = requests.Session()
    for i in range(8):
        body = {"jsonrpc": "2.0", "method": "call", "params": {"production_id": plan["mos"][i]}}
        headers = {"Authorization": f"Bearer {plan['tokens'][0]}"}
        warm.post(f"{args.url}/shopfloor/api/v1/material/needs", json=body, headers=headers,
                  timeout=120)  # fmt: skip
    deadline = time.monotonic() + args.seconds
    threads = [threading.Thread(target=scanner, args=(i,)) for i in range(len(plan["tokens"]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    data = sorted(latencies)
    p95 = data[min(len(data) - 1, int(len(data) * 0.95))] if data else 0.0
    p50 = data[len(data) // 2] if data else 0.0
    kinds = {}
    for code in errors:
        kinds[code] = kinds.get(code, 0) + 1
    print(
        f"bench material: p50_ms={p50:.0f} refused_over_allowance={refused[0]} errors_by_code={kinds}"
    )
    print(f"LOAD p95_ms={p95:.0f} errors={len(errors)} calls={len(latencies)}")


if __name__ == "__main__":
    main()
