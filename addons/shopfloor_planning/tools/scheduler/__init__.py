"""Finite-capacity scheduler of shopfloor_planning: plain Python (no ORM), OR-Tools CP-SAT.

>>> from shopfloor_scheduler import problem_from_dict, solve   # imported by path in tests
>>> schedule = solve(problem_from_dict(data), time_limit=10)

See :mod:`.model` for the input format, :mod:`.solver` for the entry points.
"""

from .calendar import Calendar, merge_intervals
from .control import SearchControl
from .instance import Instance, SchedulerError
from .model import (
    OBJECTIVES,
    Job,
    JobPlan,
    Mode,
    Operation,
    OpPlan,
    Pin,
    Problem,
    Resource,
    Schedule,
    problem_from_dict,
)
from .solver import replan_incremental, replan_with_insertion, solve

__all__ = [
    "OBJECTIVES",
    "Calendar",
    "Instance",
    "Job",
    "JobPlan",
    "Mode",
    "OpPlan",
    "Operation",
    "Pin",
    "Problem",
    "Resource",
    "Schedule",
    "SchedulerError",
    "SearchControl",
    "merge_intervals",
    "problem_from_dict",
    "replan_incremental",
    "replan_with_insertion",
    "solve",
]
