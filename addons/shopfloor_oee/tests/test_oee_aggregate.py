from odoo.tests import tagged

from .common import OeeCommon, t


@tagged("post_install", "-at_install")
class TestOeeAggregate(OeeCommon):
    """OEE per Shift over several shifts: the ratios of the sums (ISO 22400), weighted by
    time, in every grouped read (pivot, graph, list totals), never averages of shifts."""

    def _row(self, shift, day, **vals):
        start = t("06:00", day)
        return self.env["shopfloor.oee.kpi"].create(
            {
                "workcenter_id": self.wc.id,
                "shift_id": shift.id,
                "date": start.date(),
                "date_start": start,
                "date_end": start,
                "company_id": self.wc.company_id.id or self.env.company.id,
                **vals,
            }
        )

    def test_two_shifts_of_different_lengths(self):
        # a long shift at 50 % availability, a short one at 100 %
        long_ = self._row(
            self.shift_day, 0,
            calendar_time=480, planned_time=450, busy_time=400, run_time=200,
            ideal_time=180, good_qty=90, reject_qty=10, produced_qty=100,
            down_time=100, failure_count=2,
            availability=50, performance=90, quality=90, oee=40.5,
        )  # fmt: skip
        short = self._row(
            self.shift_night, 0,
            calendar_time=120, planned_time=100, busy_time=100, run_time=100,
            ideal_time=100, good_qty=50, reject_qty=0, produced_qty=50,
            down_time=0, failure_count=0,
            availability=100, performance=100, quality=100, oee=100,
        )  # fmt: skip
        Kpi = self.env["shopfloor.oee.kpi"]
        domain = [("id", "in", (long_ | short).ids)]
        aggregates = ["availability:avg", "performance:avg", "quality:avg", "oee:avg",
                      "teep:avg", "mtbf:avg", "mttr:avg", "busy_time:sum"]  # fmt: skip
        [(wc, a, p, q, o, teep, mtbf, mttr, busy)] = Kpi._read_group(
            domain, ["workcenter_id"], aggregates
        )
        self.assertEqual(wc, self.wc)
        self.assertEqual(busy, 500)
        self.assertAlmostEqual(a, 100 * 300 / 500)  # not (50 + 100) / 2
        self.assertAlmostEqual(p, 100 * 280 / 300)
        self.assertAlmostEqual(q, 100 * 140 / 150)
        self.assertAlmostEqual(o, a * p * q / 10000)
        self.assertAlmostEqual(o, 100 * 280 / 500 * 140 / 150)
        self.assertAlmostEqual(teep, o * 550 / 600)
        self.assertAlmostEqual(mtbf, 300 / 2)
        self.assertAlmostEqual(mttr, 100 / 2)
        # the public read_group of the pivot and graph views, sum or avg alike
        [group] = Kpi.read_group(domain, ["oee:avg", "availability:sum"], ["workcenter_id"])
        self.assertAlmostEqual(group["oee"], o)
        self.assertAlmostEqual(group["availability"], a)
        # one shift alone: its own figures
        [(a_long,)] = Kpi._read_group([("id", "=", long_.id)], [], ["availability:avg"])
        self.assertAlmostEqual(a_long, 50)
        # no busy time at all: 0, not a division by zero
        empty = self._row(self.shift_day, 1)
        [(a_empty,)] = Kpi._read_group([("id", "=", empty.id)], [], ["availability:avg"])
        self.assertEqual(a_empty, 0)
        # max/min are still the extreme shifts
        [(a_max,)] = Kpi._read_group(domain, [], ["availability:max"])
        self.assertEqual(a_max, 100)
