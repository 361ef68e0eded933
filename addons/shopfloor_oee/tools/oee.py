"""OEE per ISO 22400-2: interval arithmetic and the KPIs of one shift.

Plain Python (no ORM): the Odoo models compute the same figures in SQL (multiranges) and the
tests compare both with hand-computed shifts.

Conventions
-----------
* Times are naive ``datetime`` objects in UTC (as Odoo stores them), intervals are half-open
  ``(start, end)`` tuples; an event with ``end=None`` is ongoing and ends at ``now``.
* Overlapping events of different states are resolved by priority (``PRIORITY``): at any
  instant the first state of the list that has an event wins (a worker's "down" beats the
  machine's "running"). Overlapping or duplicated events of one state count once.
* Planned production time = calendar work intervals (shifts, breaks, public holidays) inside
  the shift window, up to ``now`` for a running shift. Planned busy time = planned production
  time minus planned stops. Time in planned busy time without any event is "unknown".
* Availability = run time / planned busy time; performance = ideal cycle time x produced
  quantity / run time (above 1 is kept and flagged); quality = good / produced quantity;
  OEE = A x P x Q; TEEP = OEE x planned production time / calendar time (the shift window).
* A failure is one (merged) "down" interval overlapping planned busy time; MTBF = run time /
  failures, MTTR = down time / failures (0 without failure).
"""

import dataclasses
import datetime

STATES = ("running", "idle", "down", "setup", "planned_stop", "offline")
# Resolution order of overlapping states: the first one present wins.
PRIORITY = ("planned_stop", "down", "setup", "idle", "running", "offline")
SIX_BIG_LOSSES = (
    "breakdown",  # availability: equipment failure
    "setup",  # availability: setup and adjustments
    "small_stop",  # performance: idling and minor stops
    "speed",  # performance: reduced speed
    "startup_reject",  # quality: start-up rejects
    "production_reject",  # quality: production rejects
)
# Six Big Loss -> Odoo's mrp.workcenter.productivity.loss.type
SIX_BIG_LOSS_ODOO_TYPE = {
    "breakdown": "availability",
    "setup": "availability",
    "small_stop": "performance",
    "speed": "performance",
    "startup_reject": "quality",
    "production_reject": "quality",
}


# ---------------------------------------------------------------------------------------
# interval arithmetic
# ---------------------------------------------------------------------------------------
def normalize(intervals):
    """Sorted, merged (overlapping or touching) intervals without empty ones."""
    out = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def intersect(a, b):
    """Intersection of two interval lists."""
    a, b = normalize(a), normalize(b)
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def subtract(a, b):
    """``a`` minus ``b``."""
    out = []
    b = normalize(b)
    for start, end in normalize(a):
        cur = start
        for bs, be in b:
            if be <= cur or bs >= end:
                continue
            if bs > cur:
                out.append((cur, bs))
            cur = max(cur, be)
            if cur >= end:
                break
        if cur < end:
            out.append((cur, end))
    return out


def union(*lists):
    return normalize([i for lst in lists for i in lst])


def clip(intervals, start, end):
    """Intervals cut to the window [start, end)."""
    return intersect(intervals, [(start, end)])


def seconds(intervals):
    """Total length in seconds of (normalized) intervals."""
    return sum((end - start).total_seconds() for start, end in normalize(intervals))


def close_ongoing(start, end, now):
    """The end of an event: ``now`` when ongoing (``end`` is None)."""
    return now if end is None else end


# ---------------------------------------------------------------------------------------
# shift windows and planned time
# ---------------------------------------------------------------------------------------
def hours_to_time(hours):
    """9.5 -> 09:30; 24 -> 00:00 (the next day is handled by the caller)."""
    minutes = round(hours * 60) % (24 * 60)
    return datetime.time(minutes // 60, minutes % 60)


def shift_window(day, hour_from, hour_to, tz=None):
    """UTC window (naive) of the shift starting on local ``day``.

    ``hour_to <= hour_from`` means the shift crosses midnight (22 -> 6 ends the next day).
    ``tz`` is a ``datetime.tzinfo`` (e.g. ``zoneinfo.ZoneInfo('Asia/Shanghai')``); None = UTC.
    """
    start = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hour_from)
    length = hour_to - hour_from if hour_to > hour_from else hour_to + 24 - hour_from
    end = start + datetime.timedelta(hours=length)
    if tz is not None:
        start = start.replace(tzinfo=tz).astimezone(datetime.timezone.utc).replace(tzinfo=None)
        end = end.replace(tzinfo=tz).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return start, end


