"""bench/andon: 200 exceptions raised in a burst across 50 work centers, two stub robots.

Measures the raise call (p95, over HTTP, 8 parallel clients), and for every exception
and robot the time from the raise's answer until the robot received it (p95), counting
lost (never received within the deadline) and duplicated (received twice) ones, and the
robots' request rate (max requests in any 60 s window, limit 20).
"""

import argparse
import concurrent.futures
import importlib.util
import json
import pathlib
import re
import sys
import time
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location(
    "stub_http", ROOT / "addons" / "shopfloor_mp" / "tests" / "stub_http.py"
)
stub_http = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stub_http)

REF_RE = re.compile(r"AND/\d{4}/\d+")


def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))] if values else 0


def call(url, method, params, token):
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}).encode()
    req = urllib.request.Request(
        f"{url}/shopfloor/api/v1/{method}",
        data=body,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--wecom-port", type=int, required=True)
    parser.add_argument("--dingtalk-port", type=int, required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--deadline", type=float, default=120.0)
    parser.add_argument("--warmup", type=float, default=20.0)
    args = parser.parse_args()
    plan = json.loads(pathlib.Path(args.plan).read_text())
    stubs = {
        "wecom": stub_http.StubServer(port=args.wecom_port),
        "dingtalk": stub_http.StubServer(port=args.dingtalk_port),
    }
    for stub in stubs.values():
        stub.__enter__()
    raised = {}  # ref -> time of the answer
    latencies = []
    errors = []
    n_wc = len(plan["workcenters"])

    def raise_one(i):
        wc = i % n_wc
        params = {
            "type_id": plan["type_ids"][(i // n_wc) % len(plan["type_ids"])],
            "workcenter_id": plan["workcenters"][wc],
            "note": f"bench {i}",
            "request_uid": str(uuid.uuid4()),
        }
        start = time.time()
        resp = call(args.url, "andon/raise", params, plan["tokens"][wc])
        end = time.time()
        return i, start, end, resp

    # warm-up: both HTTP workers and the cron worker load the registry before the burst
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: call(args.url, "andon/types", {}, plan["tokens"][i]), range(16)))
    time.sleep(args.warmup)
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for _i, start, end, resp in pool.map(raise_one, range(args.count)):
            latencies.append((end - start) * 1000)
            if "error" in resp:
                errors.append(resp["error"]["data"]["code"])
                continue
            exc = resp["result"]["exception"]
            if not resp["result"]["duplicate"]:
                raised[exc["name"]] = end
    burst = time.time() - started
    expected = set(raised)
    deadline = time.time() + args.deadline
    while time.time() < deadline:
        done = all(expected <= set(_received(stub)) for stub in stubs.values())
        if done:
            break
        time.sleep(0.5)
    time.sleep(2)  # late duplicates
    delays, lost, duplicated, max_rate = [], 0, 0, 0
    for stub in stubs.values():
        first, counts = {}, {}
        for entry in stub.delivered:
            text = ((entry["json"] or {}).get("text") or {}).get("content", "")
            for ref in set(REF_RE.findall(text)):
                counts[ref] = counts.get(ref, 0) + 1
                first.setdefault(ref, entry["time"])
        for ref in expected:
            if ref not in first:
                lost += 1
            else:
                delays.append(first[ref] - raised[ref])
                duplicated += counts[ref] - 1
        times = sorted(e["time"] for e in stub.requests)
        for t0 in times:
            max_rate = max(max_rate, sum(1 for t in times if t0 <= t < t0 + 60))
    for stub in stubs.values():
        stub.__exit__(None, None, None)
    print(
        f"bench andon: {len(expected)} exceptions in {burst:.1f} s, raise errors {len(errors)}"
        f" {sorted(set(errors))}, requests wecom={len(stubs['wecom'].requests)}"
        f" dingtalk={len(stubs['dingtalk'].requests)}, max requests in 60 s per robot {max_rate}"
    )
    print(
        f"BENCH andon raise_p95_ms={p95(latencies):.0f} delivery_p95_s={p95(delays):.1f}"
        f" lost={lost} duplicated={duplicated} max_rate_per_min={max_rate}"
    )
    sys.stdout.flush()


def _received(stub):
    refs = set()
    for entry in list(stub.delivered):
        text = ((entry["json"] or {}).get("text") or {}).get("content", "")
        refs.update(REF_RE.findall(text))
    return refs


if __name__ == "__main__":
    main()
