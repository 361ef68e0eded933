"""CP-SAT model of the scheduling problem.

The model works on the *working-time axis* of the union of the resource calendars: one unit
is one minute in which at least one resource works. When all resources share one calendar
(the usual case) this is exact; otherwise the solver's assignment and sequence are re-timed
exactly by the calendar-aware list scheduler (``solver.decode``). Pinned operations are
fixed intervals. Objective: (objective ``late_jobs``: weighted late jobs first,) weighted
tardiness, then makespan, then WIP (flow times),
as a weighted sum with weights large enough to make it lexicographic in practice.
"""

import threading
import time

from ortools.sat.python import cp_model

from .calendar import Calendar


def _axis(inst):
    cals = inst.calendars
    if not cals or any(c.continuous for c in cals):
        return Calendar(None)
    intervals = []
    for c in cals:
        intervals.extend(c.intervals())
    return Calendar(intervals)


def _pinned_profile(items, capacity):
    """Fixed (start, end, demand) segments of pinned ops on one resource, capped."""
    points = sorted({p for s, e in items for p in (s, e)})
    segments = []
    for a, b in zip(points, points[1:], strict=False):
        count = sum(1 for s, e in items if s <= a and e >= b)
        if count:
            demand = min(count, capacity)
            if segments and segments[-1][1] == a and segments[-1][2] == demand:
                segments[-1] = (segments[-1][0], b, demand)
            else:
                segments.append((a, b, demand))
    return segments


class _Watch(cp_model.CpSolverSolutionCallback):
    """Counts improving solutions (stall detection) and stops the search on request."""

    def __init__(self, control):
        super().__init__()
        self.control = control

    def on_solution_callback(self):
        self.control.improved()


def _run(solver, model, control):
    """``solver.Solve(model)``, stopped early by ``control`` (stop flag or stall)."""
    if control is None:
        return solver.Solve(model)
    done = threading.Event()

    def watch():
        while not done.wait(0.1):
            if control.should_end():
                solver.StopSearch()
                return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        return solver.Solve(model, _Watch(control))
    finally:
        done.set()
        thread.join()


