"""Pure calculations of the boards (no Odoo import: unit-tested by tests/test_board_tools.py)."""

import datetime

TILE_STATES = ("running", "paused", "down", "idle")


def tile_state(machine_state, has_workorder_in_progress):
    """The colour of a work-center tile from the machine state of the OEE timeline and
    whether a work order is in progress there.

    running: the machine (or a worker's time log) runs; down: breakdown; paused: a work
    order is in progress but the machine does not run (setup, pause, planned stop);
    idle: nothing to do or no data."""
    if machine_state == "running":
        return "running"
    if machine_state == "down":
        return "down"
    if has_workorder_in_progress or machine_state in ("setup", "planned_stop"):
        return "paused"
    return "idle"


def spread_over_hours(qty, start, end, hours):
    """Spread ``qty`` planned evenly over ``[start, end)`` on the hour buckets ``hours``
    (list of ``(hour_start, hour_end)``, naive datetimes of the same clock as start/end).

    Returns the list of quantities per bucket. A work order without length puts its
    whole quantity in the bucket of its start."""
    out = [0.0] * len(hours)
    if not qty or not start or not end:
        return out
    length = (end - start).total_seconds()
    if length <= 0:
        for i, (h0, h1) in enumerate(hours):
            if h0 <= start < h1:
                out[i] = qty
        return out
    for i, (h0, h1) in enumerate(hours):
        overlap = (min(end, h1) - max(start, h0)).total_seconds()
        if overlap > 0:
            out[i] = qty * overlap / length
    return out


def hour_buckets(day_start, first_hour, last_hour):
    """``[(start, end)]`` of each hour from ``first_hour`` to ``last_hour`` included."""
    return [
        (
            day_start + datetime.timedelta(hours=h),
            day_start + datetime.timedelta(hours=h + 1),
        )
        for h in range(first_hour, last_hour + 1)
    ]


def ratio(numerator, denominator, factor=100.0):
    """A ratio of sums (never an average of ratios); 0 without a denominator."""
    return factor * numerator / denominator if denominator else 0.0
