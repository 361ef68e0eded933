"""Entry points: :func:`solve` (full plan) and :func:`replan_with_insertion` (rush orders)."""

import time
from dataclasses import replace

from .control import SearchControl
from .heuristic import best_heuristic, list_schedule
from .instance import Instance, SchedulerError
from .model import Pin

# Above this many operations CP-SAT is skipped by default and the heuristics use the time.
CPSAT_MAX_OPS = 1200
# Schedules tried when choosing the work centers of a rush order's operations.
MAX_MODE_TRIALS = 60


def decode(inst, starts, modes, method):
    """Exact, calendar-aware re-timing of a solver sequence (order of ``starts``, ``modes``)."""
    keys_by_op = [None] * len(inst.ops)
    for pos, i in enumerate(inst.order):
        keys_by_op[i] = (starts[i], pos)
    return list_schedule(inst, keys_by_op, fixed_modes=modes, method=method)


def solve(
    problem,
    time_limit=10.0,
    use_cpsat=None,
    workers=8,
    seed=0,
    cpsat_max_ops=CPSAT_MAX_OPS,
    use_lns=None,
    control=None,
    stall_seconds=None,
    progress=None,
    stop=None,
):
    """Plan ``problem`` within about ``time_limit`` seconds; returns a :class:`Schedule`.

    The dispatching heuristics always run first: their best schedule is the first feasible
    answer (reported to ``progress``), CP-SAT's hint and the fallback. Then:

    - up to ``cpsat_max_ops`` free operations, CP-SAT on the whole plan (``use_cpsat``:
      True/False to force); it returns as soon as it proves the plan optimal, and the time
      it leaves goes to the large-neighbourhood search;
    - above that (or ``use_lns=True``), the large-neighbourhood search of :mod:`.lns`,
      CP-SAT over windows of the plan, until the time limit.

    Early stop: ``stop`` (callable returning True: stop now, keep the best plan so far) and
    ``stall_seconds`` (no improvement for that long), or a ready ``control``
    (:class:`~.control.SearchControl`); ``progress`` receives a dict at each improvement.
    """
    if use_cpsat is not False:
        # ortools' first import takes seconds on a busy machine: not part of the plan's time
        from . import cpsat, lns  # noqa: F401
    t0 = time.monotonic()
    deadline = t0 + time_limit
    if control is None:
        control = SearchControl(stop=stop, on_progress=progress, stall_seconds=stall_seconds)
    inst = Instance(problem)
    free_ops = sum(1 for op in inst.ops if not op.pinned)
    if use_lns is None:
        use_lns = use_cpsat is not False  # use_cpsat=False: the heuristics alone
    if use_cpsat is None:
        use_cpsat = 0 < free_ops <= cpsat_max_ops
    if free_ops == 0:
        use_cpsat = use_lns = False
    # heuristics: a small share of the budget when CP-SAT or the LNS follow, else all of it
    if use_cpsat:
        h_share = min(0.5, 0.05 * time_limit)
    elif use_lns:
        # large plans: the rules and the late-job deferral need their time (one pass of the
        # list scheduler costs about a second per 5,000 operations), the LNS the rest
        h_share = min(0.6 * time_limit, 0.1 * time_limit + free_ops / 200.0)
    else:
        h_share = time_limit * 0.9
    best = best_heuristic(inst, deadline=t0 + h_share, seed=seed)
    control.improved(best, "heuristic")
    if use_cpsat and not control.should_end():
        remaining = deadline - time.monotonic()
        from .cpsat import solve_cpsat  # ortools is only needed here

        result = solve_cpsat(
            inst, remaining, hint=best, workers=workers, seed=seed, control=control
        )
        if result is not None:
            status, starts, modes = result
            sched = decode(inst, starts, modes, method="cpsat")
            sched.status = status
            if sched.key() <= best.key():
                best = sched
                control.improved(best, "cpsat")
            if status == "OPTIMAL":
                use_lns = False  # proven: nothing left to search
    if use_lns and not control.should_end() and deadline - time.monotonic() > 0.3:
        from .lns import improve

        best = improve(inst, best, deadline, workers=min(workers, 2), seed=seed, control=control)
    best.seconds = time.monotonic() - t0
    control.report(best, "done", reason=control.reason or best.status)
    return best


