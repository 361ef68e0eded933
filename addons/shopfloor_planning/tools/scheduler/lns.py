"""Large-neighbourhood search (LNS) with CP-SAT over windows of a plan, for any size.

Starting from a feasible plan (the dispatching heuristic's), each iteration relaxes a
*neighbourhood* of a few dozen to a few hundred operations and re-optimises it with CP-SAT:

- ``window``: the operations starting in a time window of the plan (sometimes its tail);
- ``machine``: the operations of one or two resources around a moment (their sequences);
- ``order``: all operations of a few jobs (late ones first) meeting around a moment.

Everything else is kept, in one of three ways, so the sub-model stays small and every
constraint still holds:

- operations starting before the neighbourhood, pinned operations, and operations beyond
  a cap of model size are constants (fixed intervals where they can meet relaxed ones);
- the others (after the neighbourhood's first start) keep their resource and their order on
  their resource lane (chained), but may shift left or right: the relaxed operations can be
  moved in front of them, and the objective (late jobs, tardiness, makespan) sees the effect
  on every job downstream.

The sub-model works on the working-time axis of the union of the calendars, like the full
model (:mod:`.cpsat`); its answer is re-timed exactly by the calendar-aware list scheduler
(a left-shifting decode of the new sequence) and kept when its objective
(:meth:`Schedule.key`) is no worse. Neighbourhood sizes adapt: larger when CP-SAT proves the
sub-problems optimal quickly, smaller when it does not.
"""

import logging
import random
import time

from ortools.sat.python import cp_model

from .cpsat import _axis, _pinned_profile
from .heuristic import list_schedule
from .lns_hood import _ops_by_job, _Plan, _select

_logger = logging.getLogger(__name__)

KINDS = ("window", "machine", "order", "random")
START_SIZE = 60
MIN_SIZE = 20
MAX_SIZE = 400
# operations kept with their lane order (shiftable) in one sub-model, beyond: constants
CHAIN_CAP = 250
# relaxed operations may be inserted between any kept operations of the sub-model (better
# plans on job shops, measured on ta01/ta51); False: only before the first kept one after
# their block on each resource (smaller models)
INSERT_ANYWHERE = True