def planned_time(window_start, window_end, calendar=None, now=None):
    """Planned production intervals of a shift window: calendar work intervals inside it,
    up to ``now``. ``calendar=None`` means the whole window is planned."""
    end = min(window_end, now) if now is not None else window_end
    if end <= window_start:
        return []
    if calendar is None:
        return [(window_start, end)]
    return clip(calendar, window_start, end)


# ---------------------------------------------------------------------------------------
# events and counts
# ---------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Event:
    start: datetime.datetime
    end: datetime.datetime | None
    state: str
    reason: str | None = None
    uid: str | None = None


@dataclasses.dataclass(frozen=True)
class Count:
    ts: datetime.datetime
    good: float = 0.0
    reject: float = 0.0
    product: object = None
    uid: str | None = None


def dedupe(items):
    """Drop repeated items: same ``uid`` (idempotent delivery) or identical content."""
    seen, out = set(), []
    for item in items:
        key = ("uid", item.uid) if item.uid else ("content", item)
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out


def link_state_changes(changes, open_end=None):
    """Machine state *changes* (ts, state, reason) -> events: each lasts until the next change.

    The changes may arrive out of order and duplicated: they are sorted, and a change that
    repeats the current state and reason does not split the event.
    """
    changes = sorted(set(changes), key=lambda c: c[0])
    events = []
    for ts, state, reason in changes:
        if events and events[-1].state == state and events[-1].reason == reason:
            continue
        if events:
            events[-1] = dataclasses.replace(events[-1], end=ts)
        events.append(Event(ts, open_end, state, reason))
    return events


def state_timeline(events, window_start, window_end, planned, now):
    """Effective intervals per state inside the planned time of a window.

    Returns a dict: every state of STATES, plus ``planned`` (planned production time),
    ``busy`` (planned busy time = planned - planned stops) and ``unknown`` (busy time
    without any event).
    """
    raw = {state: [] for state in STATES}
    for ev in dedupe(events):
        end = close_ongoing(ev.start, ev.end, now)
        raw[ev.state].append((max(ev.start, window_start), min(end, window_end)))
    raw = {state: normalize(lst) for state, lst in raw.items()}
    planned = normalize(planned)
    out = {"planned": planned}
    out["planned_stop"] = intersect(raw["planned_stop"], planned)
    busy = subtract(planned, out["planned_stop"])
    out["busy"] = busy
    taken = []
    for state in PRIORITY[1:]:
        out[state] = subtract(intersect(raw[state], busy), taken)
        taken = union(taken, out[state])
    out["unknown"] = subtract(busy, taken)
    out["raw_down"] = raw["down"]
    return out


@dataclasses.dataclass
class ShiftKpi:
    calendar_s: float = 0.0
    planned_s: float = 0.0
    planned_stop_s: float = 0.0
    busy_s: float = 0.0
    run_s: float = 0.0
    idle_s: float = 0.0
    down_s: float = 0.0
    setup_s: float = 0.0
    offline_s: float = 0.0
    unknown_s: float = 0.0
    good: float = 0.0
    reject: float = 0.0
    ideal_s: float = 0.0
    failures: int = 0
    availability: float = 0.0
    performance: float = 0.0
    quality: float = 0.0
    oee: float = 0.0
    teep: float = 0.0
    mtbf_s: float = 0.0
    mttr_s: float = 0.0
    performance_warning: bool = False

    @property
    def produced(self):
        return self.good + self.reject


def ratios(kpi):
    """Fill the ratios of a ShiftKpi from its times and quantities (also used for sums)."""
    kpi.availability = kpi.run_s / kpi.busy_s if kpi.busy_s else 0.0
    kpi.performance = kpi.ideal_s / kpi.run_s if kpi.run_s else 0.0
    kpi.performance_warning = kpi.performance > 1.0 or bool(kpi.produced and not kpi.run_s)
    kpi.quality = kpi.good / kpi.produced if kpi.produced else 0.0
    kpi.oee = kpi.availability * kpi.performance * kpi.quality
    kpi.teep = kpi.oee * kpi.planned_s / kpi.calendar_s if kpi.calendar_s else 0.0
    kpi.mtbf_s = kpi.run_s / kpi.failures if kpi.failures else 0.0
    kpi.mttr_s = kpi.down_s / kpi.failures if kpi.failures else 0.0
    return kpi