def replan_with_insertion(
    problem, previous, urgent_jobs=(), method="insertion", keep_earlier=False
):
    """Minimal-disruption re-plan: urgent jobs first, then everyone in the previous order.

    ``previous`` maps op id -> (resource id, start) of the current plan. Operations keep their
    previous resource and are placed in their previous order of start; each is placed at the
    earliest free time on its resource, so it is pushed later where the urgent jobs take
    their place, or pulled earlier into a gap freed before it (an operation placed later in
    the order may then start before one placed earlier: the sequence on a resource can
    change; not with ``keep_earlier``: then they never start earlier than planned).
    Operations without a previous plan come after, in EDD order. The urgent
    operations' alternatives are chosen by the problem's objective.
    """
    t0 = time.monotonic()
    inst = Instance(problem)
    urgent = set(urgent_jobs)
    keys = [None] * len(inst.ops)
    fixed = [None] * len(inst.ops)
    not_before = [None] * len(inst.ops) if keep_earlier else None
    big = float("inf")
    for pos, i in enumerate(inst.order):
        op = inst.ops[i]
        job = inst.jobs[inst.job_of[i]]
        due = job.due if job.due is not None else big
        if job.id in urgent:
            keys[i] = (0, -job.weight, due, pos)
            continue
        prev = previous.get(op.id)
        if prev is not None:
            res_id, start = prev
            keys[i] = (1, start, pos)
            if keep_earlier:
                not_before[i] = start
            r = inst.res_index.get(res_id)
            if r is not None:
                for rr, d in inst.modes[i]:
                    if rr == r:
                        fixed[i] = (rr, d)
        else:
            keys[i] = (2, due, pos)
    sched = list_schedule(inst, keys, fixed_modes=fixed, method=method, not_before=not_before)
    sched = _choose_urgent_modes(inst, keys, fixed, sched, urgent, method, not_before=not_before)
    sched.seconds = time.monotonic() - t0
    return sched


def _choose_urgent_modes(
    inst, keys, fixed, best, urgent, method, max_trials=MAX_MODE_TRIALS, not_before=None
):
    """Work centers of the urgent operations by the plan's objective.

    The list schedule puts each urgent op on the alternative where it ends first, which can
    push an order with a tight deadline late on that alternative when the primary would make
    nobody late. Each urgent op with alternatives is tried on each of them (a pass of
    coordinate descent, repeated while it improves, at most ``max_trials`` schedules); a
    choice is kept only when it is strictly better for the objective (``Schedule.key``).
    """
    choices = [
        i
        for i in range(len(inst.ops))
        if inst.jobs[inst.job_of[i]].id in urgent
        and not inst.ops[i].pinned
        and len(inst.modes[i]) > 1
    ]
    current = list(fixed)
    trials = 0
    improved = True
    while improved and trials < max_trials:
        improved = False
        for i in choices:
            for mode in inst.modes[i]:
                if trials >= max_trials:
                    break
                if current[i] == mode:
                    continue
                trial = list(current)
                trial[i] = mode
                trials += 1
                sched = list_schedule(
                    inst, keys, fixed_modes=trial, method=method, not_before=not_before
                )
                if sched.key() < best.key():
                    best, current, improved = sched, trial, True
    return best


def replan_incremental(
    problem, previous, urgent_jobs=(), moved=None, frozen_until=None, keep_earlier=True
):
    """Re-plan only what must move after a rush order or a moved work order.

    ``previous``: op id -> (resource id, start) of the current plan. Work already started is
    pinned in ``problem`` (as for :func:`solve`). Also fixed here: ``moved`` (op id ->
    (resource id, start): a work order the planner moved by hand, locked there) and every
    operation of the current plan starting before ``frozen_until`` (the frozen horizon,
    e.g. the next hours; the urgent jobs' operations are not frozen). The others keep their
    resource and their order, the urgent jobs go first, and an operation moves only when it
    must (right shift; never earlier with ``keep_earlier``).

    Returns ``(schedule, changes)``; ``changes`` lists the operations that moved:
    ``{"op", "job", "resource_before", "start_before", "resource", "start", "shift"}``
    (``shift`` in minutes), the operations new to the plan included (``*_before`` None).
    """
    inst = Instance(problem)
    urgent = set(urgent_jobs)
    moved = moved or {}
    jobs = []
    for job in problem.jobs:
        ops = []
        for op in job.ops:
            pin = op.pinned
            target = None
            if not pin and op.id in moved:
                target = moved[op.id]
            elif (
                not pin
                and frozen_until is not None
                and job.id not in urgent
                and op.id in previous
                and previous[op.id][1] < frozen_until
            ):
                target = previous[op.id]
            if target is not None:
                res_id, start = target
                r = inst.res_index.get(res_id)
                i = inst.op_index[op.id]
                durations = [d for rr, d in inst.modes[i] if rr == r]
                if r is None or not durations:
                    raise SchedulerError(f"operation {op.id} cannot run on {res_id}")
                end = inst.calendars[r].add(start, durations[0])
                pin = Pin(res_id, inst.calendars[r].snap(start), end)
            ops.append(replace(op, pinned=pin) if pin is not op.pinned else op)
        jobs.append(replace(job, ops=ops))
    fixed_problem = replace(problem, jobs=jobs)
    sched = replan_with_insertion(
        fixed_problem,
        previous,
        urgent_jobs=urgent_jobs,
        method="incremental",
        keep_earlier=keep_earlier,
    )
    changes = []
    for job in problem.jobs:
        for op in job.ops:
            plan = sched.ops[op.id]
            before = previous.get(op.id)
            if before is not None and before == (plan.resource, plan.start):
                continue
            changes.append(
                {
                    "op": op.id,
                    "job": job.id,
                    "resource_before": before[0] if before else None,
                    "start_before": before[1] if before else None,
                    "resource": plan.resource,
                    "start": plan.start,
                    "shift": plan.start - before[1] if before else None,
                }
            )
    return sched, changes
