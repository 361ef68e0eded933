"""OEE maths (addons/shopfloor_oee/tools/oee.py) against hand-computed shifts."""

import datetime
import importlib.util
import pathlib
import zoneinfo

import pytest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "addons/shopfloor_oee/tools/oee.py"
_spec = importlib.util.spec_from_file_location("shopfloor_oee_tools_oee", _PATH)
oee = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(oee)

D = datetime.datetime
DAY = datetime.date(2026, 3, 2)


def t(hhmm, day=0):
    h, m = map(int, hhmm.split(":"))
    return D(2026, 3, 2, h, m) + datetime.timedelta(days=day)


def ev(start, end, state, reason=None, uid=None):
    return oee.Event(t(start), t(end) if end else None, state, reason, uid)


# Shift 06:00-14:00, calendar 06:00-10:00 and 10:30-14:00 (30 min break): 450 min planned.
CALENDAR = [(t("06:00"), t("10:00")), (t("10:30"), t("14:00"))]
EVENTS_A = [
    ev("05:00", "08:00", "running"),  # starts in the previous shift: 120 min here
    ev("08:00", "08:45", "down", "motor"),  # breakdown: 45 min
    ev("08:45", "12:00", "running"),  # 75 + 90 min around the break
    ev("08:45", "12:00", "running"),  # duplicated delivery: counts once
    ev("12:00", "12:30", "planned_stop", "meeting"),  # 30 min planned stop
    ev("12:30", "13:00", "setup", "changeover"),  # 30 min
    ev("13:00", "15:00", "running"),  # crosses the shift end: 60 min here
    ev("13:30", "13:40", "down", "jam"),  # worker's stop over the machine's running
]
COUNTS_A = [
    oee.Count(t("09:00"), good=300, reject=10, uid="c1"),
    oee.Count(t("09:00"), good=300, reject=10, uid="c1"),  # same id delivered twice
    oee.Count(t("13:59"), good=300, reject=10, uid="c2"),  # arrives late, still this shift
    oee.Count(t("14:05"), good=99, reject=0, uid="c3"),  # next shift
]


def test_interval_arithmetic():
    a = [(t("06:00"), t("08:00")), (t("07:00"), t("09:00")), (t("10:00"), t("10:00"))]
    assert oee.normalize(a) == [(t("06:00"), t("09:00"))]
    assert oee.intersect(a, [(t("08:30"), t("12:00"))]) == [(t("08:30"), t("09:00"))]
    assert oee.subtract([(t("06:00"), t("12:00"))], [(t("07:00"), t("08:00"))]) == [
        (t("06:00"), t("07:00")),
        (t("08:00"), t("12:00")),
    ]
    assert oee.clip([(t("05:00"), t("07:00"))], t("06:00"), t("14:00")) == [
        (t("06:00"), t("07:00"))
    ]
    assert oee.seconds([(t("06:00"), t("07:00")), (t("06:30"), t("07:30"))]) == 5400


def test_shift_a_hand_computed():
    k = oee.compute_shift(
        t("06:00"), t("14:00"), EVENTS_A, COUNTS_A, ideal_cycle=30.0, calendar=CALENDAR
    )
    assert k.calendar_s == 480 * 60
    assert k.planned_s == 450 * 60
    assert k.planned_stop_s == 30 * 60
    assert k.busy_s == 420 * 60
    assert k.down_s == 55 * 60
    assert k.setup_s == 30 * 60
    assert k.run_s == 335 * 60  # 120 + 75 + 90 + 30 + 20
    assert k.unknown_s == 0
    assert (k.good, k.reject) == (600, 20)
    assert k.ideal_s == 620 * 30
    assert k.availability == pytest.approx(335 / 420)
    assert k.performance == pytest.approx(310 / 335)
    assert k.quality == pytest.approx(600 / 620)
    assert k.oee == pytest.approx(5 / 7)  # 310/420 * 600/620
    assert k.teep == pytest.approx(5 / 7 * 450 / 480)
    assert not k.performance_warning
    assert k.failures == 2
    assert k.mtbf_s == pytest.approx(335 * 60 / 2)
    assert k.mttr_s == pytest.approx(55 * 60 / 2)


def test_shift_a_losses_and_pareto():
    planned = oee.planned_time(t("06:00"), t("14:00"), CALENDAR)
    losses = oee.reason_losses(EVENTS_A, t("06:00"), t("14:00"), planned, t("14:00"))
    assert losses == {
        ("down", "motor"): 45,
        ("down", "jam"): 10,
        ("planned_stop", "meeting"): 30,
        ("setup", "changeover"): 30,
    }
    pareto = oee.loss_pareto({"motor": 45, "jam": 10, "changeover": 30, "none": 0})
    assert [p[0] for p in pareto] == ["motor", "changeover", "jam"]
    assert pareto[0][2] == pytest.approx(45 / 85)
    assert pareto[-1][3] == pytest.approx(1.0)


