"""Duration of an operation from its history: ``minutes = setup + qty x per_unit``.

Plain Python (no Odoo), used by the delivery promise (``shopfloor.planner``) and tested in
tests/test_duration_model.py.

Why a model and not "minutes per unit x qty": a done work order's duration contains its
setup (``time_start`` + ``time_stop`` of the work center) once, whatever the batch size.
Dividing by the quantity and averaging the ratios spreads the setup over the units of small
batches and counts it again for every unit of the promised quantity (a 1-piece and a
100-piece order that both took exactly their routing time gave 1,810 min for 100 pieces
where the routing says 820).

Estimation (``estimate``):

- **setup**: the routing's setup (the prior) unless the history has at least
  ``min_fit_samples`` samples whose quantities differ by at least a factor 2: then a
  weighted least-squares line ``t = a + b q`` with weights ``1/q`` (the spread of a duration
  grows with its quantity), ``a`` clamped to ``[0, min(t)]``.
- **per unit**: the quantity-weighted ratio ``sum(t - setup) / sum(q)`` of the samples kept
  (a big batch counts as much as its units), and a quantity-weighted percentile of the
  per-unit rates for the "promise" figure.
- **outliers** (a work order left running over a weekend): samples whose per-unit rate is
  further than ``outlier_k`` robust standard deviations (1.4826 x the weighted median
  absolute deviation) from the weighted median are dropped, and ``trim`` (a fraction)
  drops that share of the quantity from both ends. The median-based centre and spread are
  not moved by one absurd value.
- **prior**: the routing counts as ``prior_weight`` samples, so a thin history (one or two
  orders) is pulled toward the routing and a rich one speaks for itself.

The high ("promise") estimate is never below the expected one.
"""

import dataclasses
import math

MAD_TO_SIGMA = 1.4826


@dataclasses.dataclass(frozen=True)
class Sample:
    """One done work order: ``qty`` units made in ``minutes`` of real work."""

    qty: float
    minutes: float


@dataclasses.dataclass(frozen=True)
class Estimate:
    setup: float  # minutes once per order
    per_unit: float  # expected minutes per unit
    per_unit_high: float  # minutes per unit at the requested percentile (>= per_unit)
    samples: int  # samples given
    used: int  # samples kept after outlier rejection
    source: str  # "history" or "routing"

    def expected(self, qty):
        return self.setup + qty * self.per_unit

    def high(self, qty):
        return max(self.expected(qty), self.setup + qty * self.per_unit_high)


def weighted_quantile(values, weights, q):
    """Quantile ``q`` (0..1) of ``values`` with ``weights`` (linear interpolation on the
    cumulative weight at the middle of each value's weight). ``0.0`` when empty."""
    pairs = sorted((v, w) for v, w in zip(values, weights, strict=True) if w > 0)
    if not pairs:
        return 0.0
    if len(pairs) == 1:
        return pairs[0][0]
    total = sum(w for _v, w in pairs)
    points = []
    acc = 0.0
    for v, w in pairs:
        points.append(((acc + w / 2.0) / total, v))
        acc += w
    q = min(1.0, max(0.0, q))
    if q <= points[0][0]:
        return points[0][1]
    if q >= points[-1][0]:
        return points[-1][1]
    for (p0, v0), (p1, v1) in zip(points, points[1:], strict=False):
        if p0 <= q <= p1:
            return v0 if p1 == p0 else v0 + (v1 - v0) * (q - p0) / (p1 - p0)
    return points[-1][1]  # pragma: no cover


def weighted_median(values, weights):
    return weighted_quantile(values, weights, 0.5)


def fit_setup(samples):
    """Weighted least squares ``t = a + b q`` (weights ``1/q``); returns ``(a, b)`` or
    ``None`` when the quantities do not allow it."""
    pts = [(s.qty, s.minutes) for s in samples if s.qty > 0]
    if len(pts) < 2:
        return None
    w = [1.0 / q for q, _t in pts]
    sw = sum(w)
    mq = sum(wi * q for wi, (q, _t) in zip(w, pts, strict=True)) / sw
    mt = sum(wi * t for wi, (_q, t) in zip(w, pts, strict=True)) / sw
    sqq = sum(wi * (q - mq) ** 2 for wi, (q, _t) in zip(w, pts, strict=True))
    if sqq <= 1e-12:
        return None
    sqt = sum(wi * (q - mq) * (t - mt) for wi, (q, t) in zip(w, pts, strict=True))
    b = sqt / sqq
    return mt - b * mq, b


