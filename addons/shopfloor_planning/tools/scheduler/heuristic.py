"""Dispatching heuristics: serial list scheduling with gap insertion.

``list_schedule`` places operations one by one, always the ready operation (all predecessors
placed) with the smallest priority key, at the earliest time its resource (any of its
alternatives, any parallel lane) has a free slot long enough in working time. The rules below
only differ by the keys: EDD, least slack (latest start), static ATC (apparent tardiness
cost), most work remaining. ``best_heuristic`` runs them all and keeps the best schedule; it
is the fallback for large instances and the hint given to CP-SAT.
"""

import heapq
import math
import random
import time
from bisect import bisect_right

INF = float("inf")


def _earliest_fit(cal, starts, ends, est, duration):
    """Earliest start (in working minutes of ``cal``) at or after ``est`` (real time) with
    ``duration`` free working minutes in the lane ``starts``/``ends`` (working minutes).

    Lanes are kept on the working-time axis of their resource's calendar: two operations
    overlap in real time exactly when they overlap in working time, and the gap search is
    plain integer comparisons.
    """
    t = cal.work(cal.snap(est))
    if duration > 0:
        i = bisect_right(ends, t)
        n = len(starts)
        end = t + duration
        while i < n and starts[i] < end:
            if ends[i] > t:
                t = ends[i]
                end = t + duration
            i += 1
    return t


def _init_lanes(inst):
    """Per resource, per lane: sorted busy starts/ends, seeded with the pinned operations."""
    lanes = [[([], []) for _ in range(c)] for c in inst.capacity]
    pinned = {}
    for i, op in enumerate(inst.ops):
        if op.pinned:
            r = inst.res_index[op.pinned.resource]
            pinned[i] = (r, op.pinned.start, max(op.pinned.start, op.pinned.end))
    by_res = {}
    for i, (r, s, e) in sorted(pinned.items(), key=lambda kv: kv[1][1]):
        by_res.setdefault(r, []).append((i, s, e))
    lane_of = {}
    for r, items in by_res.items():
        cal = inst.calendars[r]
        for i, s_real, e_real in items:
            s, e = cal.work(s_real), cal.work(e_real)
            # first lane that is free at s, else the lane that frees up first (merged)
            best = None
            for k, (_ls, le) in enumerate(lanes[r]):
                last_end = le[-1] if le else None
                if last_end is None or last_end <= s:
                    best = k
                    break
                if best is None or last_end < lanes[r][best][1][-1]:
                    best = k
            ls, le = lanes[r][best]
            if le and le[-1] > s:
                le[-1] = max(le[-1], e)  # overlapping pins: keep the union busy
            elif e > s or e_real > s_real:
                # a pin outside working time (locked at night) is a point of the working
                # axis: an operation running across it (paused over the night) would share
                # the machine with it in real time, so _earliest_fit moves it past the point
                ls.append(s)
                le.append(e)
            lane_of[i] = best
    return lanes, pinned, lane_of


