"""Validated, indexed form of a :class:`~.model.Problem` shared by the solvers."""

from .calendar import Calendar
from .model import OBJECTIVES, JobPlan, OpPlan, Problem, Schedule


class SchedulerError(ValueError):
    """Invalid scheduling input (unknown resource, cyclic routing, ...)."""


class Instance:
    """Flat arrays over all operations of a problem.

    ``ops[i]`` is the i-th operation, ``job_of[i]`` its job index, ``preds[i]`` the indices of
    its predecessors, ``order`` a topological order of all operations.
    """

    def __init__(self, problem: Problem):
        if problem.objective not in OBJECTIVES:
            raise SchedulerError(
                f"unknown objective {problem.objective!r}, expected one of {', '.join(OBJECTIVES)}"
            )
        self.problem = problem
        self.objective = problem.objective
        self.origin = problem.origin
        self.res_index = {}
        self.calendars = []
        self.capacity = []
        for r in problem.resources:
            if r.id in self.res_index:
                raise SchedulerError(f"duplicate resource {r.id}")
            self.res_index[r.id] = len(self.calendars)
            self.calendars.append(Calendar(r.calendar))
            self.capacity.append(max(1, int(r.capacity)))
        self.ops = []
        self.job_of = []
        self.op_index = {}
        self.jobs = problem.jobs
        for j, job in enumerate(problem.jobs):
            for op in job.ops:
                if op.id in self.op_index:
                    raise SchedulerError(f"duplicate operation {op.id}")
                if not op.modes:
                    raise SchedulerError(f"operation {op.id} has no work center")
                for m in op.modes:
                    if m.resource not in self.res_index:
                        raise SchedulerError(f"operation {op.id}: unknown resource {m.resource}")
                if op.pinned and op.pinned.resource not in self.res_index:
                    raise SchedulerError(
                        f"operation {op.id}: unknown resource {op.pinned.resource}"
                    )
                self.op_index[op.id] = len(self.ops)
                self.ops.append(op)
                self.job_of.append(j)
        n = len(self.ops)
        self.modes = [
            [(self.res_index[m.resource], max(0, int(m.duration))) for m in op.modes]
            for op in self.ops
        ]
        self.preds = [[] for _ in range(n)]
        for job in problem.jobs:
            previous = None
            for op in job.ops:
                i = self.op_index[op.id]
                if op.preds is None:
                    self.preds[i] = [previous] if previous is not None else []
                else:
                    for p in op.preds:
                        if p not in self.op_index:
                            raise SchedulerError(f"operation {op.id}: unknown predecessor {p}")
                    self.preds[i] = [self.op_index[p] for p in op.preds]
                previous = i
        self.succs = [[] for _ in range(n)]
        for i, ps in enumerate(self.preds):
            for p in ps:
                self.succs[p].append(i)
        self.order = self._topological_order()
        self.min_dur = [min(d for _r, d in ms) for ms in self.modes]
        # tail[i]: working minutes from the start of op i to the end of its job (critical path)
        self.tail = [0] * n
        for i in reversed(self.order):
            self.tail[i] = self.min_dur[i] + max((self.tail[s] for s in self.succs[i]), default=0)
        self.job_work = [0] * len(problem.jobs)
        for i in range(n):
            self.job_work[self.job_of[i]] += self.min_dur[i]

    def _topological_order(self):
        n = len(self.ops)
        indeg = [len(p) for p in self.preds]
        stack = [i for i in reversed(range(n)) if indeg[i] == 0]
        order = []
        while stack:
            i = stack.pop()
            order.append(i)
            for s in reversed(self.succs[i]):
                indeg[s] -= 1
                if indeg[s] == 0:
                    stack.append(s)
        if len(order) != n:
            raise SchedulerError("the operations' precedences contain a cycle")
        return order

    def evaluate(self, start, end, res, lane, method="", status=""):
        """Build a :class:`Schedule` (with its objective values) from per-op arrays."""
        plans = {}
        for i, op in enumerate(self.ops):
            plans[op.id] = OpPlan(
                resource=self.problem.resources[res[i]].id,
                start=start[i],
                end=end[i],
                lane=lane[i],
                pinned=op.pinned is not None,
            )
        sched = Schedule(ops=plans, method=method, status=status, objective=self.objective)
        first = [None] * len(self.jobs)
        last = [None] * len(self.jobs)
        for i in range(len(self.ops)):
            j = self.job_of[i]
            if first[j] is None or start[i] < first[j]:
                first[j] = start[i]
            if last[j] is None or end[i] > last[j]:
                last[j] = end[i]
        makespan_end = self.origin
        for j, job in enumerate(self.jobs):
            if first[j] is None:
                continue
            tard = max(0, last[j] - job.due) if job.due is not None else 0
            sched.jobs[job.id] = JobPlan(start=first[j], end=last[j], due=job.due, tardiness=tard)
            sched.tardiness += tard
            sched.weighted_tardiness += tard * job.weight
            if tard > 0:
                sched.late_jobs += 1
                sched.weighted_late_jobs += job.weight
            sched.wip += last[j] - max(first[j], self.origin)
            makespan_end = max(makespan_end, last[j])
        sched.makespan = makespan_end - self.origin
        return sched
