"""Pure calculations of shopfloor_andon (addons/shopfloor_andon/tools/andon.py)."""

import datetime

import pytest
from conftest import load_tool

andon = load_tool("shopfloor_andon", "andon")
T0 = datetime.datetime(2026, 3, 2, 8, 0)


def at(minutes):
    return T0 + datetime.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("minutes", "level"),
    [(0, 0), (4.99, 0), (5, 1), (14, 1), (15, 2), (29.9, 2), (30, 3), (600, 3)],
)
def test_escalation_ladder(minutes, level):
    assert andon.escalation_level(T0, at(minutes), [5, 15, 30]) == level


def test_escalation_no_ladder_and_next():
    assert andon.escalation_level(T0, at(100), []) == 0
    assert andon.next_escalation_at(T0, 0, [5, 15, 30]) == at(5)
    assert andon.next_escalation_at(T0, 2, [5, 15, 30]) == at(30)
    assert andon.next_escalation_at(T0, 3, [5, 15, 30]) is None


def test_weighted_means_are_not_means_of_means():
    rows = [("A", 10, 60), ("A", 10, 60), ("A", 10, None), ("B", 50, 20), ("B", None, None)]
    res = andon.weighted_means(rows)
    assert res["A"] == {"count": 3, "acked": 3, "resolved": 2, "mtta": 10.0, "mttr": 60.0}
    assert res["B"]["mtta"] == 50.0 and res["B"]["acked"] == 1
    # overall: 80 minutes over 4 acknowledged = 20 (the mean of means would be 30)
    assert res[None]["mtta"] == 20.0
    assert res[None]["mttr"] == pytest.approx(140 / 3, abs=0.01)
    assert andon.weighted_means([]) == {}


def test_pareto():
    res = andon.pareto({"bearing": 2, "belt": 5, "sensor": 3})
    assert res == [
        ("belt", 5, 50.0, 50.0),
        ("sensor", 3, 30.0, 80.0),
        ("bearing", 2, 20.0, 100.0),
    ]
    assert andon.pareto({}) == []
