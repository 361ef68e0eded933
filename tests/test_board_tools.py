"""Board calculations (addons/shopfloor_board/tools/board.py) without a database."""

import datetime

from conftest import load_tool

board = load_tool("shopfloor_board", "board")
D = datetime.datetime


def test_tile_state():
    assert board.tile_state("running", False) == "running"
    assert board.tile_state("running", True) == "running"
    assert board.tile_state("down", True) == "down"
    assert board.tile_state("idle", True) == "paused"
    assert board.tile_state("setup", False) == "paused"
    assert board.tile_state("unknown", False) == "idle"
    assert board.tile_state(None, False) == "idle"


def test_spread_over_hours():
    day = D(2026, 3, 2)
    hours = board.hour_buckets(day, 8, 11)
    assert len(hours) == 4
    # 10 units from 08:30 to 10:30: 2.5, 5, 2.5
    out = board.spread_over_hours(10, D(2026, 3, 2, 8, 30), D(2026, 3, 2, 10, 30), hours)
    assert out == [2.5, 5.0, 2.5, 0.0]
    assert sum(out) == 10
    # part of it outside the buckets is not counted here
    out = board.spread_over_hours(10, D(2026, 3, 2, 7, 0), D(2026, 3, 2, 9, 0), hours)
    assert out == [5.0, 0.0, 0.0, 0.0]
    # no length: all in the bucket of its start
    out = board.spread_over_hours(4, D(2026, 3, 2, 9, 10), D(2026, 3, 2, 9, 10), hours)
    assert out == [0.0, 4, 0.0, 0.0]
    assert board.spread_over_hours(4, None, None, hours) == [0.0] * 4


def test_ratio_of_sums_not_mean():
    # 100 % on 100 min and 50 % on 300 min: 62.5 %, not 75 %
    assert board.ratio(100 + 150, 100 + 300) == 62.5
    assert board.ratio(5, 0) == 0.0
