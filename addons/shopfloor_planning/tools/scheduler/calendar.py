"""Working calendars in integer minutes.

A calendar is a sorted list of half-open working intervals ``[start, end)``. An operation of
``d`` working minutes that starts at ``t`` ends when ``d`` minutes of working time have
elapsed, spanning breaks, nights and holidays (the way Odoo plans a work order across the
time-off of its work-center calendar). ``None`` means "always available".

After the last interval the resource is considered always available: callers must pass a
horizon long enough for the plan (the Odoo adapter passes months of intervals).
"""

from bisect import bisect_left, bisect_right


def merge_intervals(intervals):
    """Sort and merge overlapping/adjacent ``(start, end)`` pairs, dropping empty ones."""
    result = []
    for start, end in sorted((int(s), int(e)) for s, e in intervals if e > s):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1][1] = end
        else:
            result.append([start, end])
    return [(s, e) for s, e in result]


class Calendar:
    """Working time of one resource, with O(log n) conversions."""

    __slots__ = ("cum", "cumend", "ends", "starts", "total")

    def __init__(self, intervals=None):
        if intervals is None:
            self.starts = None
            return
        merged = merge_intervals(intervals)
        if not merged:
            raise ValueError("a calendar needs at least one working interval")
        self.starts = [s for s, _e in merged]
        self.ends = [e for _s, e in merged]
        self.cum = []
        self.cumend = []
        total = 0
        for s, e in merged:
            self.cum.append(total)
            total += e - s
            self.cumend.append(total)
        self.total = total

    @property
    def continuous(self):
        return self.starts is None

    def intervals(self):
        if self.starts is None:
            return None
        return list(zip(self.starts, self.ends, strict=True))

    def snap(self, t):
        """Earliest working instant at or after ``t``."""
        if self.starts is None:
            return t
        i = bisect_right(self.ends, t)
        if i >= len(self.starts):
            return t
        return max(t, self.starts[i])

    def work(self, t):
        """Working minutes from the first interval start up to ``t``."""
        if self.starts is None:
            return t
        i = bisect_right(self.starts, t) - 1
        if i < 0:
            return 0
        if t < self.ends[i]:
            return self.cum[i] + t - self.starts[i]
        if i == len(self.starts) - 1:
            return self.total + t - self.ends[i]
        return self.cumend[i]

    def end_at(self, w):
        """Earliest instant at which ``w`` working minutes have elapsed (an end time)."""
        if self.starts is None:
            return w
        if w > self.total:
            return self.ends[-1] + w - self.total
        i = bisect_left(self.cumend, w)
        return self.starts[i] + w - self.cum[i]

    def start_at(self, w):
        """Working instant at which ``w`` working minutes have elapsed (a start time)."""
        if self.starts is None:
            return w
        i = bisect_right(self.cumend, w)
        if i >= len(self.starts):
            return self.ends[-1] + w - self.total
        return self.starts[i] + max(0, w - self.cum[i])

    def add(self, t, duration):
        """End of ``duration`` working minutes started at ``t`` (``t`` is snapped first)."""
        if self.starts is None:
            return t + duration
        t = self.snap(t)
        if duration <= 0:
            return t
        return self.end_at(self.work(t) + duration)

    def union(self, other):
        if self.starts is None or other.starts is None:
            return Calendar(None)
        return Calendar(self.intervals() + other.intervals())
