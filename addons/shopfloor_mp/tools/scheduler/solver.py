"""Entry points: :func:`solve` (full plan) and :func:`replan_with_insertion` (rush orders)."""

import time

from .control import SearchControl
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
        h_share = min(0.25 * time_limit, 0.1 * time_limit + free_ops / 1000.0)
    else:
        h_share = time_limit * 0.9
    best = best_heuristic(inst, deadline=t0 + h_share, seed=seed)
    control.improved(best, "heuristic")
    if use_cpsat and not control.should_end():
        remaining = deadline - time.monotonic()
        from .cpsat import solve_cpsat  # ortools is only needed here

        result = solve_cpsat(inst, remaining, hint=best, workers=workers, seed=seed, control=control)
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

        best = improve(
            inst, best, deadline, workers=min(workers, 2), seed=seed, control=control
        )
    best.seconds = time.monotonic() - t0
    control.report(best, "done", reason=control.reason or best.status)
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
