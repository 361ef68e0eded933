"""Body of bench/schedule/run, executed by `odoo shell` (``env`` is given by the shell).

1. Builds (once, committed) a factory: 12 work centers on two calendars (day shift Mon-Fri,
   two shifts Mon-Sat) with a public holiday and a maintenance leave, setup times,
   two pairs of alternative work centers, 10 products routed through 5 of the 12 work
   centers, 500 confirmed MOs (10% starred).
2. Before each measurement: deadlines spread over the next 14 calendar days (10 working
   days), MO start dates = now.
3. Native: ``button_plan`` on the MOs in Odoo's list order, in batches of 50 (what a user
   selecting them and clicking Plan gets: ``_plan_workorders`` one MO at a time).
4. Ours: ``shopfloor.planner._plan`` on the same MOs (wall time includes reading the
   data and writing the plan back).
5. ft10 with the scheduler core (10 s budget).
Each measurement is rolled back. Results go to $SF_BENCH_OUT as JSON.
"""

import dataclasses
import json
import os
import random
import time
from datetime import timedelta

MARK = "SF-BENCH"
N_MO = 500
N_WC = 12


def log(msg):
    print(f"bench/schedule: {msg}", flush=True)


def build_factory(env):
    from odoo import Command

    rng = random.Random(42)
    tz = "Asia/Shanghai"

    def attendances(days, ranges):
        return [
            Command.create(
                {
                    "name": f"{d}-{a}",
                    "dayofweek": str(d),
                    "hour_from": a,
                    "hour_to": b,
                    "day_period": "morning" if a < 12 else "afternoon",
                }
            )
            for d in days
            for a, b in ranges
        ]

    Calendar = env["resource.calendar"]
    day = Calendar.create({"name": f"{MARK} day shift", "tz": tz, "attendance_ids": []})
    day.attendance_ids.unlink()
    day.attendance_ids = attendances(range(5), [(8, 12), (13, 17)])
    two = Calendar.create({"name": f"{MARK} two shifts", "tz": tz, "attendance_ids": []})
    two.attendance_ids.unlink()
    two.attendance_ids = attendances(range(6), [(8, 12), (13, 17), (18, 22)])
    wcs = env["mrp.workcenter"].create(
        [
            {
                "name": f"{MARK} WC{i + 1:02d}",
                "code": f"B{i + 1:02d}",
                "resource_calendar_id": (day if i % 3 == 0 else two).id,
                "time_start": 5 if i % 2 else 0,
                "time_stop": 2 if i % 2 else 0,
                "time_efficiency": 100,
            }
            for i in range(N_WC)
        ]
    )
    wcs[1].alternative_workcenter_ids = wcs[2]
    wcs[2].alternative_workcenter_ids = wcs[1]
    wcs[7].alternative_workcenter_ids = wcs[8]
    wcs[8].alternative_workcenter_ids = wcs[7]
    products = env["product.product"].create(
        [
            {"name": f"{MARK} product {p}", "default_code": f"{MARK}-P{p}", "type": "consu"}
            for p in range(10)
        ]
    )
    for p, product in enumerate(products):
        # balanced routings: each work center is in the routing of 4 or 5 products
        route = [wcs[(p * 5 + k) % N_WC] for k in range(5)]
        env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "operation_ids": [
                    Command.create(
                        {
                            "name": f"Op {k + 1}",
                            "workcenter_id": wc.id,
                            "time_mode": "manual",
                            # day-shift work centers get shorter operations (load balance)
                            "time_cycle_manual": rng.randint(3, 5)
                            if wc.resource_calendar_id == day
                            else rng.randint(5, 9),
                            "sequence": 10 * (k + 1),
                        }
                    )
                    for k, wc in enumerate(route)
                ],
            }
        )
    vals = []
    for _i in range(N_MO):
        product = products[rng.randrange(len(products))]
        vals.append(
            {
                "product_id": product.id,
                "product_qty": rng.randint(2, 6),
                "priority": "1" if rng.random() < 0.1 else "0",
                # deadline offset in minutes, re-applied before each measurement
                "origin": f"{MARK}:{rng.randint(1 * 1440, 14 * 1440)}",
            }
        )
    mos = env["mrp.production"].create(vals)
    mos.action_confirm()
    return mos


def set_leaves(env, start):
    """A public holiday on the 4th day and a half-day maintenance on WC05, from ``start``."""
    Leave = env["resource.calendar.leaves"]
    day = env["resource.calendar"].search([("name", "=", f"{MARK} day shift")])
    two = env["resource.calendar"].search([("name", "=", f"{MARK} two shifts")])
    wc5 = env["mrp.workcenter"].search([("name", "=", f"{MARK} WC05")])
    base = start.replace(hour=0, minute=0, second=0, microsecond=0)
    for cal in day | two:
        Leave.create(
            {
                "name": "Holiday",
                "calendar_id": cal.id,
                "date_from": base + timedelta(days=3),
                "date_to": base + timedelta(days=4),
                "time_type": "leave",
            }
        )
    Leave.create(
        {
            "name": "Maintenance",
            "calendar_id": wc5.resource_calendar_id.id,
            "resource_id": wc5.resource_id.id,
            "date_from": base + timedelta(days=1, hours=1),
            "date_to": base + timedelta(days=1, hours=6),
            "time_type": "leave",
        }
    )