def solve_cpsat(
    inst, time_limit, hint=None, workers=8, seed=0, log=False, control=None, polish_limit=None
):
    """Solve with CP-SAT. Returns ``(status_name, starts_w, modes)`` or ``None``.

    ``starts_w`` are solver start times on the working axis (used only as a sequence),
    ``modes[i]`` the chosen ``(resource, duration)`` per operation. CP-SAT returns as soon
    as it proves the plan optimal; ``control`` (:class:`~.control.SearchControl`) stops it
    earlier (stop flag, stall). The second phase (least work in progress at the optimal
    level) gets at most ``polish_limit`` seconds (default: a tenth of ``time_limit``).
    """
    t0 = time.monotonic()
    axis = _axis(inst)
    n = len(inst.ops)
    m = cp_model.CpModel()
    origin_w = axis.work(inst.origin)
    # horizon: hint makespan (if any) plus the longest job, else the sum of all work
    total = sum(max(d for _r, d in ms) for ms in inst.modes)
    pinned_end = max((axis.work(op.pinned.end) for op in inst.ops if op.pinned), default=0)
    release_w = [axis.work(max(inst.origin, j.release)) for j in inst.jobs]
    horizon = max(release_w, default=origin_w) + total
    if hint is not None:
        hint_end = max(axis.work(p.end) for p in hint.ops.values())
        horizon = min(horizon, hint_end + max(inst.job_work, default=0) + 1)
    horizon = max(horizon, pinned_end, origin_w) + 1

    start = [None] * n
    end = [None] * n
    presences = [[] for _ in range(n)]
    res_intervals = [[] for _ in inst.calendars]
    pinned_items = [[] for _ in inst.calendars]
    for i, op in enumerate(inst.ops):
        if op.pinned:
            s = axis.work(op.pinned.start)
            e = max(s, axis.work(op.pinned.end))
            start[i], end[i] = s, e
            pinned_items[inst.res_index[op.pinned.resource]].append((s, e))
            continue
        lo = max(origin_w, release_w[inst.job_of[i]])
        start[i] = m.NewIntVar(lo, horizon, f"s{i}")
        end[i] = m.NewIntVar(lo, horizon, f"e{i}")
        modes = inst.modes[i]
        if len(modes) == 1:
            r, d = modes[0]
            itv = m.NewIntervalVar(start[i], d, end[i], f"i{i}")
            res_intervals[r].append(itv)
            presences[i].append((None, r, d))
        else:
            lits = []
            for r, d in modes:
                lit = m.NewBoolVar(f"p{i}_{r}")
                itv = m.NewOptionalIntervalVar(start[i], d, end[i], lit, f"i{i}_{r}")
                res_intervals[r].append(itv)
                lits.append(lit)
                presences[i].append((lit, r, d))
            m.AddExactlyOne(lits)
    for r, items in enumerate(pinned_items):
        cap = inst.capacity[r]
        for s, e, demand in _pinned_profile(items, cap):
            itv = m.NewIntervalVar(s, e - s, e, f"pin{r}_{s}")
            if cap == 1:
                res_intervals[r].append(itv)
            else:
                res_intervals[r].append((itv, demand))
    for r, itvs in enumerate(res_intervals):
        cap = inst.capacity[r]
        if cap == 1:
            if len(itvs) > 1:
                m.AddNoOverlap(itvs)
        else:
            plain = [x for x in itvs if not isinstance(x, tuple)]
            fixed = [x for x in itvs if isinstance(x, tuple)]
            m.AddCumulative(
                plain + [x[0] for x in fixed], [1] * len(plain) + [x[1] for x in fixed], cap
            )
    for i, op in enumerate(inst.ops):
        if op.pinned:
            continue  # locks win over precedence
        for p in inst.preds[i]:
            if op.lag is None:
                m.Add(start[i] >= end[p])
            else:
                m.Add(start[i] >= start[p] + op.lag)
                m.Add(end[i] >= end[p])
    # objective terms per job: completion = end of its last operations (no successors)
    jobs_ops = [[] for _ in inst.jobs]
    for i in range(n):
        jobs_ops[inst.job_of[i]].append(i)
    makespan = m.NewIntVar(origin_w, horizon, "makespan")
    tard_terms = []
    late_terms = []
    sinks_of = []
    sources_of = []
    for j, job in enumerate(inst.jobs):
        ops = jobs_ops[j]
        sinks = [i for i in ops if not inst.succs[i]]
        sources = [i for i in ops if not inst.preds[i]]
        sinks_of.append(sinks)
        sources_of.append(sources)
        for i in sinks:
            m.Add(makespan >= end[i])
        if job.due is not None and sinks:
            due_w = axis.work(job.due)
            t = m.NewIntVar(0, horizon, f"t{j}")
            for i in sinks:
                m.Add(t >= end[i] - due_w)
            tard_terms.append(job.weight * t)
            if inst.objective == "late_jobs":
                late = m.NewBoolVar(f"late{j}")
                m.Add(t == 0).OnlyEnforceIf(late.Not())
                late_terms.append(job.weight * late)
    nj = max(1, len(inst.jobs))
    # phase 1: (weighted late jobs,) weighted tardiness, then makespan; phase 2 (time
    # left): WIP at that level. One late job outweighs any tardiness of one job (horizon);
    # the exact lexicographic comparison with the heuristic is Schedule.key() afterwards.
    primary = 10 * nj * sum(tard_terms) + makespan if tard_terms else makespan
    if late_terms:
        primary = 10 * nj * (horizon + 1) * sum(late_terms) + primary
    m.Minimize(primary)
    if hint is not None:
        for i, op in enumerate(inst.ops):
            if op.pinned:
                continue
            p = hint.ops[op.id]
            r = inst.res_index[p.resource]
            s = axis.work(p.start)
            m.AddHint(start[i], s)
            for lit, rr, d in presences[i]:
                if lit is not None:
                    m.AddHint(lit, rr == r)
                if rr == r:
                    m.AddHint(end[i], s + d)
    solver = cp_model.CpSolver()
    remaining = time_limit - (time.monotonic() - t0)
    if remaining <= 0.2:
        return None
    # phase 2 only runs when phase 1 is proven optimal early: give phase 1 all the time
    solver.parameters.max_time_in_seconds = max(0.1, remaining - 0.3)
    solver.parameters.num_workers = max(1, int(workers))
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    status = _run(solver, m, control)
    remaining = time_limit - (time.monotonic() - t0)
    if polish_limit is None:
        polish_limit = max(0.5, 0.1 * time_limit)
    remaining = min(remaining, polish_limit + 0.1)
    if status == cp_model.OPTIMAL and remaining > 0.3 and not (control and control.stopped()):
        m.Add(primary <= int(solver.ObjectiveValue()))
        m.ClearHints()
        for i in range(n):
            if not inst.ops[i].pinned:
                m.AddHint(start[i], solver.Value(start[i]))
                for lit, _r, _d in presences[i]:
                    if lit is not None:
                        m.AddHint(lit, solver.BooleanValue(lit))
        flow_terms = []
        for j in range(len(inst.jobs)):
            if not sinks_of[j]:
                continue
            c = m.NewIntVar(0, horizon, f"c{j}")
            f = m.NewIntVar(0, horizon, f"f{j}")
            for i in sinks_of[j]:
                m.Add(c >= end[i])
            for i in sources_of[j]:
                m.Add(f <= start[i])
            flow_terms.append(c - f)
        m.Minimize(sum(flow_terms))
        solver2 = cp_model.CpSolver()
        solver2.parameters.max_time_in_seconds = remaining - 0.1
        solver2.parameters.num_workers = max(1, int(workers))
        solver2.parameters.random_seed = seed
        status2 = _run(solver2, m, control)
        if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            solver = solver2
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    starts = []
    modes = []
    for i, op in enumerate(inst.ops):
        if op.pinned:
            starts.append(start[i])
            modes.append(None)
            continue
        starts.append(solver.Value(start[i]))
        chosen = None
        for lit, r, d in presences[i]:
            if lit is None or solver.BooleanValue(lit):
                chosen = (r, d)
        modes.append(chosen)
    return solver.StatusName(status), starts, modes
