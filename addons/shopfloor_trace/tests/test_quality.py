from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import TraceCommon


@tagged("post_install", "-at_install")
class TestQuality(TraceCommon):
    def test_point_constraints(self):
        Point = self.env["shopfloor.quality.point"]
        with self.assertRaises(ValidationError):
            Point.create({"name": "bad", "operation_id": self.op_cut.id, "trigger": "periodic"})
        with self.assertRaises(ValidationError):
            Point.create(
                {
                    "name": "bad limits",
                    "operation_id": self.op_cut.id,
                    "test_type": "measure",
                    "norm": 5,
                    "tolerance_min": 6,
                    "tolerance_max": 7,
                }
            )
        with Form(Point.with_user(self.env.ref("base.user_admin"))) as form:
            form.name = "Patrol"
            form.operation_id = self.op_cut
            form.trigger = "periodic"
            form.periodic_qty = 2
        self.assertEqual(form.record.trigger, "periodic")

    def test_periodic_and_defects(self):
        """Every 2 units and every 30 minutes; a defect count with a critical defect
        holds the batch lot."""
        crack = self.env["shopfloor.defect.type"].create(
            {"name": "Crack", "code": "TCRK", "category": "material", "severity": "critical"}
        )
        point = self.env["shopfloor.quality.point"].create(
            {
                "name": "Weld patrol",
                "operation_id": self.bom_sub.operation_ids[1].id,
                "trigger": "periodic",
                "periodic_qty": 2,
                "periodic_minutes": 30,
                "test_type": "defects",
                "defect_type_ids": [(6, 0, crack.ids)],
            }
        )
        token = self.bind(self.worker)
        mo = self._make_mo(self.bom_sub, 6)
        cut, weld = self._wos(mo)
        self.call("workorder/start", token, workorder_id=cut.id)
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1)
        self.call("quality/do", token, workorder_id=cut.id, measure=100.0)
        self.call("workorder/finish", token, workorder_id=cut.id, qty_good=5)
        self.call("workorder/start", token, workorder_id=weld.id)
        self.call("workorder/report", token, workorder_id=weld.id, qty_good=1)
        # time trigger: the first report of the operation makes one due
        self.assertEqual(len(weld.quality_check_ids), 1)
        self.call("workorder/report", token, workorder_id=weld.id, qty_good=1)
        self.assertEqual(len(weld.quality_check_ids), 2, "2 units done")
        self.call("workorder/report", token, workorder_id=weld.id, qty_good=1)
        self.assertEqual(len(weld.quality_check_ids), 2, "not yet 4 units, not 30 minutes")
        weld.quality_check_ids.write(
            {"date_due": weld.quality_check_ids[0].date_due - timedelta(hours=1)}
        )
        self.call(
            "workorder/report",
            token,
            workorder_id=weld.id,
            qty_good=0,
            qty_scrap=1,
            defect_type_id=self.defect_operator.id,
        )
        self.assertEqual(len(weld.quality_check_ids), 3)
        checks = self.call("quality/checks", token, workorder_id=weld.id)["checks"]
        self.assertEqual(len(checks), 3)
        self.assertFalse(any(c["blocking"] for c in checks))
        self.assertEqual(checks[0]["defect_types"][0]["code"], "TCRK")
        res = self.call(
            "quality/do",
            token,
            check_id=checks[0]["id"],
            defects=[{"defect_type_id": crack.id, "qty": 2}],
        )
        self.assertEqual(res["state"], "fail")
        lot = mo.lot_producing_id
        self.assertTrue(lot.shopfloor_hold, "a critical defect holds the lot")
        self.call("quality/do", token, check_id=checks[1]["id"], defects=[])
        self.assertEqual(point.check_ids.filtered(lambda c: c.state == "pass").id, checks[1]["id"])
        # the pareto shows scrap and the check's defects
        self.env.flush_all()
        pareto = (
            self.env["shopfloor.defect.pareto"]
            .with_user(self.worker_user)
            ._read_group([("production_id", "=", mo.id)], ["defect_type_id"], ["qty:sum"])
        )
        self.assertEqual(dict(pareto), {self.defect_operator: 1.0, crack: 2.0})
        action = self.env["shopfloor.defect.pareto"].search([]).action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        # the blocking check list and the point's counters
        self.assertEqual(point.check_count, 3)

    def test_receipt_check_blocks_start(self):
        self.env["shopfloor.quality.point"].create(
            {
                "name": "Incoming steel",
                "product_tmpl_id": self.sub.product_tmpl_id.id,
                "trigger": "receipt",
                "blocking": True,
            }
        )
        token = self.bind(self.worker)
        mo = self._make_mo(self.bom_sub, 2)
        cut = self._wos(mo)[0]
        self.call("workorder/start", token, workorder_id=cut.id)
        self.assertEqual(cut.quality_check_ids.trigger, "receipt")
        self.call("workorder/start", token, workorder_id=self._wos(mo)[1].id)
        self.assertFalse(self._wos(mo)[1].quality_check_ids, "once per MO, at its first step")
        self.call(
            "workorder/report",
            token,
            expect_error="SF_QC_BLOCKING",
            workorder_id=cut.id,
            qty_good=1,
        )
        # the check in the backend, as a QC inspector
        receipt = cut.quality_check_ids.with_user(self.qc_user)
        receipt.action_pass()
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1)

    def test_odoo_rule_message_not_pasted_in_another_language(self):
        """A rule of the check model (Odoo text, written in the records' language) reaches
        the worker as SF_QC_BAD_RESULT: in that language its text, in the other a generic
        reason of the catalogue, never the foreign sentence pasted."""
        token = self.bind(self.worker)
        mo = self._make_mo(self.bom_sub, 2)
        cut = self._wos(mo)[0]
        self.call("workorder/start", token, workorder_id=cut.id)
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1)
        exc = self.call("quality/do", token, "SF_QC_BAD_RESULT", workorder_id=cut.id)
        rule = exc.details["reason"]
        self.assertIn(rule.lang, ("en_US", "zh_CN"))
        other = "zh_CN" if rule.lang == "en_US" else "en_US"
        self.assertIn(rule.text, exc.get_message(rule.lang))
        self.assertNotIn(rule.text, exc.get_message(other))
        self.assertEqual(exc.to_dict(other)["details"]["reason"], rule._translate(other))
