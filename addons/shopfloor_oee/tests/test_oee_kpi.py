from odoo.tests import tagged

from .common import OeeCommon, t


@tagged("post_install", "-at_install")
class TestOeeKpi(OeeCommon):
    def test_shift_hand_computed(self):
        """SQL recompute = the hand-computed shift (boundaries, overlaps, duplicates)."""
        self._shift_a()
        kpi = self._kpi()
        self.assertEqual(len(kpi), 1)
        self.assertEqual((kpi.date_start, kpi.date_end), (t("06:00"), t("14:00")))
        self.assertAlmostEqual(kpi.calendar_time, 480)
        self.assertAlmostEqual(kpi.planned_time, 450)
        self.assertAlmostEqual(kpi.planned_stop_time, 30)
        self.assertAlmostEqual(kpi.busy_time, 420)
        self.assertAlmostEqual(kpi.run_time, 335)
        self.assertAlmostEqual(kpi.down_time, 55)
        self.assertAlmostEqual(kpi.setup_time, 30)
        self.assertAlmostEqual(kpi.unknown_time, 0)
        self.assertEqual((kpi.good_qty, kpi.reject_qty, kpi.produced_qty), (600, 20, 620))
        self.assertAlmostEqual(kpi.ideal_time, 310)
        self.assertAlmostEqual(kpi.availability, 100 * 335 / 420, places=4)
        self.assertAlmostEqual(kpi.performance, 100 * 310 / 335, places=4)
        self.assertAlmostEqual(kpi.quality, 100 * 600 / 620, places=4)
        self.assertAlmostEqual(kpi.oee, 100 * 5 / 7, places=4)
        self.assertAlmostEqual(kpi.teep, 100 * 5 / 7 * 450 / 480, places=4)
        self.assertEqual(kpi.failure_count, 2)
        self.assertAlmostEqual(kpi.mtbf, 167.5)
        self.assertAlmostEqual(kpi.mttr, 27.5)
        self.assertFalse(kpi.performance_warning)
        self.assertTrue(kpi.below_target)
        losses = {(line.reason_id, line.state): line.minutes for line in kpi.loss_ids}
        self.assertAlmostEqual(losses[(self.reason_jam, "down")], 55)
        self.assertAlmostEqual(losses[(self.reason_meeting, "planned_stop")], 30)
        self.assertAlmostEqual(losses[(self.reason_changeover, "setup")], 30)
        speed = self.env.ref("shopfloor_oee.loss_reason_speed")
        self.assertAlmostEqual(losses[(speed, "running")], 25)  # 335 run - 310 ideal
        reject = self.env.ref("shopfloor_oee.loss_reason_reject")
        self.assertAlmostEqual(losses[(reject, "running")], 10)  # 20 rejects x 30 s

    def test_loss_pareto_groups(self):
        """The Pareto groups loss lines by the shift row's fields and the reason's Six Big
        Loss (related fields, not copies), as the graph and pivot views do."""
        self._shift_a()
        kpi = self._kpi()
        Loss = self.env["shopfloor.oee.loss"]
        domain = [("workcenter_id", "=", kpi.workcenter_id.id), ("date", "=", kpi.date)]
        self.assertEqual(Loss.search(domain), kpi.loss_ids)
        groups = dict(Loss._read_group(domain, ["six_big_loss"], ["minutes:sum"]))
        self.assertAlmostEqual(groups["small_stop"], 55)  # JAM
        self.assertAlmostEqual(groups["setup"], 30)
        by_shift = Loss._read_group(domain, ["workcenter_id", "shift_id"], ["minutes:sum"])
        self.assertEqual(by_shift[0][:2], (kpi.workcenter_id, kpi.shift_id))
        self.assertAlmostEqual(by_shift[0][2], sum(kpi.loss_ids.mapped("minutes")))

    def test_ongoing_event_running_shift(self):
        """An ongoing event ends at now; planned time stops at now; P > 100 % is flagged."""
        self._event(t("05:00"), False, "running")
        self._count(t("08:00"), 640)
        kpi = self._kpi(now=t("10:00"))
        self.assertAlmostEqual(kpi.planned_time, 240)
        self.assertAlmostEqual(kpi.run_time, 240)
        self.assertAlmostEqual(kpi.availability, 100)
        self.assertAlmostEqual(kpi.performance, 100 * 640 * 30 / 60 / 240, places=4)
        self.assertTrue(kpi.performance_warning)

    def test_night_shift_and_late_count(self):
        """The night shift crosses midnight; a count arriving late lands in its shift."""
        self._event(t("21:00"), t("02:00", 1), "running")
        self._event(t("02:00", 1), t("03:00", 1), "down", self.reason_jam)
        self._event(t("03:00", 1), False, "running")
        self._count(t("23:00"), 100)
        kpi = self._kpi(self.shift_night, now=t("12:00", 1))
        self.assertEqual((kpi.date_start, kpi.date_end), (t("22:00"), t("06:00", 1)))
        # the calendar plans 06:00-10:00 only inside this window -> 0 planned minutes
        self.assertAlmostEqual(kpi.calendar_time, 480)
        self.assertAlmostEqual(kpi.planned_time, 0)
        self.assertEqual(kpi.good_qty, 100)
        # a 24 h production calendar (no calendar limits) on the same data
        self.wc.oee_calendar_id = self.env["resource.calendar"].create(
            {
                "name": "24/7",
                "tz": "UTC",
                "attendance_ids": [
                    (0, 0, {"name": f"d{d}", "dayofweek": str(d), "hour_from": 0, "hour_to": 24})
                    for d in range(7)
                ],
            }
        )
        kpi = self._kpi(self.shift_night, now=t("12:00", 1))
        self.assertAlmostEqual(kpi.planned_time, 480)
        self.assertAlmostEqual(kpi.run_time, 420)
        self.assertAlmostEqual(kpi.down_time, 60)
        self.assertEqual(kpi.failure_count, 1)
        self.env["shopfloor.oee.gateway"]._ingest(
            [{"id": "late-1", "workcenter": "OEE-PRESS", "ts": "2026-03-03T05:00:00Z", "good": 50}],
            now=t("12:00", 1),
        )
        self.assertEqual(kpi.good_qty, 150)

    def test_live_status_and_activity(self):
        self._shift_a()
        self._event(t("15:00"), False, "idle", self.reason_jam)
        live = self.wc._oee_live_status(now=t("13:00"))[0]
        self.assertEqual(live["state"], "running")
        self.assertGreater(live["oee"], 0)
        live = self.wc._oee_live_status(now=t("16:00"))[0]
        self.assertEqual((live["state"], live["reason_id"]), ("idle", self.reason_jam.id))
        data = self.env["mrp.workcenter"]._oee_live_json(self.wc)
        self.assertEqual(data[0]["code"], "OEE-PRESS")
        # below target -> an activity for the responsible, once
        self.wc.oee_responsible_id = self.leader
        kpi = self._kpi()
        kpi._notify_below_target(t("23:00"))
        kpi._notify_below_target(t("23:00"))
        self.assertEqual(len(kpi.activity_ids), 1)
        self.assertEqual(kpi.activity_ids.user_id, self.leader)

    def test_time_logs_feed_the_timeline(self):
        """Odoo's work-center time logs (and shop-floor pauses) become state events."""
        log = self.env["mrp.workcenter.productivity"].create(
            {
                "workcenter_id": self.wc.id,
                "loss_id": self.env.ref("mrp.block_reason0").id,
                "date_start": t("07:00"),
            }
        )
        event = self.env["shopfloor.oee.state.event"].search([("productivity_id", "=", log.id)])
        self.assertEqual(event.state, "down")
        self.assertEqual(event.reason_id, self.env.ref("shopfloor_oee.loss_reason_material"))
        log.date_end = t("07:30")
        self.assertEqual(event.date_end, t("07:30"))
        kpi = self._kpi()
        self.assertAlmostEqual(kpi.down_time, 30)

    def test_ideal_cycle_from_routing(self):
        product = self.env["product.product"].create({"name": "OEE part"})
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "operation_ids": [
                    (0, 0, {"name": "press", "workcenter_id": self.wc.id, "time_cycle_manual": 2.0})
                ],
            }
        )
        line = self.env["shopfloor.oee.ideal.cycle"].create(
            {"workcenter_id": self.wc.id, "product_id": product.id}
        )
        self.assertAlmostEqual(line.cycle_time, 120.0)
        line.cycle_time = 90.0  # overridable
        self._event(t("06:00"), t("14:00"), "running")
        self._count(t("07:00"), 10, product_id=product.id)
        self._count(t("08:00"), 10)  # no product: the work center's default 30 s
        kpi = self._kpi()
        self.assertAlmostEqual(kpi.ideal_time, (10 * 90 + 10 * 30) / 60)
