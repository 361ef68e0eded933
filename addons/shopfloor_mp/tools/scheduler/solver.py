"""Entry points: :func:`solve` (full plan) and :func:`replan_with_insertion` (rush orders)."""

import time

from .heuristic import best_heuristic, list_schedule
from .instance import Instance

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


def solve(problem, time_limit=10.0, use_cpsat=None, workers=8, seed=0, cpsat_max_ops=CPSAT_MAX_OPS):
    """Plan ``problem`` within about ``time_limit`` seconds; returns a :class:`Schedule`.

    ``use_cpsat``: True/False to force, None to use CP-SAT up to ``cpsat_max_ops`` operations.
    The dispatching heuristics always run first (their best schedule is CP-SAT's hint and the
    fallback when CP-SAT finds nothing better in time).
    """
    t0 = time.monotonic()
    deadline = t0 + time_limit
    inst = Instance(problem)
    free_ops = sum(1 for op in inst.ops if not op.pinned)
    if use_cpsat is None:
        use_cpsat = 0 < free_ops <= cpsat_max_ops
    if free_ops == 0:
        use_cpsat = False
    # heuristics: a fixed small share of the budget when CP-SAT follows, else all of it
    h_deadline = t0 + (min(0.5, 0.05 * time_limit) if use_cpsat else time_limit * 0.9)
    best = best_heuristic(inst, deadline=h_deadline, seed=seed)
    if use_cpsat:
        remaining = deadline - time.monotonic()
        from .cpsat import solve_cpsat  # ortools is only needed here

        result = solve_cpsat(inst, remaining, hint=best, workers=workers, seed=seed)
        if result is not None:
            status, starts, modes = result
            sched = decode(inst, starts, modes, method="cpsat")
            sched.status = status
            if sched.key() <= best.key():
                best = sched
    best.seconds = time.monotonic() - t0
    return best


def replan_with_insertion(problem, previous, urgent_jobs=(), method="insertion"):
    """Minimal-disruption re-plan: urgent jobs first, then everyone in the previous order.

    ``previous`` maps op id -> (resource id, start) of the current plan. Operations keep their
    previous resource and are placed in their previous order of start; each is placed at the
    earliest free time on its resource, so it is pushed later where the urgent jobs take
    their place, or pulled earlier into a gap freed before it (an operation placed later in
    the order may then start before one placed earlier: the sequence on a resource can
    change). Operations without a previous plan come after, in EDD order. The urgent
    operations' alternatives are chosen by the problem's objective.
    """
    t0 = time.monotonic()
    inst = Instance(problem)
    urgent = set(urgent_jobs)
    keys = [None] * len(inst.ops)
    fixed = [None] * len(inst.ops)
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
            r = inst.res_index.get(res_id)
            if r is not None:
                for rr, d in inst.modes[i]:
                    if rr == r:
                        fixed[i] = (rr, d)
        else:
            keys[i] = (2, due, pos)
    sched = list_schedule(inst, keys, fixed_modes=fixed, method=method)
    sched = _choose_urgent_modes(inst, keys, fixed, sched, urgent, method)
    sched.seconds = time.monotonic() - t0
    return sched


def _choose_urgent_modes(inst, keys, fixed, best, urgent, method, max_trials=MAX_MODE_TRIALS):
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
                sched = list_schedule(inst, keys, fixed_modes=trial, method=method)
                if sched.key() < best.key():
                    best, current, improved = sched, trial, True
    return best
