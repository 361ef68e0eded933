"""Neighbourhoods of the large-neighbourhood search (:mod:`.lns`): the incumbent plan on
the solver axis, and the choice of the operations to relax (a time window, the sequences of
one or a few resources, whole orders around a moment, or scattered operations)."""


class _Plan:
    """The incumbent on the solver axis: resource, lane, start/end per operation."""

    def __init__(self, inst, axis, sched):
        n = len(inst.ops)
        self.sched = sched
        self.res = [0] * n
        self.lane = [0] * n
        self.sw = [0] * n
        self.ew = [0] * n
        self.mode = [None] * n
        for i, op in enumerate(inst.ops):
            p = sched.ops[op.id]
            r = inst.res_index[p.resource]
            self.res[i] = r
            self.lane[i] = p.lane
            self.sw[i] = axis.work(p.start)
            self.ew[i] = max(self.sw[i], axis.work(p.end))
            if not op.pinned:
                d = next((dd for rr, dd in inst.modes[i] if rr == r), inst.modes[i][0][1])
                self.mode[i] = (r, d)
        self.lanes = {}
        for i in range(n):
            self.lanes.setdefault((self.res[i], self.lane[i]), []).append(i)
        for seq in self.lanes.values():
            seq.sort(key=lambda i: (self.sw[i], self.ew[i], i))


def _select(inst, plan, free_sorted, kind, size, rng):
    """Indices of the operations to relax."""
    n_free = len(free_sorted)
    if size >= n_free:
        return set(free_sorted)
    sched = plan.sched
    if kind == "window":
        if rng.random() < 0.25:
            return set(free_sorted[-size:])
        p = rng.randrange(n_free - size + 1)
        return set(free_sorted[p : p + size])
    center = free_sorted[rng.randrange(n_free)]
    t = plan.sw[center]
    if kind == "machine":
        # whole sequences of one or two resources (the busiest more often), else a block
        by_res = {}
        for i in free_sorted:
            by_res.setdefault(plan.res[i], []).append(i)
        resources = sorted(by_res)
        load = [sum(plan.mode[i][1] for i in by_res[r]) + 1 for r in resources]
        hood = set()
        for _k in range(rng.choice((1, 2, 2, 3))):
            r = rng.choices(resources, weights=load)[0]
            ops = by_res[r]
            room = size - len(hood)
            if room <= 0:
                break
            if len(ops) > room:
                p = rng.randrange(len(ops) - room + 1)
                ops = ops[p : p + room]
            hood.update(ops)
        return hood
    if kind == "random":
        # scattered operations all over the plan: long-range exchanges on every resource
        return set(rng.sample(free_sorted, size))
    # order: whole jobs around t, late jobs (or the last to end) preferred
    pos = min(range(n_free), key=lambda k: abs(plan.sw[free_sorted[k]] - t)) if n_free else 0
    lo, hi = max(0, pos - size * 2), min(n_free, pos + size * 2)
    near = {inst.job_of[i] for i in free_sorted[lo:hi]}
    jobs = list(near)
    late = [j for j in jobs if sched.jobs[inst.jobs[j].id].tardiness > 0]
    rng.shuffle(jobs)
    if late and rng.random() < 0.6:
        rng.shuffle(late)
        jobs = late + [j for j in jobs if j not in set(late)]
    if rng.random() < 0.2:
        last = max(range(len(inst.jobs)), key=lambda j: _job_end(sched, inst, j))
        jobs.insert(0, last)
    hood = set()
    ops_of = _ops_by_job(inst)
    for j in jobs:
        ops = [i for i in ops_of[j] if not inst.ops[i].pinned]
        if hood and len(hood) + len(ops) > size:
            continue
        hood.update(ops)
        if len(hood) >= size:
            break
    return hood


def _job_end(sched, inst, j):
    jp = sched.jobs.get(inst.jobs[j].id)
    return jp.end if jp else 0


def _ops_by_job(inst):
    ops = getattr(inst, "_lns_ops_by_job", None)
    if ops is None:
        ops = [[] for _ in inst.jobs]
        for i in range(len(inst.ops)):
            ops[inst.job_of[i]].append(i)
        inst._lns_ops_by_job = ops
    return ops