def _solve_hood(inst, axis, plan, free_sorted, hood, time_limit, workers, seed):
    """Re-optimise ``hood``; returns ``(status, keys, modes)`` for the decode, or None."""
    t_start = time.monotonic()
    n = len(inst.ops)
    sw, ew = plan.sw, plan.ew
    a = min(sw[i] for i in hood)
    # shiftable (chained) operations: after a, not relaxed, capped
    chain = [i for i in free_sorted if i not in hood and sw[i] >= a]
    beyond = set()
    beyond_start = None
    if len(chain) > CHAIN_CAP:
        # beyond the cap: not in the model, they keep their order and shift with what
        # precedes them; the objective sees them through their tails (below)
        beyond_start = sw[chain[CHAIN_CAP]]
        beyond = {i for i in chain if sw[i] >= beyond_start}
        beyond.update(i for i in hood if sw[i] >= beyond_start)
        chain = [i for i in chain if sw[i] < beyond_start]
        hood = {i for i in hood if sw[i] < beyond_start}
        if not hood:
            return None
    var = set(hood)
    var.update(chain)
    origin_w = axis.work(inst.origin)
    release_w = [axis.work(max(inst.origin, j.release)) for j in inst.jobs]
    span = max(ew[i] for i in var) - a
    horizon = max(max(ew), a) + sum(max(d for _r, d in inst.modes[i]) for i in hood) + 1
    m = cp_model.CpModel()
    start, end, lb = {}, {}, {}
    presences = {}
    res_items = {}  # r -> list of (interval, demand)
    res_lb = {}
    for i in var:
        lo = max(origin_w, release_w[inst.job_of[i]])
        if i in hood:
            lo = max(lo, a - span)
        lb[i] = lo
    # constant predecessors / lane predecessors raise lower bounds
    for i in var:
        for p in inst.preds[i]:
            if p in var:
                continue
            if inst.ops[i].lag is None:
                lb[i] = max(lb[i], ew[p])
            else:
                lb[i] = max(lb[i], sw[p] + inst.ops[i].lag)
    ub_end = {}
    next_beyond = {}  # var op -> beyond ops that follow it (job or lane)
    for seq in plan.lanes.values():
        prev = None
        for i in seq:
            if i in hood:
                continue
            if prev is not None and i in var and prev not in var:
                lb[i] = max(lb[i], ew[prev])
            if prev is not None and prev in var and i not in var:
                if i in beyond:
                    next_beyond.setdefault(prev, []).append(i)
                else:
                    ub_end[prev] = min(ub_end.get(prev, horizon), sw[i])
            prev = i
    for i in var:
        for s in inst.succs[i]:
            if s in var or inst.ops[s].pinned:
                continue  # locks win over precedence
            if s in beyond:
                next_beyond.setdefault(i, []).append(s)
                continue
            if inst.ops[s].lag is None:
                ub_end[i] = min(ub_end.get(i, horizon), sw[s])
            else:
                ub_end[i] = min(ub_end.get(i, horizon), ew[s])
    # per resource a relaxed operation can use: the end of the relaxed block on it. Shiftable
    # operations starting before it get an interval (relaxed ones may be put between them);
    # those after it only a chained start, and the relaxed ones end before the first of them
    blk_hi = {}
    for i in hood:
        for r, _d in inst.modes[i]:
            blk_hi[r] = max(blk_hi.get(r, 0), ew[i])
    if INSERT_ANYWHERE:
        # relaxed ops may go between any two kept ops of the model (all get intervals)
        top_w = beyond_start if beyond else max(ew) + 1
        blk_hi = {r: max(hi, top_w) for r, hi in blk_hi.items()}
    for i in sorted(var):
        hi = ub_end.get(i, horizon)
        if i in hood:
            modes = inst.modes[i]
        else:
            modes = [plan.mode[i]]
        dmin = min(d for _r, d in modes)
        lo = lb[i]
        if lo + dmin > hi:
            # the incumbent itself satisfies every bound; this only happens through the
            # axis rounding of different calendars: give up this neighbourhood
            return None
        start[i] = m.NewIntVar(lo, hi - dmin, f"s{i}")
        end[i] = m.NewIntVar(lo + dmin, hi, f"e{i}")
        if i not in hood:
            r, d = modes[0]
            presences[i] = [(None, r, d)]
            if r in blk_hi and sw[i] < blk_hi[r]:
                itv = m.NewIntervalVar(start[i], d, end[i], f"i{i}")
                res_items.setdefault(r, []).append((itv, 1))
                res_lb[r] = min(res_lb.get(r, horizon), lo)
            else:
                m.Add(end[i] == start[i] + d)
            continue
        lits = []
        for r, d in modes:
            if len(modes) == 1:
                itv = m.NewIntervalVar(start[i], d, end[i], f"i{i}")
                presences[i] = [(None, r, d)]
            else:
                lit = m.NewBoolVar(f"p{i}_{r}")
                itv = m.NewOptionalIntervalVar(start[i], d, end[i], lit, f"i{i}_{r}")
                lits.append(lit)
                presences.setdefault(i, []).append((lit, r, d))
            res_items.setdefault(r, []).append((itv, 1))
            res_lb[r] = min(res_lb.get(r, horizon), lo)
        if lits:
            m.AddExactlyOne(lits)
    # lane order of the shiftable operations; the first one after the relaxed block
    firsts = {}
    for (r, _lane), seq in plan.lanes.items():
        prev = None
        found = r not in blk_hi
        for i in seq:
            if i in hood:
                continue
            if prev is not None and prev in var and i in var:
                m.Add(start[i] >= end[prev])
            if not found and sw[i] >= blk_hi[r]:
                firsts.setdefault(r, []).append(i)
                found = True
            prev = i
    tail = _beyond_tails(inst, plan, beyond) if beyond else {}
    makespan_terms = []  # (expression, literal or None): makespan >= expression
    for i in hood:
        for lit, r, _d in presences[i]:
            for q in firsts.get(r, ()):
                if q in beyond:
                    makespan_terms.append((end[i] + tail[q], lit))
                    continue
                ct = m.Add(end[i] <= (start[q] if q in var else sw[q]))
                if lit is not None:
                    ct.OnlyEnforceIf(lit)
    for i, qs in next_beyond.items():
        makespan_terms.append((end[i] + max(tail[q] for q in qs), None))
    # constants that relaxed operations can meet on their resources
    consts = {}
    for i in range(n):
        if i in var:
            continue
        r = plan.res[i]
        if r not in res_items or ew[i] <= res_lb[r] or ew[i] <= sw[i] or sw[i] >= blk_hi[r]:
            continue
        if i in beyond:
            continue
        consts.setdefault(r, []).append((sw[i], ew[i]))
    for r, items in res_items.items():
        cap = inst.capacity[r]
        fixed = consts.get(r, [])
        if cap == 1:
            intervals = [itv for itv, _d in items]
            for s, e, _dem in _pinned_profile(fixed, 1):
                intervals.append(m.NewIntervalVar(s, e - s, e, f"c{r}_{s}"))
            if len(intervals) > 1:
                m.AddNoOverlap(intervals)
        else:
            intervals = [itv for itv, _d in items]
            demands = [1] * len(items)
            for s, e, dem in _pinned_profile(fixed, cap):
                intervals.append(m.NewIntervalVar(s, e - s, e, f"c{r}_{s}"))
                demands.append(dem)
            m.AddCumulative(intervals, demands, cap)
    # precedences between relaxed / shiftable operations
    for i in var:
        op = inst.ops[i]
        for p in inst.preds[i]:
            if p not in var:
                continue
            if op.lag is None:
                m.Add(start[i] >= end[p])
            else:
                m.Add(start[i] >= start[p] + op.lag)
                m.Add(end[i] >= end[p])
        for s in inst.succs[i]:
            if s in var or inst.ops[s].pinned or inst.ops[s].lag is None:
                continue
            m.Add(start[i] <= sw[s] - inst.ops[s].lag)
    # objective over the jobs the sub-model touches (others are constants or shift with it)
    ops_of = _ops_by_job(inst)
    touched = sorted({inst.job_of[i] for i in var})
    max_tail = max(tail.values(), default=0)
    top = horizon + max_tail
    const_end = max((ew[i] for i in range(n) if i not in var and i not in beyond), default=origin_w)
    makespan = m.NewIntVar(max(origin_w, const_end), top, "makespan")
    hint_end_of = {i: sw[i] + plan.mode[i][1] for i in var}
    hint_makespan = max(origin_w, const_end)
    for expr_, lit in makespan_terms:
        ct = m.Add(makespan >= expr_)
        if lit is not None:
            ct.OnlyEnforceIf(lit)
    for i in hood:
        for q in (q for r, _d in [plan.mode[i]] for q in firsts.get(r, ()) if q in beyond):
            hint_makespan = max(hint_makespan, hint_end_of[i] + tail[q])
    for i, qs in next_beyond.items():
        hint_makespan = max(hint_makespan, hint_end_of[i] + max(tail[q] for q in qs))
    tard_terms, late_terms = [], []
    nj = max(1, len(touched))
    for j in touched:
        job = inst.jobs[j]
        sinks = [i for i in ops_of[j] if not inst.succs[i]]
        fixed_end = max(
            (ew[i] for i in sinks if i not in var and i not in beyond), default=origin_w
        )
        # completion: the relaxed/shiftable sinks' ends, and (lower bound) the end of an op
        # followed in its job by operations beyond the model plus their work
        comp = [(end[i], hint_end_of[i]) for i in sinks if i in var]
        for i in ops_of[j]:
            if i in var:
                extra = max((inst.tail[q] for q in inst.succs[i] if q in beyond), default=None)
                if extra is not None:
                    comp.append((end[i] + extra, hint_end_of[i] + extra))
        for expr_, _h in comp:
            m.Add(makespan >= expr_)
        hint_end = max([h for _e, h in comp] + [fixed_end])
        hint_makespan = max(hint_makespan, hint_end)
        if job.due is None or not comp:
            continue
        due_w = axis.work(job.due)
        t = m.NewIntVar(max(0, fixed_end - due_w), top, f"t{j}")
        for expr_, _h in comp:
            m.Add(t >= expr_ - due_w)
        m.AddHint(t, max(0, hint_end - due_w))
        tard_terms.append(job.weight * t)
        if inst.objective == "late_jobs":
            late = m.NewBoolVar(f"late{j}")
            m.Add(t == 0).OnlyEnforceIf(late.Not())
            m.AddHint(late, hint_end > due_w)
            late_terms.append(job.weight * late)
    m.AddHint(makespan, hint_makespan)
    size = top - origin_w + 1
    primary = 10 * nj * sum(tard_terms) + makespan if tard_terms else makespan
    if late_terms:
        primary = 10 * nj * size * sum(late_terms) + primary
    m.Minimize(primary)
    for i in var:
        s = sw[i]
        r0 = plan.mode[i][0]
        m.AddHint(start[i], s)
        for lit, r, d in presences[i]:
            if lit is not None:
                m.AddHint(lit, r == r0)
            if r == r0:
                m.AddHint(end[i], s + d)
    t_build = time.monotonic()
    solver = _solver(time_limit, workers, seed)
    status = solver.Solve(m)
    left = time_limit - (time.monotonic() - t_start)
    if status == cp_model.OPTIMAL and left > 0.3 * time_limit:
        # compaction: the same objective, every operation as early as possible (what the
        # operations kept as constants after the sub-model gain in the left-shift decode)
        m.Add(primary <= int(solver.ObjectiveValue()))
        m.ClearHints()
        for i in var:
            m.AddHint(start[i], solver.Value(start[i]))
            m.AddHint(end[i], solver.Value(end[i]))
            for lit, _r, _d in presences[i]:
                if lit is not None:
                    m.AddHint(lit, solver.BooleanValue(lit))
        m.Minimize(sum(end[i] for i in var))
        polish = _solver(min(left, 0.3 * time_limit), workers, seed)
        if polish.Solve(m) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solver = polish
    _logger.debug(
        "lns sub-model: %s relaxed, %s chained, built in %.2fs, %s in %.2fs",
        len(hood),
        len(chain),
        t_build - t_start,
        solver.StatusName(status),
        time.monotonic() - t_build,
    )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    keys = [None] * n
    modes = list(plan.mode)
    for i in range(n):
        keys[i] = sw[i]
    for i in var:
        keys[i] = solver.Value(start[i])
        for lit, r, d in presences[i]:
            if lit is None or solver.BooleanValue(lit):
                modes[i] = (r, d)
    return solver.StatusName(status), keys, modes


