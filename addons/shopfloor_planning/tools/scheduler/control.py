"""Early stop and progress reporting of a running search (plain Python, thread-safe enough:
the flags are read, never written, by the solver threads)."""

import logging
import time

_logger = logging.getLogger(__name__)


class SearchControl:
    """What a caller can tell a running :func:`~.solver.solve`, and hear from it.

    ``stop``: a callable returning True to stop now and keep the best plan so far (e.g. a
    ``threading.Event().is_set`` or a check of a database flag); it is polled about every
    0.1 s while CP-SAT runs and between LNS iterations.
    ``on_progress``: a callable receiving a dict (phase, seconds, objective values, method)
    at each improvement and at each phase change.
    ``stall_seconds``: stop when the best plan has not improved for that long (None: never).
    """

    def __init__(self, stop=None, on_progress=None, stall_seconds=None):
        self.stop = stop
        self.on_progress = on_progress
        self.stall_seconds = stall_seconds if stall_seconds and stall_seconds > 0 else None
        self.t0 = time.monotonic()
        self.last_improvement = self.t0
        self.reason = ""
        self.iterations = 0

    def stopped(self):
        if self.stop is None:
            return False
        try:
            stop = self.stop()
        except Exception:  # a failing check never breaks a plan: it just does not stop it
            _logger.exception("scheduler stop check failed")
            return False
        if stop:
            self.reason = self.reason or "stopped"
            return True
        return False

    def stalled(self):
        if self.stall_seconds is None:
            return False
        if time.monotonic() - self.last_improvement > self.stall_seconds:
            self.reason = self.reason or "stalled"
            return True
        return False

    def should_end(self):
        return self.stopped() or self.stalled()

    def improved(self, schedule=None, phase=""):
        self.last_improvement = time.monotonic()
        if schedule is not None:
            self.report(schedule, phase)

    def report(self, schedule, phase, **extra):
        if self.on_progress is None:
            return
        info = {
            "phase": phase,
            "seconds": round(time.monotonic() - self.t0, 2),
            "method": schedule.method,
            "late_jobs": schedule.late_jobs,
            "weighted_tardiness": schedule.weighted_tardiness,
            "tardiness": schedule.tardiness,
            "makespan": schedule.makespan,
            "iterations": self.iterations,
        }
        info.update(extra)
        try:
            self.on_progress(info)
        except Exception:  # a failing listener never breaks a plan
            _logger.exception("scheduler progress callback failed")
