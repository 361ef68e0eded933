"""Pure wage maths of shopfloor_wage (addons/shopfloor_wage/tools/wages.py), no database."""

import datetime

import pytest
from conftest import load_tool

wages = load_tool("shopfloor_wage", "wages")

D = datetime.date
DT = datetime.datetime


def test_money_rounds_half_up():
    assert wages.money(2.675) == 2.68
    assert wages.money(0.125) == 0.13
    assert wages.money(-0.125) == -0.13
    assert wages.money(1.005) == 1.01


def test_allocate_keeps_total():
    assert wages.allocate(10.0, [1, 1, 1]) == [3.34, 3.33, 3.33]
    parts = wages.allocate(100.0, [2, 1])
    assert parts == [66.67, 33.33]
    assert sum(wages.allocate(7.77, [0.3, 0.3, 0.4])) == pytest.approx(7.77)
    assert wages.allocate(-1.0, [1, 1, 1]) == [-0.34, -0.33, -0.33]
    assert wages.allocate(5, []) == []
    assert wages.allocate(1.0, [0, 0]) == [0.5, 0.5]


def test_split_shares_time_and_equal():
    assert wages.split_shares({1: 30, 2: 90}) == {1: 0.25, 2: 0.75}
    assert wages.split_shares({1: 30, 2: 90}, "equal") == {1: 0.5, 2: 0.5}
    assert wages.split_shares({1: 0, 2: 0}) == {}
    assert wages.split_quantity(10, {1: 1 / 3, 2: 2 / 3}) == {1: 3.3333, 2: 6.6667}


RULES = [
    {"id": 1, "operation_id": None, "workcenter_id": 5, "rate_type": "hour", "rate": 20},
    {"id": 2, "operation_id": 7, "rate_type": "piece", "rate": 1.5},
    {"id": 3, "operation_id": 7, "product_id": 9, "rate_type": "piece", "rate": 2.0},
    {"id": 4, "operation_id": 7, "grade": "A", "rate_type": "piece", "rate": 1.8},
    {
        "id": 5,
        "operation_id": 7,
        "rate_type": "piece",
        "rate": 1.6,
        "date_from": D(2026, 2, 1),
    },
]


def test_select_rule_specificity_and_dates():
    def pick(op, prod, wc, grade, day):
        rule = wages.select_rule(RULES, op, prod, wc, grade, day)
        return rule and rule["id"]

    assert pick(7, 9, 5, None, D(2026, 1, 10)) == 3  # product beats grade/work center
    assert pick(7, 8, 5, "A", D(2026, 1, 10)) == 4  # grade
    assert pick(7, 8, 5, None, D(2026, 1, 10)) == 2
    assert pick(7, 8, 5, None, D(2026, 2, 10)) == 5  # the newer rate from February
    assert pick(3, 8, 5, None, D(2026, 1, 10)) == 1  # work-center default
    assert pick(3, 8, 6, None, D(2026, 1, 10)) is None
    closed = [dict(RULES[1], date_to=D(2026, 1, 31))]
    assert wages.select_rule(closed, 7, 8, 5, None, D(2026, 2, 1)) is None


def test_piece_amount_scrap_kinds():
    rule = {"rate": 1.5, "operator_scrap_rate": -0.5, "material_scrap_paid": True}
    assert wages.piece_amount(rule, 100, 4, 2) == 150 + 3 - 2
    unpaid = {"rate": 1.5, "operator_scrap_rate": 0.0, "material_scrap_paid": False}
    assert wages.piece_amount(unpaid, 100, 4, 2) == 150


def test_piece_amounts_pay_the_group_total_exactly():
    rule = {"rate": 2.0, "operator_scrap_rate": 0.0}
    qty = wages.split_quantity(15, wages.split_shares({1: 31, 2: 29, 3: 30}))
    parts = {e: (q, 0.0, 0.0) for e, q in qty.items()}
    # each share rounded on its own would pay 30.01 or 29.99; the group gets 30.00
    pay = wages.piece_amounts(rule, parts)
    assert sum(pay.values()) == pytest.approx(30.0)
    assert all(abs(pay[e] - 2.0 * q) < 0.01 for e, q in qty.items())
    for n in range(1, 40):
        q = wages.split_quantity(n, {1: 1 / 3, 2: 1 / 3, 3: 1 / 3})
        pay = wages.piece_amounts({"rate": 1.37}, {e: (v, 0, 0) for e, v in q.items()})
        assert round(sum(pay.values()), 2) == wages.money(n * 1.37)
    assert wages.piece_amounts(rule, {7: (3, 0, 0)}) == {7: 6.0}
    assert wages.piece_amounts(rule, {}) == {}
    penalty = {"rate": 1.0, "operator_scrap_rate": -2.0}
    assert wages.piece_amounts(penalty, {1: (1, 0, 0), 2: (0, 1, 0)}) == {1: 1.0, 2: -2.0}


def test_time_amount_overtime():
    rule = {"rate": 30.0, "overtime_multiplier": 1.5}
    assert wages.time_amount(rule, 120, 60) == 30 + 45
    assert wages.time_amount(rule, 60, 90) == 45  # overtime capped by the time worked
    assert wages.time_amount({"rate": 25.0}, 50) == 20.83


def test_attendance_overtime():
    day = DT(2026, 1, 5)
    att = wages.Attendance(
        [
            (day.replace(hour=8), day.replace(hour=12)),
            (day.replace(hour=13), day.replace(hour=17)),
            (day.replace(hour=11), day.replace(hour=12)),  # overlapping: merged
        ]
    )
    assert att.overtime_minutes(day.replace(hour=9), day.replace(hour=11)) == 0
    assert att.overtime_minutes(day.replace(hour=11), day.replace(hour=14)) == 60
    assert att.overtime_minutes(day.replace(hour=16), day.replace(hour=19)) == 120
    assert att.overtime_minutes(day.replace(hour=6), day.replace(hour=7)) == 60
    assert wages.Attendance([]).overtime_minutes(day, day.replace(hour=1)) == 60


def test_diff_lines():
    target = {"amount": 15.0, "qty_good": 10.0}
    assert wages.diff_lines(target, {}, None) == ("replace", target)
    assert wages.diff_lines(target, {}, dict(target)) == ("keep", None)
    # locked period paid 12.0 for 8 units: the open line carries the difference
    action, vals = wages.diff_lines(target, {"amount": 12.0, "qty_good": 8.0}, None)
    assert action == "replace"
    assert vals == pytest.approx({"amount": 3.0, "qty_good": 2.0})
    # nothing left to pay and no open line: keep
    assert wages.diff_lines(target, dict(target), None) == ("keep", None)
    # the open line must go away
    assert wages.diff_lines(target, dict(target), {"amount": 1.0}) == ("replace", None)