def list_schedule(inst, keys, fixed_modes=None, method="list", not_before=None):
    """Serial schedule generation in priority order ``keys`` (one comparable per op).

    ``not_before``: optional earliest start per op (None: no bound), e.g. its start in the
    current plan when a re-plan must not pull it earlier."""
    n = len(inst.ops)
    start = [0] * n
    end = [0] * n
    res = [0] * n
    lane = [0] * n
    lanes, pinned, lane_of = _init_lanes(inst)
    placed = [False] * n
    for i, (r, s, e) in pinned.items():
        start[i], end[i], res[i], lane[i] = s, e, r, lane_of[i]
        placed[i] = True
    indeg = [sum(1 for p in inst.preds[i] if not placed[p]) for i in range(n)]
    heap = [(keys[i], i) for i in range(n) if not placed[i] and indeg[i] == 0]
    heapq.heapify(heap)
    origin = inst.origin
    jobs = inst.jobs
    while heap:
        _k, i = heapq.heappop(heap)
        est = max(origin, jobs[inst.job_of[i]].release)
        if not_before is not None and not_before[i] is not None:
            est = max(est, not_before[i])
        lag = inst.ops[i].lag
        min_end = None
        for p in inst.preds[i]:
            if lag is None:
                est = max(est, end[p])
            else:
                est = max(est, start[p] + lag)
                min_end = end[p] if min_end is None else max(min_end, end[p])
        modes = inst.modes[i] if fixed_modes is None or fixed_modes[i] is None else [fixed_modes[i]]
        best = None
        for r, d in modes:
            cal = inst.calendars[r]
            est_r = est
            if min_end is not None and d > 0:
                # overlap: do not finish before the predecessors finish
                est_r = max(est_r, cal.start_at(max(0, cal.work(min_end) - d)))
            for k, (ls, le) in enumerate(lanes[r]):
                w = _earliest_fit(cal, ls, le, est_r, d)
                s = cal.start_at(w)
                e = cal.end_at(w + d) if d > 0 else s
                if best is None or (e, s) < (best[1], best[0]):
                    best = (s, e, r, k, w, d)
        s, e, r, k, w, d = best
        start[i], end[i], res[i], lane[i] = s, e, r, k
        if d > 0:
            ls, le = lanes[r][k]
            pos = bisect_right(ls, w)
            ls.insert(pos, w)
            le.insert(pos, w + d)
        placed[i] = True
        for sc in inst.succs[i]:
            if placed[sc]:
                continue
            indeg[sc] -= 1
            if indeg[sc] == 0:
                heapq.heappush(heap, (keys[sc], sc))
    return inst.evaluate(start, end, res, lane, method=method, status="FEASIBLE")


def _due(inst, i):
    due = inst.jobs[inst.job_of[i]].due
    return due if due is not None else INF


