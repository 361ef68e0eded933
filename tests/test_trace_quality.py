"""Pure quality rules of shopfloor_trace (no database)."""

import pytest
from conftest import load_tool

quality = load_tool("shopfloor_trace", "quality")


@pytest.mark.parametrize(
    ("value", "lower", "upper", "expected"),
    [
        (10.0, 9.95, 10.05, True),
        (9.95, 9.95, 10.05, True),
        (10.05, 9.95, 10.05, True),
        (10.0501, 9.95, 10.05, False),
        (9.9, 9.95, 10.05, False),
        (5.0, None, 10.0, True),
        (11.0, None, 10.0, False),
        (5.0, 6.0, None, False),
        (None, 1.0, 2.0, False),
        (float("nan"), 1.0, 2.0, False),
    ],
)
def test_measure_passes(value, lower, upper, expected):
    assert quality.measure_passes(value, lower, upper) is expected


@pytest.mark.parametrize(
    ("before", "after", "every", "expected"),
    [
        (0, 10, 5, 2),
        (4, 6, 5, 1),
        (6, 9, 5, 0),
        (0, 0.5, 1, 0),
        (0, 3, 1, 3),
        (3, 2, 1, 0),
        (0, 100, 0, 0),
        (0, 100, None, 0),
    ],
)
def test_periodic_crossings(before, after, every, expected):
    assert quality.periodic_crossings(before, after, every) == expected


def test_periodic_time_due():
    assert quality.periodic_time_due(None, 30)
    assert quality.periodic_time_due(30, 30)
    assert not quality.periodic_time_due(29.9, 30)
    assert not quality.periodic_time_due(None, 0)


def test_yields():
    assert quality.first_pass_yield(9, 10) == 0.9
    assert quality.first_pass_yield(0, 0) is None
    assert quality.first_pass_yield(12, 10) == 1.0
    assert quality.rolled_throughput_yield([0.9, 0.95, None, 1.0]) == pytest.approx(0.855)
    assert quality.rolled_throughput_yield([None]) is None


def test_pareto():
    rows = quality.pareto({"scratch": 2, "porosity": 6, "dimension": 2})
    assert [r[0] for r in rows] == ["porosity", "dimension", "scratch"]
    assert rows[-1][3] == pytest.approx(1.0)
    assert quality.pareto({}) == []
