import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

D = datetime.datetime


def t(hhmm, day=0):
    """2026-03-02 (a Monday) at hh:mm UTC, plus ``day`` days."""
    h, m = map(int, hhmm.split(":"))
    return D(2026, 3, 2, h, m) + datetime.timedelta(days=day)


class OeeCommon(TransactionCase):
    """A work center with a calendar 06:00-10:00 and 10:30-14:00 every day (UTC), one day
    shift 06:00-14:00 and a night shift 22:00-06:00, 30 s ideal cycle time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        attendances = []
        for day in range(7):
            attendances += [
                Command.create(
                    {
                        "name": f"morning {day}",
                        "dayofweek": str(day),
                        "hour_from": 6.0,
                        "hour_to": 10.0,
                        "day_period": "morning",
                    }
                ),
                Command.create(
                    {
                        "name": f"afternoon {day}",
                        "dayofweek": str(day),
                        "hour_from": 10.5,
                        "hour_to": 14.0,
                        "day_period": "afternoon",
                    }
                ),
            ]
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "OEE test calendar",
                "tz": "UTC",
                "attendance_ids": [Command.clear()] + attendances,
            }
        )
        cls.team = cls.env["maintenance.team"].create({"name": "OEE test team"})
        cls.equipment = cls.env["maintenance.equipment"].create(
            {"name": "Press 1", "serial_no": "PRESS-1", "maintenance_team_id": cls.team.id}
        )
        cls.wc = cls.env["mrp.workcenter"].create(
            {
                "name": "OEE Press",
                "code": "OEE-PRESS",
                "oee_calendar_id": cls.calendar.id,
                "oee_ideal_cycle_time": 30.0,
                "oee_equipment_id": cls.equipment.id,
                "oee_target": 85.0,
                "oee_count_source": "machine",
            }
        )
        cls.shift_day = cls.env["shopfloor.oee.shift"].create(
            {
                "name": "Day",
                "hour_from": 6.0,
                "hour_to": 14.0,
                "workcenter_ids": [cls.wc.id],
                "is_default": False,
            }
        )
        cls.shift_night = cls.env["shopfloor.oee.shift"].create(
            {
                "name": "Night",
                "hour_from": 22.0,
                "hour_to": 6.0,
                "workcenter_ids": [cls.wc.id],
                "is_default": False,
            }
        )
        Reason = cls.env["shopfloor.oee.loss.reason"]
        cls.reason_mech = Reason._get_by_code("MECH")
        cls.reason_jam = Reason._get_by_code("JAM")
        cls.reason_meeting = Reason._get_by_code("MEETING")
        cls.reason_changeover = Reason._get_by_code("CHANGEOVER")
        cls.leader = new_test_user(
            cls.env,
            login="oee_leader",
            groups="shopfloor_mp.group_shopfloor_leader",
            name="OEE Leader",
        )

    def _event(self, start, end, state, reason=None, **kw):
        vals = {
            "workcenter_id": self.wc.id,
            "state": state,
            "reason_id": reason.id if reason else False,
            "date_start": start,
            "date_end": end,
        }
        vals.update(kw)
        return self.env["shopfloor.oee.state.event"].create(vals)

    def _count(self, date, good, reject=0.0, **kw):
        vals = {"workcenter_id": self.wc.id, "date": date, "qty_good": good, "qty_reject": reject}
        vals.update(kw)
        return self.env["shopfloor.oee.count"].create(vals)

    def _shift_a(self):
        """The hand-computed shift of tests/test_oee_math.py (test_shift_a_hand_computed)."""
        self._event(t("05:00"), t("08:00"), "running")
        self._event(t("08:00"), t("08:45"), "down", self.reason_jam)
        self._event(t("08:45"), t("12:00"), "running")
        self._event(t("08:45"), t("12:00"), "running")
        self._event(t("12:00"), t("12:30"), "planned_stop", self.reason_meeting)
        self._event(t("12:30"), t("13:00"), "setup", self.reason_changeover)
        self._event(t("13:00"), t("15:00"), "running")
        self._event(t("13:30"), t("13:40"), "down", self.reason_jam)
        self._count(t("09:00"), 300, 10)
        self._count(t("13:59"), 300, 10)
        self._count(t("14:05"), 99)

    def _kpi(self, shift=None, day=0, now=None):
        Kpi = self.env["shopfloor.oee.kpi"]
        rows = Kpi._recompute_range(
            self.wc, t("00:00", day), t("23:59", day), now=now or t("23:00", 1)
        )
        shift = shift or self.shift_day
        return rows.filtered(lambda k: k.shift_id == shift and k.date == t("06:00", day).date())
