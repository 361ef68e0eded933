"""Quality rules as plain Python (no ORM): when a check falls due, whether a measure
passes, the first-pass and rolled throughput yields.

Imported by the models and unit-tested from the top-level ``tests/`` without Odoo.
"""

import math


def measure_passes(value, lower=None, upper=None):
    """Whether a measured ``value`` lies within ``[lower, upper]`` (a missing bound is
    open). Bounds are absolute limits, e.g. nominal 10.0, lower 9.95, upper 10.05.

    >>> measure_passes(10.02, 9.95, 10.05), measure_passes(10.06, 9.95, 10.05)
    (True, False)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    if lower is not None and value < lower - 1e-9:
        return False
    return not (upper is not None and value > upper + 1e-9)


def periodic_crossings(qty_before, qty_after, every):
    """How many multiples of ``every`` units were crossed going from ``qty_before`` to
    ``qty_after`` units processed (a periodic check falls due at each one).

    >>> periodic_crossings(0, 10, 5), periodic_crossings(4, 6, 5), periodic_crossings(6, 9, 5)
    (2, 1, 0)
    """
    if not every or every <= 0 or qty_after <= qty_before:
        return 0
    return int(math.floor(qty_after / every + 1e-9) - math.floor(qty_before / every + 1e-9))


def periodic_time_due(last_check_minutes_ago, every_minutes):
    """A time-based periodic check is due when the last one is ``every_minutes`` old
    (or there was none: ``last_check_minutes_ago`` is None)."""
    if not every_minutes or every_minutes <= 0:
        return False
    return last_check_minutes_ago is None or last_check_minutes_ago >= every_minutes


def first_pass_yield(qty_good, qty_input):
    """Good units over units processed, in [0, 1]; None when nothing was processed."""
    if not qty_input or qty_input <= 0:
        return None
    return max(0.0, min(1.0, qty_good / qty_input))


def rolled_throughput_yield(yields):
    """Product of the first-pass yields of the operations of a routing (None ignored).

    >>> round(rolled_throughput_yield([0.9, 0.95, None, 1.0]), 4)
    0.855
    """
    result = 1.0
    seen = False
    for value in yields:
        if value is None:
            continue
        seen = True
        result *= value
    return result if seen else None


def pareto(counts):
    """``[(key, qty)]`` sorted by quantity, with each key's share and cumulative share.

    >>> pareto({"a": 1, "b": 3})
    [('b', 3, 0.75, 0.75), ('a', 1, 0.25, 1.0)]
    """
    items = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    total = sum(qty for _key, qty in items) or 1
    result, cumulative = [], 0.0
    for key, qty in items:
        share = qty / total
        cumulative += share
        result.append((key, qty, round(share, 6), round(cumulative, 6)))
    return result