def rule_keys(inst, rule):
    """Priority keys of every operation for a named dispatching rule."""
    n = len(inst.ops)
    topo = [0] * n
    for pos, i in enumerate(inst.order):
        topo[i] = pos
    pbar = max(1.0, sum(inst.min_dur) / max(1, n))
    keys = []
    for i in range(n):
        job = inst.jobs[inst.job_of[i]]
        w = job.weight
        due = _due(inst, i)
        if rule == "edd":
            k = (-w, due, inst.job_of[i], topo[i])
        elif rule == "edd_flat":
            k = (due, -w, inst.job_of[i], topo[i])
        elif rule == "lst":
            k = (-w, due - inst.tail[i], topo[i])
        elif rule == "lst_flat":
            k = (due - inst.tail[i], -w, topo[i])
        elif rule.startswith(("edd_b", "lst_b")):
            # due-date buckets, most work remaining first inside a bucket (shorter makespan)
            bucket = int(rule[5:])
            base = due if rule.startswith("edd") else due - inst.tail[i]
            k = (-w, base // bucket if base != INF else INF, -inst.tail[i], topo[i])
        elif rule == "mwkr":
            k = (-w, -inst.tail[i], topo[i])
        elif rule.startswith("atc"):
            kk = float(rule[3:] or 2)
            slack = 0 if due == INF else max(0, due - inst.tail[i] - inst.origin)
            if due == INF:
                index = w / max(1, inst.min_dur[i]) * 1e-9
            else:
                index = w / max(1, inst.min_dur[i]) * math.exp(-slack / (kk * pbar * 10))
            k = (-index, topo[i])
        else:
            raise ValueError(f"unknown rule {rule}")
        keys.append(k)
    return keys


RULES = (
    "edd",
    "lst",
    "edd_flat",
    "lst_flat",
    "atc1",
    "atc4",
    "mwkr",
    "edd_b720",
    "lst_b1440",
)

# improvement: re-sequence the incumbent by start-time buckets with these tie-breaks
RESEQUENCE = [(b, tie) for b in (60, 120, 30, 240, 15, 480) for tie in ("tail", "lst")]
# makespan: after this share of the incumbent's span, most work remaining first
TAIL_CUTS = (0.95, 0.9, 0.8, 0.7, 0.6, 0.5)


def resequence(inst, best, deadline, method_suffix="+reseq"):
    """Local improvement: keep the incumbent's coarse order (start times in buckets of
    ``b`` minutes), break ties by most work remaining or least slack, and keep the result
    when it is better. Repeats over bucket sizes until no improvement or ``deadline``."""
    n = len(inst.ops)
    improved = True
    while improved:
        improved = False
        for bucket, tie in RESEQUENCE:
            if time.monotonic() > deadline:
                return best
            keys = []
            for i in range(n):
                st = best.ops[inst.ops[i].id].start
                due = _due(inst, i)
                t = -inst.tail[i] if tie == "tail" else due - inst.tail[i]
                keys.append((st // bucket, t, i))
            sched = list_schedule(inst, keys, method=best.method.split("+")[0] + method_suffix)
            if sched.key() < best.key():
                best = sched
                improved = True
        for cut in TAIL_CUTS:
            if time.monotonic() > deadline:
                return best
            limit = inst.origin + int(best.makespan * cut)
            keys = []
            for i in range(n):
                st = best.ops[inst.ops[i].id].start
                keys.append((st, 0, i) if st < limit else (limit, -inst.tail[i], i))
            sched = list_schedule(inst, keys, method=best.method.split("+")[0] + method_suffix)
            if sched.key() < best.key():
                best = sched
                improved = True
    return best


DEFER_PICKS = ("earliest", "longest")


def defer_late_jobs(inst, keys, deadline, pick="earliest", method="defer"):
    """Fewer late jobs: Moore-Hodgson's rule carried over to the job shop.

    Schedule in the order ``keys``; while a job is late, take the earliest-due late job and
    defer one job due no later than it to the end of the order: the late job itself
    (``pick="earliest"``) or the one with the most work per unit of weight among those due
    no later (``"longest"``, Moore-Hodgson's choice). Among candidates the lowest weight
    (priority) goes first. Deferred jobs are scheduled after all others, but still fill the
    gaps the others leave. Several jobs are deferred per round when many are late.
    Then deferred jobs are put back one by one where that makes no new job late.
    Returns the best schedule met (by :meth:`Schedule.key`).
    """
    jobs = inst.jobs
    work = [0] * len(jobs)
    for i in range(len(inst.ops)):
        work[inst.job_of[i]] += inst.min_dur[i]

    def due(j):
        return jobs[j].due if jobs[j].due is not None else INF

    def run(deferred):
        # deferred jobs: most work remaining first (they are late anyway; the tail of the
        # plan, and so the makespan, is theirs)
        order = [
            (1, -inst.tail[i], keys[i]) if inst.job_of[i] in deferred else (0, 0, keys[i])
            for i in range(len(keys))
        ]
        return list_schedule(inst, order, method=method)

    deferred = set()
    sched = run(deferred)
    best = sched
    while time.monotonic() < deadline:
        late = [
            j
            for j, job in enumerate(jobs)
            if j not in deferred and sched.jobs[job.id].tardiness > 0
        ]
        if not late:
            break
        low = min(jobs[j].weight for j in late)
        late = sorted((j for j in late if jobs[j].weight == low), key=lambda j: (due(j), j))
        step = max(1, len(late) // 10)
        if pick == "earliest":
            chosen = late[:step]
        else:
            limit = due(late[step - 1])
            candidates = [
                j
                for j in range(len(jobs))
                if j not in deferred and due(j) <= limit and jobs[j].weight == low
            ]
            candidates.sort(key=lambda j: (-work[j], due(j), j))
            chosen = candidates[:step] or late[:step]
        deferred.update(chosen)
        sched = run(deferred)
        if sched.key() < best.key():
            best = sched
    # put back what fits: a deferred job that can be on time without making another late
    for j in sorted(deferred, key=lambda j: (-jobs[j].weight, due(j), j)):
        if time.monotonic() > deadline:
            break
        trial = run(deferred - {j})
        if trial.key() < best.key():
            deferred.discard(j)
            best = trial
    return best


TAIL_SHIFTS = (60, 240, 720, 1440, 2880)


def pull_last_job(inst, best, deadline, method_suffix="+tail"):
    """Makespan: the job that ends last sets it. Move that job's operations earlier in the
    order (their start in the incumbent minus a shift) and keep the schedule when it is
    better; repeat with the job that then ends last."""
    tried = set()
    while time.monotonic() < deadline:
        last = max(best.jobs.items(), key=lambda kv: (kv[1].end, kv[0]))[0]
        if last in tried:
            return best
        tried.add(last)
        j = next(k for k, job in enumerate(inst.jobs) if job.id == last)
        for shift in TAIL_SHIFTS:
            if time.monotonic() > deadline:
                return best
            keys = []
            for i in range(len(inst.ops)):
                st = best.ops[inst.ops[i].id].start
                keys.append((st - shift if inst.job_of[i] == j else st, i))
            sched = list_schedule(inst, keys, method=best.method.split("+")[0] + method_suffix)
            if sched.key() < best.key():
                best = sched
                break
    return best


def best_heuristic(inst, rules=RULES, deadline=None, randomize=True, seed=0):
    """Best schedule of several rules, then local re-sequencing and random key
    perturbations until ``deadline``.

    Objective ``late_jobs``: the first half of the time searches for the least weighted
    tardiness (a good order, short makespan), then :func:`defer_late_jobs` starts from that
    order, and the rest of the time improves the result under the ``late_jobs`` key.
    """
    if inst.objective == "late_jobs" and deadline is not None:
        return _fewest_late_jobs(inst, rules, deadline, randomize, seed)
    best = None
    for rule in rules:
        keys = rule_keys(inst, rule)
        sched = list_schedule(inst, keys, method=f"heuristic:{rule}")
        if best is None or sched.key() < best.key():
            best = sched
        if deadline is not None and time.monotonic() > deadline:
            return best
    if deadline is None:
        return best
    best = resequence(inst, best, deadline)
    best = pull_last_job(inst, best, deadline)
    if not randomize:
        return best
    rng = random.Random(seed)
    # Perturbation: rank-based keys with noise of a random size, accepted when better, then
    # re-sequenced again (simple iterated local search).
    order = sorted(range(len(inst.ops)), key=lambda i: (best.ops[inst.ops[i].id].start, i))
    rank = [0] * len(order)
    for pos, i in enumerate(order):
        rank[i] = pos
    last = 0.0
    while time.monotonic() + last < deadline:
        t0 = time.monotonic()
        spread = rng.choice((3, 10, 30, 100))
        noisy = [rank[i] + rng.uniform(-spread, spread) for i in range(len(order))]
        sched = list_schedule(inst, noisy, method=best.method.split("+")[0] + "+search")
        if sched.key() < best.key():
            best = resequence(inst, sched, deadline, method_suffix="+search")
            order = sorted(range(len(order)), key=lambda i: (best.ops[inst.ops[i].id].start, i))
            for pos, i in enumerate(order):
                rank[i] = pos
        last = time.monotonic() - t0
    return best


def _fewest_late_jobs(inst, rules, deadline, randomize, seed):
    mid = time.monotonic() + max(0.0, deadline - time.monotonic()) / 2
    inst.objective = "tardiness"
    try:
        best = best_heuristic(inst, rules, mid, randomize, seed)
    finally:
        inst.objective = "late_jobs"
    best.objective = "late_jobs"
    if best.late_jobs:
        keys = [(best.ops[op.id].start, i) for i, op in enumerate(inst.ops)]
        share = max(0.0, deadline - time.monotonic()) * 0.6 / len(DEFER_PICKS)
        method = best.method.split("+")[0] + "+defer"
        for pick in DEFER_PICKS:
            end = min(deadline, time.monotonic() + share)
            deferred = defer_late_jobs(inst, keys, end, pick=pick, method=method)
            if deferred.key() < best.key():
                best = deferred
    best = resequence(inst, best, deadline)
    return pull_last_job(inst, best, deadline)
