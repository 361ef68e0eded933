from odoo.tests import tagged

from .common import AndonCommon, t


@tagged("post_install", "-at_install")
class TestAndonOee(AndonCommon):
    """An equipment exception puts the work center down in OEE terms (a down state with
    its breakdown reason), opens a maintenance request, and closing the request resolves
    the exception; reports weight their means by exceptions; repeats are flagged."""

    def test_breakdown_counts_in_oee(self):
        self._event(t("06:00"), t("14:00"), "running")
        exc = self.raise_(t("08:00"), note="press jammed")
        event = exc.oee_event_id
        self.assertEqual((event.state, event.reason_id), ("down", self.reason_mech))
        self.assertEqual(event.date_start, t("08:00"))
        self.assertFalse(event.date_end)
        live = self.wc._oee_live_json(self.wc)[0]
        self.assertEqual(live["state"], "down")
        request = exc.maintenance_request_id
        self.assertEqual(request, event.maintenance_request_id)
        self.assertEqual(request.equipment_id, self.equipment)
        exc._sf_transition("ack", employee=self.responder, now=t("08:05"))
        exc._sf_transition("resolve", employee=self.responder, now=t("08:30"))
        self.assertEqual(event.date_end, t("08:30"))
        kpi = self._kpi()
        self.assertAlmostEqual(kpi.down_time, 30)
        self.assertEqual(kpi.failure_count, 1)
        self.assertLess(kpi.availability, 100)
        non_equipment = self.raise_(t("09:00"), atype=self.type_material)
        self.assertFalse(non_equipment.oee_event_id, "a shortage does not stop the machine")

    def test_closing_the_request_resolves(self):
        exc = self.raise_(t("08:00"))
        done = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        exc.maintenance_request_id.stage_id = done
        self.assertEqual(exc.state, "resolved")
        self.assertTrue(exc.acknowledged_at)
        self.assertFalse(exc.oee_event_id.ongoing)
        self.assertEqual(exc.log_ids.mapped("action"), ["raise", "ack", "resolve"])

    def test_report_weighted_pareto_repeat(self):
        wc2 = self.env["mrp.workcenter"].create({"name": "AN Lathe"})
        bearing = self.env.ref("shopfloor_andon.cause_bearing")
        belt = self.env.ref("shopfloor_andon.cause_electrical")
        # three quick ones on the press (ack 2 min), one slow one on the lathe (ack 50)
        for day in range(3):
            exc = self.raise_(t("08:00", day))
            exc._sf_transition("ack", employee=self.responder, now=t("08:02", day))
            exc._sf_transition("resolve", employee=self.responder, now=t("08:12", day),
                               cause_id=bearing.id)  # fmt: skip
        slow = self.raise_(t("09:00"), workcenter_id=wc2.id)
        slow._sf_transition("ack", employee=self.responder, now=t("09:50"))
        slow._sf_transition("resolve", employee=self.responder, now=t("10:10"),
                            cause_id=belt.id)  # fmt: skip
        unanswered = self.raise_(t("11:00"), workcenter_id=wc2.id, atype=self.type_material)
        report = self.env["shopfloor.andon.report"]._get_report(
            t("00:00"), t("00:00", 5), group_by="workcenter"
        )
        # (2 + 2 + 2 + 50) / 4 acknowledged = 14, not the mean of means (2 + 50) / 2 = 26
        self.assertEqual(report["total"]["count"], 5)
        self.assertEqual(report["total"]["mtta"], 14.0)
        self.assertEqual(report["total"]["mttr"], (12 * 3 + 70) / 4)
        by_wc = {g["id"]: g for g in report["groups"]}
        self.assertEqual((by_wc[self.wc.id]["mtta"], by_wc[self.wc.id]["count"]), (2.0, 3))
        self.assertEqual((by_wc[wc2.id]["acked"], by_wc[wc2.id]["count"]), (1, 2))
        self.assertEqual(report["pareto"][0]["cause"], bearing.display_name)
        self.assertEqual(report["pareto"][0]["cumulative"], 75.0)
        # the 2nd and 3rd breakdowns of the press within 7 days are repeats
        self.assertEqual(report["repeats"], 2)
        self.assertFalse(unanswered.is_repeat)
        # the database does the same weighting in the pivot view
        groups = self.Exception._read_group(
            [("workcenter_id", "in", (self.wc | wc2).ids)],
            [],
            ["ack_minutes:avg"],
        )
        self.assertAlmostEqual(groups[0][0], 14.0)