def _beyond_tails(inst, plan, beyond):
    """Per operation beyond the model: the longest chain of work from its start to the end
    of the plan through its job successors and its lane successors (order kept)."""
    nxt = {}
    for seq in plan.lanes.values():
        prev = None
        for i in seq:
            if i in beyond:
                if prev is not None:
                    nxt.setdefault(prev, []).append(i)
                prev = i
    tail = {}
    for i in sorted(beyond, key=lambda i: (plan.sw[i], plan.ew[i]), reverse=True):
        d = plan.mode[i][1]
        best = 0
        for q in inst.succs[i]:
            if q in beyond:
                best = max(best, tail.get(q, plan.mode[q][1]))
        for q in nxt.get(i, ()):
            best = max(best, tail.get(q, plan.mode[q][1]))
        tail[i] = d + best
    return tail


def _solver(time_limit, workers, seed):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = max(1, int(workers))
    solver.parameters.random_seed = seed
    # small models, many of them: no symmetry detection, no LP relaxation (scheduling)
    solver.parameters.symmetry_level = 0
    solver.parameters.linearization_level = 0
    return solver


def _decode(inst, keys, modes, method):
    topo = [0] * len(inst.ops)
    for pos, i in enumerate(inst.order):
        topo[i] = pos
    order = [(keys[i], topo[i]) for i in range(len(inst.ops))]
    return list_schedule(inst, order, fixed_modes=modes, method=method)


