"""Wage maths of the shop floor: plain Python, no ORM (unit-tested by tests/test_wages_math.py).

Vocabulary:

- a *rule* is a dict ``{"id", "operation_id", "product_id", "workcenter_id", "grade",
  "date_from", "date_to", "rate_type" ("piece"|"hour"), "rate", "operator_scrap_rate",
  "material_scrap_paid", "overtime_multiplier"}`` (ids may be ``None``/``False`` = any);
- amounts are rounded half-up to the cent with :func:`money`, splits keep the exact total
  with :func:`allocate` (largest remainder).
"""

import bisect
import math
from decimal import ROUND_HALF_UP, Decimal

SPLIT_MODES = ("time", "equal", "reporter")


def money(value, digits=2):
    """Round half-up (as payslips do), not banker's rounding.

    The tiny epsilon absorbs the binary representation error (2.675 is stored as
    2.67499999...); exact for amounts below a billion.
    """
    scale = 10**digits
    magnitude = math.floor(abs(value) * scale + 0.5 + 1e-7) / scale
    return magnitude if value >= 0 else -magnitude


def allocate(total, weights, digits=2):
    """Split ``total`` in proportion to ``weights`` so that the parts, rounded to
    ``digits``, add up to ``total`` exactly (largest remainder method).

    >>> allocate(10.0, [1, 1, 1])
    [3.34, 3.33, 3.33]
    """
    if not weights:
        return []
    if total < 0:
        return [-p for p in allocate(-total, weights, digits)]
    unit = 10**digits
    total_units = int(Decimal(repr(float(total))).scaleb(digits).quantize(0, ROUND_HALF_UP))
    weight_sum = float(sum(weights))
    if weight_sum <= 0:
        weights = [1.0] * len(weights)
        weight_sum = float(len(weights))
    exact = [total_units * w / weight_sum for w in weights]
    parts = [int(e // 1) for e in exact]
    remainder = total_units - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:remainder]:
        parts[i] += 1
    return [p / unit for p in parts]


def split_shares(minutes_by_employee, mode="time"):
    """Share (0..1) of each employee in the work of a shared work order.

    ``minutes_by_employee``: ``{employee: minutes worked}``. ``time``: by time share,
    ``equal``: the same for all who worked. Employees without time get nothing; when
    nobody has time, ``{}`` (the caller falls back to who reported).
    """
    workers = {e: m for e, m in minutes_by_employee.items() if m and m > 0}
    if not workers:
        return {}
    if mode == "equal":
        return {e: 1.0 / len(workers) for e in workers}
    total = sum(workers.values())
    return {e: m / total for e, m in workers.items()}


def split_quantity(qty, shares, digits=4):
    """Quantity of each employee, rounded, summing exactly to ``qty``."""
    if not qty:
        return dict.fromkeys(shares, 0.0)
    if len(shares) == 1:
        return dict.fromkeys(shares, float(qty))
    keys = sorted(shares)
    parts = allocate(qty, [shares[k] for k in keys], digits=digits)
    return dict(zip(keys, parts, strict=True))


def rule_matches(rule, operation_id, product_id, workcenter_id, grade, day):
    for field, value in (
        ("operation_id", operation_id),
        ("product_id", product_id),
        ("workcenter_id", workcenter_id),
        ("grade", grade),
    ):
        if rule.get(field) and rule[field] != value:
            return False
    if rule.get("date_from") and day < rule["date_from"]:
        return False
    if rule.get("date_to") and day > rule["date_to"]:
        return False
    return True


def rule_specificity(rule):
    """Operation beats product beats work center beats grade; then the latest start."""
    score = (
        8 * bool(rule.get("operation_id"))
        + 4 * bool(rule.get("product_id"))
        + 2 * bool(rule.get("workcenter_id"))
        + bool(rule.get("grade"))
    )
    return (score, str(rule.get("date_from") or ""), rule.get("id") or 0)


def select_rule(rules, operation_id, product_id, workcenter_id, grade, day):
    """The most specific rule valid on ``day`` for this operation, or None."""
    candidates = [
        r for r in rules if rule_matches(r, operation_id, product_id, workcenter_id, grade, day)
    ]
    if not candidates:
        return None
    return max(candidates, key=rule_specificity)


def piece_amount(rule, qty_good, qty_scrap_operator=0.0, qty_scrap_material=0.0):
    """Piecework pay: good units at the piece rate, material-caused scrap (料废) paid
    at the piece rate when the rule says so, operator-caused scrap (工废) at
    ``operator_scrap_rate`` per unit (0: unpaid, negative: a penalty)."""
    return money(_piece_value(rule, qty_good, qty_scrap_operator, qty_scrap_material))


def piece_amounts(rule, parts):
    """Piece pay of several employees paid by one rule on one work order and day.

    ``parts``: ``{employee: (qty_good, qty_scrap_operator, qty_scrap_material)}``.
    The group is paid what the rule pays for its total quantities, rounded once, and
    that total is split in proportion to each one's unrounded pay (largest remainder),
    so that rounding each share on its own never pays a cent more or less than the
    work done (three workers sharing 15 pieces at 2.00 are paid 30.00, not 29.99).
    A group with a penalty (negative pay) keeps each one's own rounded amount.
    """
    keys = sorted(parts)
    if len(keys) <= 1:
        return {k: piece_amount(rule, *parts[k]) for k in keys}
    raw = [_piece_value(rule, *parts[k]) for k in keys]
    if any(v < 0 for v in raw):
        return {k: piece_amount(rule, *parts[k]) for k in keys}
    totals = [sum(parts[k][i] for k in keys) for i in range(3)]
    shares = allocate(piece_amount(rule, *totals), raw)
    return dict(zip(keys, shares, strict=True))


def _piece_value(rule, qty_good, qty_scrap_operator=0.0, qty_scrap_material=0.0):
    rate = rule.get("rate") or 0.0
    amount = qty_good * rate
    if rule.get("material_scrap_paid", True):
        amount += qty_scrap_material * rate
    return amount + qty_scrap_operator * (rule.get("operator_scrap_rate") or 0.0)


def time_amount(rule, minutes, overtime_minutes=0.0):
    """Hourly pay: regular minutes at the rate, overtime minutes at rate x multiplier."""
    rate = rule.get("rate") or 0.0
    multiplier = rule.get("overtime_multiplier") or 1.0
    overtime = min(max(overtime_minutes, 0.0), minutes)
    regular = minutes - overtime
    return money(regular / 60.0 * rate + overtime / 60.0 * rate * multiplier)


def merge_intervals(intervals):
    """Sorted, non-overlapping ``(start, end)`` intervals (any comparable values)."""
    result = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


class Attendance:
    """Working-time intervals of a calendar, to measure overtime quickly.

    ``intervals``: ``(start, end)`` datetimes (or numbers); they are merged once, then
    :meth:`inside` answers in O(log n) per query.
    """

    def __init__(self, intervals):
        self.intervals = merge_intervals(intervals)
        self.starts = [i[0] for i in self.intervals]

    def inside(self, start, end):
        """Length of ``[start, end]`` covered by the attendance, in the unit of
        ``end - start`` (timedelta for datetimes)."""
        total = None
        idx = max(bisect.bisect_right(self.starts, start) - 1, 0)
        while idx < len(self.intervals):
            a_start, a_end = self.intervals[idx]
            if a_start >= end:
                break
            lo, hi = max(a_start, start), min(a_end, end)
            if hi > lo:
                total = (hi - lo) if total is None else total + (hi - lo)
            idx += 1
        return total if total is not None else (end - start) * 0

    def overtime_minutes(self, start, end):
        """Minutes of ``[start, end]`` (datetimes) outside the attendance."""
        if end <= start:
            return 0.0
        outside = (end - start) - self.inside(start, end)
        return outside.total_seconds() / 60.0


def diff_lines(target, existing_locked, existing_open, tolerance=0.005):
    """What to write for one line key.

    :param target: dict of the values the key should have now (``amount`` + quantities)
    :param existing_locked: dict of the sums already in locked periods (same keys)
    :param existing_open: dict of the current unlocked line (or None)
    :return: ``("keep", None)``, ``("replace", vals)`` (vals: the new open line, or
        None to just drop the open line) -- the locked sums are never touched: the
        difference goes to the new line, which the caller dates in the first open period.
    """
    fields_ = set(target) | set(existing_locked)
    wanted = {f: target.get(f, 0.0) - existing_locked.get(f, 0.0) for f in fields_}
    if all(abs(v) < tolerance for v in wanted.values()):
        wanted = None
    if existing_open is None and wanted is None:
        return "keep", None
    if existing_open is not None and wanted is not None:
        if all(abs(existing_open.get(f, 0.0) - wanted[f]) < tolerance for f in fields_):
            return "keep", None
    return "replace", wanted