def reject_outliers(rates, weights, outlier_k=3.0, trim=0.0):
    """Indexes of the per-unit ``rates`` kept: within ``outlier_k`` robust standard
    deviations of the weighted median, then ``trim`` of the weight cut at both ends."""
    n = len(rates)
    keep = list(range(n))
    if n >= 3 and outlier_k and outlier_k > 0:
        med = weighted_median(rates, weights)
        mad = weighted_median([abs(r - med) for r in rates], weights)
        # a floor on the spread: identical samples must not reject a slightly different one
        sigma = max(MAD_TO_SIGMA * mad, 0.05 * abs(med), 1e-9)
        keep = [i for i in keep if abs(rates[i] - med) <= outlier_k * sigma]
    if trim and trim > 0 and len(keep) >= 3:
        trim = min(trim, 0.45)
        order = sorted(keep, key=lambda i: rates[i])
        total = sum(weights[i] for i in order)
        lo, hi = trim * total, (1.0 - trim) * total
        acc = 0.0
        trimmed = []
        for i in order:
            mid = acc + weights[i] / 2.0
            acc += weights[i]
            if lo <= mid <= hi:
                trimmed.append(i)
        keep = sorted(trimmed) or keep
    return keep


def _can_fit(samples, min_fit_samples):
    qtys = [s.qty for s in samples]
    return len(qtys) >= max(2, min_fit_samples) and max(qtys) >= 2 * min(qtys)


def estimate(
    samples,
    prior_setup,
    prior_per_unit,
    percentile=80.0,
    prior_weight=1.0,
    outlier_k=3.0,
    trim=0.0,
    min_fit_samples=3,
):
    """Estimate an operation's duration model from ``samples`` (list of :class:`Sample`),
    with the routing's ``prior_setup`` and ``prior_per_unit`` (minutes) as the prior."""
    prior_setup = max(0.0, prior_setup or 0.0)
    prior_per_unit = max(0.0, prior_per_unit or 0.0)
    samples = [s for s in samples if s.qty > 0 and s.minutes > 0]
    if not samples:
        return Estimate(prior_setup, prior_per_unit, prior_per_unit, 0, 0, "routing")
    # outliers: per-unit rates over the routing's setup, or over the setup fitted on all
    # samples (when the routing's setup is wrong, its rates vary with the batch size):
    # the one that keeps more samples
    weights = [s.qty for s in samples]
    candidates = [prior_setup]
    if _can_fit(samples, min_fit_samples):
        fit = fit_setup(samples)
        if fit is not None and fit[1] > 0:
            candidates.append(min(max(0.0, fit[0]), min(s.minutes for s in samples)))
    kept = None
    for candidate in candidates:
        rates = [max(0.0, s.minutes - candidate) / s.qty for s in samples]
        keep = [samples[i] for i in reject_outliers(rates, weights, outlier_k, trim)]
        if kept is None or len(keep) > len(kept):
            kept = keep
    setup = prior_setup
    if _can_fit(kept, min_fit_samples):
        fit = fit_setup(kept)
        if fit is not None and fit[1] > 0:
            setup_hist = min(max(0.0, fit[0]), min(s.minutes for s in kept))
            n = len(kept)
            setup = (n * setup_hist + prior_weight * prior_setup) / (n + prior_weight)
    rates = [max(0.0, s.minutes - setup) / s.qty for s in kept]
    weights = [s.qty for s in kept]
    total_q = sum(weights)
    per_unit_hist = sum(r * w for r, w in zip(rates, weights, strict=True)) / total_q
    high_hist = weighted_quantile(rates, weights, percentile / 100.0)
    n = len(kept)
    share = n / (n + max(0.0, prior_weight))
    per_unit = share * per_unit_hist + (1.0 - share) * prior_per_unit
    per_unit_high = share * high_hist + (1.0 - share) * max(prior_per_unit, per_unit)
    return Estimate(
        setup=setup,
        per_unit=per_unit,
        per_unit_high=max(per_unit, per_unit_high),
        samples=len(samples),
        used=n,
        source="history",
    )


def routing_minutes(setup, per_cycle, qty, capacity=1.0):
    """Odoo's routing formula: setup plus whole cycles of ``capacity`` units."""
    cycles = math.ceil(qty / (capacity or 1.0))
    return setup + cycles * per_cycle
