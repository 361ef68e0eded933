"""Duration model of the delivery promise (addons/shopfloor_planning/tools/duration_model.py)."""

import random

import pytest
from conftest import load_tool

dm = load_tool("shopfloor_planning", "duration_model")
S = dm.Sample


def routing(q, setup=20.0, per_unit=8.0):
    return setup + q * per_unit


def test_no_history_is_the_routing():
    est = dm.estimate([], 20, 8)
    assert est.source == "routing"
    assert est.expected(100) == 820
    assert est.high(100) == 820


def test_mixed_batches_at_routing_time_give_the_routing():
    """The issue's case: a 1-piece and a 100-piece order, both at routing time.
    The old "mean of minutes per unit x qty" gave (28 + 8.2) / 2 x 100 = 1,810 min."""
    samples = [S(1, routing(1)), S(100, routing(100))]
    old = sum(s.minutes / s.qty for s in samples) / len(samples) * 100
    assert old == pytest.approx(1810)
    est = dm.estimate(samples, 20, 8)
    assert est.source == "history"
    assert est.expected(100) == pytest.approx(820)
    assert est.high(100) == pytest.approx(820)
    assert est.expected(1) == pytest.approx(28)


def test_setup_is_fitted_when_quantities_differ():
    # real setup 50 min, 5 min/unit, routing says setup 10 and 5 min/unit
    samples = [S(q, 50 + 5 * q) for q in (5, 10, 20, 40, 80)]
    est = dm.estimate(samples, 10, 5, prior_weight=0)
    assert est.setup == pytest.approx(50, abs=0.01)
    assert est.per_unit == pytest.approx(5, abs=0.01)
    # with the routing as a prior of weight 1 the setup moves most of the way
    est = dm.estimate(samples, 10, 5, prior_weight=1)
    assert 40 < est.setup < 50


def test_setup_not_fitted_from_one_batch_size():
    samples = [S(10, 150), S(10, 150), S(10, 150)]
    est = dm.estimate(samples, 20, 8, prior_weight=0)
    assert est.setup == 20
    assert est.per_unit == pytest.approx(13)


def test_quantity_weighting():
    # 1 piece at 100 min/unit (above setup) and 99 pieces at 10: a 100-piece order is
    # expected near 10/unit, not the (100 + 10) / 2 = 55 of an unweighted mean
    samples = [S(1, 100), S(99, 990)]
    est = dm.estimate(samples, 0, 10, prior_weight=0, outlier_k=0)
    assert est.per_unit == pytest.approx(1090 / 100)


def test_thin_history_is_pulled_toward_the_routing():
    est = dm.estimate([S(10, 20 + 10 * 16)], 20, 8, prior_weight=1)
    assert est.per_unit == pytest.approx(12)  # halfway between 16 and 8
    est = dm.estimate([S(10, 20 + 10 * 16)] * 9, 20, 8, prior_weight=1)
    assert est.per_unit == pytest.approx(15.2)  # 9 samples against 1


def test_weekend_outlier_is_rejected():
    """Five orders of 10 at about 6 min/unit and one left running over a weekend."""
    samples = [S(10, 58), S(10, 60), S(10, 62), S(10, 61), S(10, 59), S(10, 3000)]
    old_mean = sum(s.minutes / s.qty for s in samples) / len(samples) * 10
    assert old_mean > 500
    est = dm.estimate(samples, 0, 6, prior_weight=0)
    assert est.used == 5
    assert est.expected(10) == pytest.approx(60, abs=1)
    assert est.high(10) >= est.expected(10)
    assert est.high(10) < 63


def test_outlier_rejection_can_be_switched_off_and_promise_never_earlier():
    samples = [S(10, 60)] * 5 + [S(10, 3000)]
    est = dm.estimate(samples, 0, 6, prior_weight=0, outlier_k=0)
    assert est.used == 6
    assert est.expected(10) == pytest.approx(550)
    assert est.high(10) >= est.expected(10)
    # a percentile below the mean (the outlier far above): the promise is the mean then
    est = dm.estimate(samples, 0, 6, percentile=50, prior_weight=0, outlier_k=0)
    assert est.high(10) == pytest.approx(est.expected(10))


def test_trimming():
    samples = [S(10, 10 * r) for r in (1, 5, 5, 5, 5, 5, 5, 5, 5, 9)]
    est = dm.estimate(samples, 0, 5, prior_weight=0, outlier_k=0, trim=0.1)
    assert est.used == 8
    assert est.per_unit == pytest.approx(5)


def test_identical_history_keeps_a_slightly_different_sample():
    samples = [S(10, 60)] * 5 + [S(10, 62)]
    est = dm.estimate(samples, 0, 6, prior_weight=0)
    assert est.used == 6


def test_weighted_quantile():
    assert dm.weighted_quantile([], [], 0.5) == 0.0
    assert dm.weighted_quantile([3], [1], 0.9) == 3
    assert dm.weighted_quantile([1, 2, 3], [1, 1, 1], 0.5) == 2
    assert dm.weighted_quantile([1, 3], [1, 1], 0.5) == 2
    assert dm.weighted_quantile([1, 10], [99, 1], 0.4) == 1
    assert dm.weighted_median([5, 1, 3], [1, 1, 1]) == 3


def test_bad_samples_ignored_and_negative_priors():
    est = dm.estimate([S(0, 10), S(5, 0), S(-1, 5)], -3, -1)
    assert est.source == "routing"
    assert est.setup == 0 and est.per_unit == 0


def test_routing_minutes():
    assert dm.routing_minutes(20, 8, 100) == 820
    assert dm.routing_minutes(20, 8, 5, capacity=4) == 36


@pytest.mark.parametrize("seed", range(30))
def test_properties_random_histories(seed):
    """Whatever the history: non-negative, high >= expected, monotone in quantity, and
    a history at exactly the routing time gives the routing."""
    rnd = random.Random(seed)
    setup, per_unit = rnd.uniform(0, 60), rnd.uniform(0.5, 20)
    samples = [
        S(q, setup + q * per_unit * rnd.uniform(0.7, 1.6))
        for q in (rnd.randint(1, 300) for _ in range(rnd.randint(1, 12)))
    ]
    if rnd.random() < 0.5:
        samples.append(S(10, 5000))
    est = dm.estimate(samples, setup, per_unit, percentile=rnd.uniform(50, 95))
    assert est.setup >= 0 and est.per_unit >= 0
    for q in (1, 10, 100):
        assert est.high(q) >= est.expected(q) - 1e-9
        assert est.expected(q * 2) >= est.expected(q)
    exact = [S(s.qty, setup + s.qty * per_unit) for s in samples]
    est = dm.estimate(exact, setup, per_unit)
    assert est.expected(100) == pytest.approx(setup + 100 * per_unit, rel=1e-6)
