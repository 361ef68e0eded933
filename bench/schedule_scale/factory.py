"""The factory of bench/schedule (bench_schedule.py: build_factory, set_leaves, prepare),
generated directly in the scheduler's input format, at any number of MOs (no Odoo).

Same random stream (``random.Random(42)``) and same draws in the same order as
``build_factory``: cycle times per routing step, then per MO product, quantity, priority and
deadline offset. 12 work centers: every third on a day shift (Mon-Fri 8-12, 13-17), the
others on two shifts (Mon-Sat 8-12, 13-17, 18-22), Asia/Shanghai; setup 5 + 2 min on the
odd ones; alternatives WC02<->WC03 and WC08<->WC09; a public holiday on the 4th day and a
5-hour maintenance of WC05 on the 2nd day. 10 products routed through 5 work centers.

Durations are Odoo's ``_get_duration_expected``: setup (time_start + time_stop) plus
quantity x minutes per unit (one unit per cycle, 100% efficiency); on an alternative work
center, that work center's setup. Deadlines: ``1..14`` days after "now" for 500 MOs, the
range scaled with the number of MOs (the same load per day of deadlines as bench/schedule).
Weights: 5 for starred MOs, else 1 (``_shopfloor_planning_weight``).

``native_keys`` gives Odoo's own planning order of the same MOs: ``button_plan`` plans one
MO at a time in the list order (priority desc, then id), each work order at the first free
slot of its work center or alternative that finishes first (``_plan_workorder`` and
``_get_first_available_slot``): the list scheduler with those priorities does exactly that.
"""

import random
from datetime import datetime, timedelta

N_WC = 12
TZ_HOURS = 8  # Asia/Shanghai, no daylight saving
ORIGIN = datetime(2026, 3, 2, 2, 0)  # a Monday, 10:00 in Shanghai (naive UTC)


def _intervals(days, ranges, horizon_days, leaves):
    """Working intervals in minutes from ORIGIN, minus the ``leaves`` (UTC datetimes)."""
    out = []
    local_origin = ORIGIN + timedelta(hours=TZ_HOURS)
    first = local_origin.replace(hour=0, minute=0)
    for d in range(horizon_days):
        day = first + timedelta(days=d)
        if day.weekday() not in days:
            continue
        for a, b in ranges:
            s = day + timedelta(hours=a) - timedelta(hours=TZ_HOURS)
            e = day + timedelta(hours=b) - timedelta(hours=TZ_HOURS)
            pieces = [(s, e)]
            for ls, le in leaves:
                nxt = []
                for ps, pe in pieces:
                    if le <= ps or ls >= pe:
                        nxt.append((ps, pe))
                        continue
                    if ps < ls:
                        nxt.append((ps, ls))
                    if le < pe:
                        nxt.append((le, pe))
                pieces = nxt
            for ps, pe in pieces:
                a_min = int((ps - ORIGIN).total_seconds() // 60)
                b_min = int((pe - ORIGIN).total_seconds() // 60)
                if b_min > 0:
                    out.append((max(0, a_min), b_min))
    return out


def build(n_mo=500, horizon_days=None, objective="late_jobs"):
    """Returns ``(problem dict, native keys builder data)``: see :func:`native_keys`."""
    rng = random.Random(42)
    day_wc = [i % 3 == 0 for i in range(N_WC)]
    setup = [7 if i % 2 else 0 for i in range(N_WC)]
    alternatives = {1: [2], 2: [1], 7: [8], 8: [7]}
    routes = []
    for p in range(10):
        steps = []
        for k in range(5):
            wc = (p * 5 + k) % N_WC
            cycle = rng.randint(3, 5) if day_wc[wc] else rng.randint(5, 9)
            steps.append((wc, cycle))
        routes.append(steps)
    mos = []
    scale = max(1.0, n_mo / 500.0)
    for _i in range(n_mo):
        product = rng.randrange(10)
        qty = rng.randint(2, 6)
        starred = rng.random() < 0.1
        offset = rng.randint(1 * 1440, 14 * 1440)
        mos.append((product, qty, starred, int(offset * scale)))
    if horizon_days is None:
        horizon_days = int(60 + 30 * scale)
    base = ORIGIN.replace(hour=0, minute=0)
    holiday = (base + timedelta(days=3), base + timedelta(days=4))
    maintenance = (base + timedelta(days=1, hours=1), base + timedelta(days=1, hours=6))
    resources = []
    for i in range(N_WC):
        leaves = [holiday] + ([maintenance] if i == 4 else [])
        if day_wc[i]:
            cal = _intervals(range(5), [(8, 12), (13, 17)], horizon_days, leaves)
        else:
            cal = _intervals(range(6), [(8, 12), (13, 17), (18, 22)], horizon_days, leaves)
        resources.append({"id": f"WC{i + 1:02d}", "capacity": 1, "calendar": cal})
    jobs = []
    for m, (product, qty, starred, offset) in enumerate(mos):
        ops = []
        for k, (wc, cycle) in enumerate(routes[product]):
            modes = [{"resource": f"WC{wc + 1:02d}", "duration": setup[wc] + qty * cycle}]
            for alt in alternatives.get(wc, ()):
                modes.append({"resource": f"WC{alt + 1:02d}", "duration": setup[alt] + qty * cycle})
            ops.append({"id": f"MO{m}.{k}", "modes": modes})
        jobs.append({"id": f"MO{m}", "due": offset, "weight": 5 if starred else 1, "ops": ops})
    return {
        "name": f"factory{n_mo}",
        "origin": 0,
        "objective": objective,
        "resources": resources,
        "jobs": jobs,
    }


def native_keys(inst):
    """Priority keys of Odoo's native planning (list order: starred first, then id)."""
    keys = []
    for i, op in enumerate(inst.ops):
        j = inst.job_of[i]
        job = inst.jobs[j]
        keys.append((-(job.weight > 1), j, int(op.id.rsplit(".", 1)[1])))
    return keys