def improve(inst, best, deadline, workers=2, seed=0, control=None):
    """LNS from the feasible schedule ``best`` until ``deadline`` (monotonic seconds), a stop
    or a stall (``control``); returns the best schedule found (``best`` when none is better).
    """
    free = [i for i, op in enumerate(inst.ops) if not op.pinned]
    if not free:
        return best
    rng = random.Random(seed)
    axis = _axis(inst)
    size = min(len(free), START_SIZE)
    sub_limit = 1.0
    base = best.method.split("+")[0]
    plan = None
    stats = {k: [1.0, 1.0] for k in set(KINDS)}  # successes, tries (for the choice)
    iteration = 0
    while True:
        now = time.monotonic()
        remaining = deadline - now
        if remaining < 0.15 or (control is not None and control.should_end()):
            break
        if plan is None:
            plan = _Plan(inst, axis, best)
            free_sorted = sorted(free, key=lambda i: (plan.sw[i], i))
        if len(free) <= size:
            kind = "window"
        else:
            weights = [stats[k][0] / stats[k][1] for k in KINDS]
            kind = rng.choices(KINDS, weights=weights)[0]
        hood = _select(inst, plan, free_sorted, kind, size, rng)
        iteration += 1
        if control is not None:
            control.iterations = iteration
        limit = min(remaining - 0.1, sub_limit)
        t0 = time.monotonic()
        result = _solve_hood(inst, axis, plan, free_sorted, hood, limit, workers, seed + iteration)
        took = time.monotonic() - t0
        stats[kind][1] += 1
        if result is None:
            _logger.debug("lns %s %s size=%s: no answer in %.2fs", iteration, kind, len(hood), took)
            size = max(MIN_SIZE, int(size * 0.8))
            continue
        status, keys, modes = result
        if status == "OPTIMAL":
            size = min(MAX_SIZE, len(free), int(size * 1.15) + 1)
        elif status != "OPTIMAL":
            size = max(MIN_SIZE, int(size * 0.9))
        t1 = time.monotonic()
        sched = _decode(inst, keys, modes, method=f"{base}+lns")
        _logger.debug(
            "lns %s %s size=%s %s solve=%.2fs decode=%.2fs key=%s best=%s",
            iteration,
            kind,
            len(hood),
            status,
            took,
            time.monotonic() - t1,
            sched.key()[:3],
            best.key()[:3],
        )
        if sched.key() < best.key():
            stats[kind][0] += 1
            best = sched
            plan = None
            if control is not None:
                control.improved(best, "lns")
        elif sched.key() == best.key() and rng.random() < 0.5:
            best = sched  # plateau move: same objective, another sequence
            plan = None
        if len(free) <= size and status == "OPTIMAL" and size >= len(free):
            # the whole plan was the neighbourhood and CP-SAT proved it optimal
            best.status = "OPTIMAL"
            break
    return best
