"""Entry points: :func:`solve` (full plan) and :func:`replan_with_insertion` (rush orders)."""

import time

from .heuristic import best_heuristic, list_schedule
from .instance import Instance

# Above this many operations CP-SAT is skipped by default and the heuristics use the time.
CPSAT_MAX_OPS = 1200


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
    previous resource and relative order; they are only pushed later where the urgent jobs
    take their place (right shift), or pulled earlier into freed gaps. Operations without a
    previous plan come after, in EDD order.
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
    sched.seconds = time.monotonic() - t0
    return sched
