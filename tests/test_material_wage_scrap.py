"""A spoiled piece reported through workorder/report and material/scrap counts once in the
wage quantities (addons/shopfloor_material/tools/wage_scrap.py)."""

from conftest import load_tool

ws = load_tool("shopfloor_material", "wage_scrap")


def test_same_piece_both_ways_counts_once():
    assert ws.merge(1, 0, 1, 0) == (1, 0)
    assert ws.merge(0, 1, 0, 1) == (0, 1)


def test_ledger_adds_what_reports_do_not_show():
    assert ws.merge(0, 0, 0, 2) == (0, 2)
    assert ws.merge(0, 0, 1.5, 0) == (1.5, 0)
    assert ws.merge(1, 0, 1, 1) == (1, 1)
    assert ws.merge(2, 1, 0, 0) == (2, 1)


def test_disagreeing_cause_operator_stands():
    # the report says operator, the ledger material: one piece, operator-caused
    assert ws.merge(1, 0, 0, 1) == (1, 0)
    assert ws.merge(0, 1, 1, 0) == (1, 0)
    assert ws.merge(0, 1, 2, 0) == (2, 0)


def test_never_more_than_the_larger_side():
    for case in [(3, 2, 1, 5), (0, 4, 3, 0), (2, 2, 2, 2)]:
        op, mat = ws.merge(*case)
        assert op + mat == max(case[0] + case[1], case[2] + case[3])
        assert op >= 0 and mat >= 0