def test_ongoing_event_and_running_shift():
    # now = 10:00: planned time stops at now, the ongoing event ends at now
    events = [ev("05:00", None, "running")]
    counts = [oee.Count(t("08:00"), good=480), oee.Count(t("11:00"), good=100)]  # future: no
    k = oee.compute_shift(t("06:00"), t("14:00"), events, counts, 30.0, now=t("10:00"))
    assert k.planned_s == 240 * 60
    assert k.run_s == 240 * 60
    assert k.availability == 1.0
    assert k.performance == pytest.approx(1.0)
    assert k.oee == pytest.approx(1.0)
    # faster than the ideal cycle time: kept above 100 % but flagged
    k = oee.compute_shift(t("06:00"), t("14:00"), events, counts, 40.0, now=t("10:00"))
    assert k.performance == pytest.approx(4 / 3)
    assert k.performance_warning


def test_overlapping_and_duplicated_events():
    events = [
        ev("06:00", "10:00", "running"),
        ev("08:00", "12:00", "running"),
        ev("08:00", "12:00", "running", uid="e1"),
        ev("08:00", "12:00", "running", uid="e1"),
        ev("11:00", "13:00", "idle"),  # idle beats running on 11-12
        ev("12:30", "13:30", "offline"),  # lowest priority: only 13:00-13:30 counts
    ]
    k = oee.compute_shift(t("06:00"), t("14:00"), events)
    assert k.run_s == 300 * 60  # 06-11
    assert k.idle_s == 120 * 60  # 11-13
    assert k.offline_s == 30 * 60
    assert k.unknown_s == 30 * 60  # 13:30-14:00 without data
    assert k.availability == pytest.approx(300 / 480)
    assert k.failures == 0 and k.mtbf_s == 0 and k.mttr_s == 0
    assert k.quality == 0 and k.oee == 0 and not k.performance_warning


def test_night_shift_crosses_midnight():
    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    start, end = oee.shift_window(DAY, 22.0, 6.0, tz)
    assert (start, end) == (D(2026, 3, 2, 14, 0), D(2026, 3, 2, 22, 0))
    start, end = oee.shift_window(DAY, 22.0, 6.0)
    assert (start, end) == (t("22:00"), t("06:00", day=1))
    events = [
        oee.Event(t("21:00"), t("02:00", day=1), "running"),
        oee.Event(t("02:00", day=1), t("03:00", day=1), "down", "motor"),
        oee.Event(t("03:00", day=1), None, "running"),
    ]
    counts = [oee.Count(t("23:00"), good=100), oee.Count(t("05:00", day=1), good=50, reject=10)]
    k = oee.compute_shift(start, end, events, counts, {None: 60.0}, now=t("12:00", day=1))
    assert k.run_s == 7 * 3600
    assert k.down_s == 3600
    assert k.availability == pytest.approx(7 / 8)
    assert k.performance == pytest.approx(160 * 60 / (7 * 3600))
    assert k.quality == pytest.approx(150 / 160)
    assert k.failures == 1 and k.mttr_s == 3600


def test_ideal_cycle_per_product_and_combine():
    counts = [oee.Count(t("07:00"), good=10, product="A"), oee.Count(t("08:00"), 5, 1, "B")]
    assert oee.ideal_seconds(counts, {"A": 60.0, None: 30.0}) == 10 * 60 + 6 * 30
    k1 = oee.compute_shift(t("06:00"), t("14:00"), [ev("06:00", "14:00", "running")])
    k2 = oee.compute_shift(t("14:00"), t("22:00"), [ev("14:00", "18:00", "running")])
    total = oee.combine([k1, k2])
    assert total.availability == pytest.approx(12 / 16)  # ratio of sums


def test_link_state_changes_out_of_order():
    changes = [
        (t("08:00"), "down", "motor"),
        (t("06:00"), "running", None),
        (t("08:45"), "running", None),
        (t("08:00"), "down", "motor"),  # duplicate
        (t("09:00"), "running", None),  # repeats the state: no split
    ]
    assert oee.link_state_changes(changes) == [
        oee.Event(t("06:00"), t("08:00"), "running"),
        oee.Event(t("08:00"), t("08:45"), "down", "motor"),
        oee.Event(t("08:45"), None, "running"),
    ]