def ideal_seconds(counts, ideal_cycle):
    """Sum of ideal cycle time x produced quantity. ``ideal_cycle`` is seconds per unit, or
    a dict product -> seconds (key None = default)."""
    total = 0.0
    for c in counts:
        if isinstance(ideal_cycle, dict):
            ict = ideal_cycle.get(c.product, ideal_cycle.get(None, 0.0))
        else:
            ict = ideal_cycle
        total += (ict or 0.0) * (c.good + c.reject)
    return total


def compute_shift(
    window_start, window_end, events, counts=(), ideal_cycle=0.0, calendar=None, now=None
):
    """KPIs of one shift window.

    :param events: Event list (any order, may overlap, repeat, be ongoing, cross the window)
    :param counts: Count list; a count belongs to the window of its timestamp, whenever it
        arrived (late counts are fine); counts after ``now`` are ignored
    :param ideal_cycle: seconds per unit, or dict product -> seconds (None key = default)
    :param calendar: work intervals of the resource calendar (None = the whole window)
    :param now: current time (ongoing events end there, planned time stops there)
    """
    now = now or window_end
    planned = planned_time(window_start, window_end, calendar, now)
    tl = state_timeline(events, window_start, window_end, planned, now)
    kpi = ShiftKpi()
    kpi.calendar_s = (window_end - window_start).total_seconds()
    kpi.planned_s = seconds(tl["planned"])
    kpi.planned_stop_s = seconds(tl["planned_stop"])
    kpi.busy_s = seconds(tl["busy"])
    kpi.run_s = seconds(tl["running"])
    kpi.idle_s = seconds(tl["idle"])
    kpi.down_s = seconds(tl["down"])
    kpi.setup_s = seconds(tl["setup"])
    kpi.offline_s = seconds(tl["offline"])
    kpi.unknown_s = seconds(tl["unknown"])
    mine = [c for c in dedupe(counts) if window_start <= c.ts < window_end and c.ts <= now]
    kpi.good = sum(c.good for c in mine)
    kpi.reject = sum(c.reject for c in mine)
    kpi.ideal_s = ideal_seconds(mine, ideal_cycle)
    kpi.failures = sum(1 for iv in tl["raw_down"] if intersect([iv], tl["busy"]))
    return ratios(kpi)


def combine(kpis):
    """KPIs of several shifts (a day, a week, a work center): sums of times and quantities,
    then the ratios of the sums (not the average of ratios)."""
    total = ShiftKpi()
    for k in kpis:
        for field in dataclasses.fields(ShiftKpi):
            if field.name.endswith("_s") and field.name not in ("mtbf_s", "mttr_s"):
                setattr(total, field.name, getattr(total, field.name) + getattr(k, field.name))
        total.good += k.good
        total.reject += k.reject
        total.failures += k.failures
    return ratios(total)


def reason_losses(events, window_start, window_end, planned, now):
    """Minutes lost per (state, reason) inside the window, after the priority resolution."""
    tl = state_timeline(events, window_start, window_end, planned, now)
    out = {}
    for ev in dedupe(events):
        if ev.state == "running":
            continue
        end = close_ongoing(ev.start, ev.end, now)
        mine = intersect([(max(ev.start, window_start), min(end, window_end))], tl[ev.state])
        key = (ev.state, ev.reason)
        out[key] = union(out.get(key, []), mine)
    return {key: seconds(lst) / 60.0 for key, lst in out.items() if lst}


def loss_pareto(losses):
    """Pareto of losses: ``losses`` is a dict (or pairs) reason -> minutes. Returns a list of
    (reason, minutes, share, cumulative share), largest first."""
    items = losses.items() if isinstance(losses, dict) else losses
    merged = {}
    for reason, minutes in items:
        merged[reason] = merged.get(reason, 0.0) + minutes
    total = sum(merged.values())
    out, cum = [], 0.0
    for reason, minutes in sorted(merged.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        if minutes <= 0:
            continue
        cum += minutes
        out.append((reason, minutes, minutes / total, cum / total))
    return out


def mtbf(run_seconds, failures):
    return run_seconds / failures if failures else 0.0


def mttr(down_seconds, failures):
    return down_seconds / failures if failures else 0.0
