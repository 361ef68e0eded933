"""Input and output data of the scheduler (plain dataclasses, JSON-friendly).

Times are integer minutes from an arbitrary origin (the Odoo adapter uses "now" rounded to
the minute as 0). The JSON input format (see ``problem_from_dict``)::

    {
      "name": "ft06",
      "origin": 0,                       # nothing new starts before this instant
      "objective": "late_jobs",          # or "tardiness" (see OBJECTIVES)
      "resources": [{"id": "M0", "capacity": 1, "calendar": [[0, 480], [540, 1020]]}],
      "jobs": [{
        "id": "J0", "due": 600, "weight": 1, "release": 0,
        "ops": [{
          "id": "J0.0",
          "modes": [{"resource": "M2", "duration": 10}, {"resource": "M3", "duration": 12}],
          "preds": null,                  # null: the previous op of the job (routing order)
          "lag": null,                    # overlap: may start `lag` minutes after the
                                          # predecessors start (and ends after they end)
          "pinned": null                  # {"resource": "M2", "start": 5, "end": 20}
        }]
      }]
    }

``calendar`` missing or null means always available. ``capacity`` is the number of work
orders the resource runs in parallel. ``pinned`` fixes an op (started, or locked by a planner).

Objectives (lexicographic, ``weight`` is the job's priority):

- ``late_jobs`` (default): fewest late jobs (weighted), then the least weighted tardiness,
  then the shortest makespan, then the least work in progress. A factory usually prefers a
  few orders very late, negotiated once, to many orders each a little late.
- ``tardiness``: the least weighted tardiness, then makespan, then work in progress.
"""

from dataclasses import dataclass, field

OBJECTIVES = ("late_jobs", "tardiness")


@dataclass
class Resource:
    id: str
    capacity: int = 1
    calendar: list | None = None


@dataclass
class Mode:
    resource: str
    duration: int


@dataclass
class Pin:
    resource: str
    start: int
    end: int


@dataclass
class Operation:
    id: str
    modes: list
    preds: list | None = None
    lag: int | None = None
    pinned: Pin | None = None


@dataclass
class Job:
    id: str
    ops: list
    due: int | None = None
    weight: int = 1
    release: int = 0


@dataclass
class Problem:
    resources: list
    jobs: list
    origin: int = 0
    name: str = ""
    objective: str = "late_jobs"


@dataclass
class OpPlan:
    resource: str
    start: int
    end: int
    lane: int = 0
    pinned: bool = False


@dataclass
class JobPlan:
    start: int
    end: int
    due: int | None
    tardiness: int


@dataclass
class Schedule:
    ops: dict
    jobs: dict = field(default_factory=dict)
    weighted_tardiness: int = 0
    tardiness: int = 0
    late_jobs: int = 0
    weighted_late_jobs: int = 0
    makespan: int = 0
    wip: int = 0
    method: str = ""
    status: str = ""
    seconds: float = 0.0
    objective: str = "late_jobs"

    def key(self):
        """The lexicographic objective (smaller is better), see :data:`OBJECTIVES`."""
        if self.objective == "tardiness":
            return (self.weighted_tardiness, self.makespan, self.wip)
        return (self.weighted_late_jobs, self.weighted_tardiness, self.makespan, self.wip)

    def to_dict(self):
        return {
            "method": self.method,
            "status": self.status,
            "objective": self.objective,
            "seconds": round(self.seconds, 3),
            "weighted_tardiness": self.weighted_tardiness,
            "tardiness": self.tardiness,
            "late_jobs": self.late_jobs,
            "weighted_late_jobs": self.weighted_late_jobs,
            "makespan": self.makespan,
            "wip": self.wip,
            "ops": {
                k: {"resource": p.resource, "start": p.start, "end": p.end, "lane": p.lane}
                for k, p in self.ops.items()
            },
            "jobs": {
                k: {"start": p.start, "end": p.end, "due": p.due, "tardiness": p.tardiness}
                for k, p in self.jobs.items()
            },
        }


def problem_from_dict(data):
    """Build a :class:`Problem` from the JSON format documented above."""
    resources = [
        Resource(
            id=str(r["id"]),
            capacity=max(1, int(r.get("capacity") or 1)),
            calendar=[(int(s), int(e)) for s, e in r["calendar"]] if r.get("calendar") else None,
        )
        for r in data["resources"]
    ]
    jobs = []
    for j in data["jobs"]:
        ops = []
        for o in j["ops"]:
            pin = o.get("pinned")
            ops.append(
                Operation(
                    id=str(o["id"]),
                    modes=[Mode(str(m["resource"]), int(m["duration"])) for m in o["modes"]],
                    preds=[str(p) for p in o["preds"]] if o.get("preds") is not None else None,
                    lag=int(o["lag"]) if o.get("lag") is not None else None,
                    pinned=Pin(str(pin["resource"]), int(pin["start"]), int(pin["end"]))
                    if pin
                    else None,
                )
            )
        jobs.append(
            Job(
                id=str(j["id"]),
                ops=ops,
                due=int(j["due"]) if j.get("due") is not None else None,
                weight=max(1, int(j.get("weight") or 1)),
                release=int(j.get("release") or 0),
            )
        )
    return Problem(
        resources=resources,
        jobs=jobs,
        origin=int(data.get("origin") or 0),
        name=data.get("name", ""),
        objective=data.get("objective") or "late_jobs",
    )
