from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import TraceCommon


@tagged("post_install", "-at_install")
class TestTraceScenario(TraceCommon):
    """Two BOM levels made through the scan API, then traced both ways."""

    def _make_subassembly(self, token, qty=4):
        """Cut (first article failed, then passed) and weld a batch of frames."""
        mo = self._make_mo(self.bom_sub, qty)
        cut, weld = self._wos(mo)
        self.call("workorder/start", token, workorder_id=cut.id)
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1)
        checks = self.call("quality/checks", token, workorder_id=cut.id)
        self.assertTrue(checks["blocking"])
        self.assertEqual(len(checks["checks"]), 1)
        check = checks["checks"][0]
        self.assertEqual((check["type"], check["norm"]), ("measure", 100.0))
        # blocked until the first article passes
        self.call(
            "workorder/report",
            token,
            expect_error="SF_QC_BLOCKING",
            workorder_id=cut.id,
            qty_good=1,
        )
        res = self.call("quality/do", token, check_id=check["id"], measure=100.5)
        self.assertEqual(res["state"], "fail")
        self.assertTrue(res["alert"])
        self.call("workorder/finish", token, expect_error="SF_QC_BLOCKING", workorder_id=cut.id)
        res = self.call("quality/do", token, check_id=check["id"], measure=100.1)
        self.assertEqual(res["state"], "pass")
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=qty - 1)
        self.call("workorder/finish", token, workorder_id=cut.id)
        self.call("workorder/start", token, workorder_id=weld.id)
        res = self.call("workorder/finish", token, workorder_id=weld.id, qty_good=qty)
        self.assertEqual(len(res["report"]["lots"]), 1)
        self.assertTrue(res["production_done"], mo.state)
        self.assertEqual(mo.state, "done")
        return mo, mo.lot_producing_id

    def _make_units(self, worker_token, leader_token, qty=2):
        """Assemble and pack serial units; the final check of the first one fails once."""
        mo = self._make_mo(self.bom_unit, qty)
        assemble, pack = self._wos(mo)
        self.call("workorder/start", worker_token, workorder_id=assemble.id)
        self.call("workorder/finish", worker_token, workorder_id=assemble.id, qty_good=qty)
        self.call("workorder/start", leader_token, workorder_id=pack.id)
        res = self.call("workorder/report", leader_token, workorder_id=pack.id, qty_good=1)
        self.assertEqual(len(res["report"]["lots"]), 1)
        self.assertTrue(res["workorder"]["quality_blocking"])
        self.call(
            "workorder/report",
            leader_token,
            expect_error="SF_QC_BLOCKING",
            workorder_id=pack.id,
            qty_good=1,
        )
        res = self.call("quality/do", leader_token, workorder_id=pack.id, result="fail")
        self.assertEqual(res["state"], "fail")
        res = self.call(
            "quality/do", leader_token, workorder_id=pack.id, result="pass", note="re-tested"
        )
        self.assertEqual(res["state"], "pass")
        for _i in range(qty - 1):
            self.call("workorder/report", leader_token, workorder_id=pack.id, qty_good=1)
            self.call("quality/do", leader_token, workorder_id=pack.id, result="pass")
        res = self.call("workorder/finish", leader_token, workorder_id=pack.id)
        self.assertTrue(res["workorder_done"])
        serials = mo._sf_get_produced_lots()
        self.assertEqual(len(serials), qty)
        return mo, serials

    def test_scenario_backward_forward(self):
        worker_token = self.bind(self.worker)
        leader_token = self.bind(self.leader)
        sub_mo, sub_lot = self._make_subassembly(worker_token)
        self.assertEqual(sub_lot.product_id, self.sub)
        steel_lots = sub_mo.move_raw_ids.move_line_ids.lot_id
        self.assertTrue(steel_lots)
        unit_mo, serials = self._make_units(worker_token, leader_token)
        productions = self.env["mrp.production"].search(
            ["|", ("id", "=", unit_mo.id), ("shopfloor_origin_production_id", "=", unit_mo.id)]
        )
        self.assertEqual(set(productions.mapped("state")), {"done"})
        self.assertEqual(productions.lot_producing_id, serials)
        serial = serials[-1]

        # a scanned label resolves to the lot
        code = self.env["shopfloor.code"]._get_codes(serial)[serial.id]
        res = self.call("scan", leader_token, payload=code)
        self.assertEqual(res["type"], "lot")
        self.assertEqual(res["lot"]["name"], serial.name)

        # backward: the serial to the frame lot, the steel lots, people, checks, alerts
        back = self.call("trace/backward", leader_token, code=code)
        by_product = {}
        for comp in back["components"]:
            by_product.setdefault(comp["product_id"], []).append(comp)
        self.assertEqual(by_product[self.sub.id][0]["lot"], sub_lot.name)
        self.assertEqual(by_product[self.sub.id][0]["depth"], 1)
        self.assertEqual({c["depth"] for c in by_product[self.bolt.id]}, {1, 2})
        self.assertEqual(
            {c["lot"] for c in by_product[self.steel.id]}, set(steel_lots.mapped("name"))
        )
        self.assertEqual({c["depth"] for c in by_product[self.steel.id]}, {2})
        self.assertEqual(set(back["raw_lots"]), set(steel_lots.mapped("name")))
        mo_names = {p["name"] for p in back["productions"]}
        self.assertIn(sub_mo.name, mo_names)
        self.assertIn(unit_mo.name, {op["production"] for op in back["operations"]})
        ops = {op["name"]: op for op in back["operations"] if op["employees"]}
        self.assertIn(self.worker.name, ops["Cut frame"]["employees"])
        self.assertIn(self.leader.name, ops["Pack unit"]["employees"])
        self.assertIn(self.worker.name, back["employees"])
        self.assertEqual(ops["Cut frame"]["workcenter"], self.wc_cut.name)
        self.assertTrue(ops["Cut frame"]["date_start"] and ops["Cut frame"]["date_finished"])
        states = sorted(c["state"] for c in back["checks"] if c["point"] == "Frame length")
        self.assertEqual(states, ["pass"])
        self.assertTrue(any(c["point"] == "Final inspection" for c in back["checks"]))
        self.assertTrue(back["alerts"])

        # forward (recall): a steel lot to both serials and the customer who got one;
        # a lot on hold does not ship
        serial.shopfloor_hold = True
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self._deliver(serial, self.customer)
        serial.shopfloor_hold = False
        self._deliver(serial, self.customer)
        steel = steel_lots[0]
        fwd = self.call("trace/forward", leader_token, lot_id=steel.id)
        self.assertEqual(set(fwd["finished"]), set(serials.mapped("name")))
        self.assertIn(sub_lot.name, {u["lot"] for u in fwd["units"] if u["depth"] == 1})
        self.assertEqual(fwd["customers"], [self.customer.display_name])
        self.assertEqual(fwd["deliveries"][0]["lot"], serial.name)

        # the backend: wizard as a worker user, Excel recall list
        wizard = Form(self.env["shopfloor.trace.wizard"].with_user(self.worker_user))
        wizard.lot_id = steel
        wizard.direction = "forward"
        wizard = wizard.save()
        wizard.action_trace()
        self.assertIn("delivery", wizard.line_ids.mapped("kind"))
        action = wizard.action_export_xlsx()
        self.assertIn("/web/content/", action["url"])
        wizard_back = (
            self.env["shopfloor.trace.wizard"]
            .with_user(self.leader_user)
            .create({"lot_id": serial.id, "direction": "backward"})
        )
        wizard_back.action_trace()
        self.assertIn("component", wizard_back.line_ids.mapped("kind"))

        # the QR label prints
        pdf, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "shopfloor_trace.report_lot_label_100x50", serial.ids
        )
        self.assertIn(serial.name.encode(), pdf)

        # reports: pareto and yields see the shop floor's data
        self.env.flush_all()
        yields = self.env["shopfloor.yield.operation"].search([("product_id", "=", self.sub.id)])
        self.assertTrue(yields)
        self.assertTrue(
            self.env["shopfloor.yield.product"].search([("product_id", "=", self.unit.id)])
        )
        action = (
            self.env["shopfloor.yield.operation"]
            .with_user(self.leader_user)
            .search([])
            .action_export_xlsx()
        )
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_errors(self):
        token = self.bind(self.worker)
        self.call("trace/backward", token, expect_error="SF_UNKNOWN_CODE", code="SF:NOPE1234")
        other = self.env["res.company"].create({"name": "SF Other Co"})
        foreign = self.env["stock.lot"].create(
            {"name": "FOREIGN-1", "product_id": self.steel.id, "company_id": other.id}
        )
        self.call("trace/forward", token, expect_error="SF_UNKNOWN_CODE", lot_id=foreign.id)
        code = self.env["shopfloor.code"]._get_codes(foreign)[foreign.id]
        self.call("trace/backward", token, expect_error="SF_OTHER_COMPANY", code=code)
        self.call("trace/backward", token, expect_error="SF_UNKNOWN_CODE", lot_id=999999999)
        # no check is due on an operation without quality point
        mo = self._make_mo(self.bom_sub, 2)
        cut, weld = self._wos(mo)
        self.call("workorder/start", token, workorder_id=weld.id)
        exc = self.call(
            "quality/do", token, expect_error="SF_QC_NOT_DUE", workorder_id=weld.id, result="pass"
        )
        self.assertIn("质量检验", exc.get_message("zh_CN"))
        self.call("quality/do", token, expect_error="SF_QC_UNKNOWN_CHECK", check_id=999999999)
        # a passed check cannot be done again; a bad result is refused
        self.call("workorder/start", token, workorder_id=cut.id)
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1)
        check = cut.quality_check_ids
        self.call(
            "quality/do", token, expect_error="SF_QC_BAD_RESULT", check_id=check.id, result="maybe"
        )
        self.call("quality/do", token, expect_error="SF_QC_BAD_RESULT", check_id=check.id)
        self.call("quality/do", token, check_id=check.id, measure=100.0)
        self.call(
            "quality/do", token, expect_error="SF_QC_ALREADY_DONE", check_id=check.id, measure=100.0
        )
        # a worker may not do checks on another line's operation
        outsider_token = self.bind(self.outsider)
        self.call(
            "quality/checks", outsider_token, expect_error="SF_FORBIDDEN", workorder_id=cut.id
        )
        # retries with the same request id get the first answer
        uid = "retry-trace-0001"
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1, request_uid=uid)
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1, request_uid=uid)
        self.assertEqual(cut.qty_produced, 2)

    def test_lot_tracked_batch_and_hold(self):
        """A failed check of a point holding the lot stops the batch's reports."""
        self.point_first.hold_lot = True
        token = self.bind(self.worker)
        mo = self._make_mo(self.bom_sub, 3)
        cut, weld = self._wos(mo)
        self.call("workorder/start", token, workorder_id=cut.id)
        self.call(
            "workorder/finish",
            token,
            workorder_id=cut.id,
            qty_good=1,
            expect_error="SF_QC_BLOCKING",
        )
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1)
        self.call("quality/do", token, workorder_id=cut.id, measure=90.0)
        alert = cut.quality_check_ids.alert_ids
        self.assertEqual(alert.state, "new")
        self.assertEqual(alert.team_id, self.team)
        self.assertEqual(alert.activity_ids.user_id, self.leader_user)
        # the alert goes through its stages as a QC inspector
        alert = alert.with_user(self.qc_user)
        alert.action_start()
        alert.root_cause = "<p>Worn saw blade</p>"
        alert.corrective_action = "<p>Blade changed</p>"
        alert.action_solve()
        alert.action_close()
        self.assertEqual(alert.state, "closed")
        # the backend form: pass the check again as the leader
        check = cut.quality_check_ids.with_user(self.leader_user)
        check.action_reset()
        check.measure = 100.0
        check.action_measure()
        self.assertEqual(check.state, "pass")
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=2)
        self.call("workorder/finish", token, workorder_id=cut.id)
        self.call("workorder/start", token, workorder_id=weld.id)
        self.call("workorder/report", token, workorder_id=weld.id, qty_good=1)
        lot = mo.lot_producing_id
        self.assertTrue(lot)
        self.call("workorder/report", token, workorder_id=weld.id, qty_good=1)
        self.assertEqual(mo.lot_producing_id, lot, "one lot per batch")
        self.assertEqual(mo.qty_producing, 2)
        lot.shopfloor_hold = True
        self.call(
            "workorder/report",
            token,
            expect_error="SF_QC_LOT_ON_HOLD",
            workorder_id=weld.id,
            qty_good=1,
        )
        alert.with_user(self.qc_user).lot_id = lot
        alert.lot_on_hold = True
        alert.with_user(self.qc_user).action_release_lot()
        self.assertFalse(lot.shopfloor_hold)
        res = self.call("workorder/finish", token, workorder_id=weld.id, qty_good=1)
        self.assertTrue(res["production_done"])
        self.assertEqual(mo.move_finished_ids.move_line_ids.lot_id, lot)
        self.assertEqual(mo.qty_produced, 3)