def prepare(env, mos):
    from odoo import fields

    now = fields.Datetime.now()
    set_leaves(env, now)
    for mo in mos:
        offset = int(mo.origin.split(":")[1])
        mo.with_context(force_date=True).write(
            {"date_start": now, "date_deadline": now + timedelta(minutes=offset)}
        )
    env.flush_all()
    return now


def metrics(mos, now):
    late = 0
    tardiness = 0.0
    end = now
    for mo in mos:
        finish = max(mo.workorder_ids.mapped("date_finished"))
        end = max(end, finish)
        if finish > mo.date_deadline:
            late += 1
            tardiness += (finish - mo.date_deadline).total_seconds() / 3600.0
    return {
        "late": late,
        "tardiness_h": tardiness,
        "makespan_h": (end - now).total_seconds() / 3600.0,
    }


def main(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    MO = env["mrp.production"]
    mos = MO.search([("origin", "=like", f"{MARK}:%"), ("state", "=", "confirmed")])
    if len(mos) != N_MO:
        log("building the factory (once)")
        t0 = time.monotonic()
        build_factory(env)
        env.cr.commit()  # bench setup, kept for the next runs
        log(f"factory built in {time.monotonic() - t0:.0f} s")
        mos = MO.search([("origin", "=like", f"{MARK}:%"), ("state", "=", "confirmed")])
    result = {}

    # ---- native: button_plan one MO at a time, in list order, batches of 50
    now = prepare(env, mos)
    ordered = MO.search([("id", "in", mos.ids)])  # Odoo's list order (priority, date_start)
    t0 = time.monotonic()
    batches = []
    for i in range(0, len(ordered), 50):
        tb = time.monotonic()
        ordered[i : i + 50].button_plan()
        env.flush_all()
        batches.append(round(time.monotonic() - tb, 1))
    native_seconds = time.monotonic() - t0
    native = metrics(mos, now)
    log(f"native: {native_seconds:.1f} s (batches of 50: {batches}) {native}")
    env.cr.rollback()
    env.invalidate_all()

    # ---- ours
    now = prepare(env, mos)
    if os.environ.get("SF_BENCH_DUMP"):  # the scheduler input, for offline tuning
        data = env["shopfloor.planner"]._prepare_problem(mos, env["shopfloor.planner"]._origin())
        with open(os.environ["SF_BENCH_DUMP"], "w", encoding="utf-8") as f:
            json.dump(dataclasses.asdict(data["problem"]), f)
    t0 = time.monotonic()
    summary = env["shopfloor.planner"]._plan(mos)
    env.flush_all()
    seconds = time.monotonic() - t0
    ours = metrics(mos, now)
    log(f"ours: {seconds:.1f} s {summary} {ours}")
    env.cr.rollback()
    env.invalidate_all()

    # ---- ft10 with the scheduler core
    from odoo.addons.shopfloor_planning.tools.scheduler import problem_from_dict, solve

    path = os.path.join(os.environ["SF_BENCH_ROOT"], "tests", "data", "jobshop", "ft10.json")
    with open(path, encoding="utf-8") as f:
        ft10 = solve(problem_from_dict(json.load(f)), time_limit=9.5)
    log(f"ft10: makespan {ft10.makespan} (optimum 930) in {ft10.seconds:.1f} s ({ft10.method})")

    result.update(
        seconds=seconds,
        late=ours["late"],
        tardiness_h=ours["tardiness_h"],
        makespan_h=ours["makespan_h"],
        native_seconds=native_seconds,
        native_late=native["late"],
        native_tardiness_h=native["tardiness_h"],
        native_makespan_h=native["makespan_h"],
        ft10=ft10.makespan,
        method=summary.get("method"),
    )
    ratios = {
        "late": result["late"] / max(1, result["native_late"]),
        "tardiness": result["tardiness_h"] / max(1e-9, result["native_tardiness_h"]),
        "makespan": result["makespan_h"] / max(1e-9, result["native_makespan_h"]),
        "seconds": seconds / max(1e-9, native_seconds),
    }
    log("ratios ours/native: " + ", ".join(f"{k}={v:.2f}" for k, v in ratios.items()))
    with open(os.environ["SF_BENCH_OUT"], "w", encoding="utf-8") as f:
        json.dump(result, f)


main(env)  # noqa: F821 - given by odoo shell
