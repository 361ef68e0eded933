from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from ..tools.api import ShopfloorError
from .common import ShopfloorCommon


@tagged("post_install", "-at_install")
class TestWorkorderFlow(ShopfloorCommon):
    def setUp(self):
        super().setUp()
        self.mo = self._create_mo(10)
        self.cut, self.weld, self.pack = self._wos(self.mo)
        self.now = fields.Datetime.now()

    def test_full_flow_finishes_mo(self):
        t = self.now - timedelta(hours=2)
        for wo, emp in (
            (self.cut, self.worker),
            (self.weld, self.worker2),
            (self.pack, self.leader),
        ):
            wo._sf_start(emp, t)
            self.assertEqual(wo.state, "progress")
            wo._sf_report(emp, 10, 0, None, t + timedelta(minutes=20))
            result = wo._sf_finish(emp, t + timedelta(minutes=30))
            self.assertTrue(result["workorder_done"])
            self.assertEqual(wo.state, "done")
            self.assertEqual(wo.qty_produced, 10)
            log = wo.time_ids.filtered(lambda t, e=emp: t.employee_id == e)
            self.assertEqual(len(log), 1)
            self.assertAlmostEqual(log.duration, 30, places=1)
            t += timedelta(minutes=40)
        self.assertTrue(result["production_done"])
        self.assertEqual(self.mo.state, "done")
        self.assertEqual(self.mo.qty_produced, 10)

    def test_partial_flow_and_available_quantity(self):
        self.cut._sf_start(self.worker, self.now)
        self.cut._sf_report(self.worker, 4, 0, None, self.now)
        self.weld._sf_start(self.worker2, self.now)
        self.assertEqual(self.weld._sf_get_available_qty(), (4.0, 4.0))
        with self.assertRaises(ShopfloorError) as ctx:
            self.weld._sf_report(self.worker2, 5, 0, None, self.now)
        self.assertEqual(ctx.exception.code, "SF_QTY_EXCEEDS_AVAILABLE")
        self.weld._sf_report(self.worker2, 3, 1, self.defect_operator, self.now)
        self.assertEqual(self.weld.qty_produced, 3)
        self.assertEqual(self.weld.shopfloor_qty_scrap, 1)
        self.assertEqual(self.weld._sf_get_available_qty()[0], 0)
        # first operation: at most the MO quantity
        with self.assertRaises(ShopfloorError) as ctx:
            self.cut._sf_report(self.worker, 7, 0, None, self.now)
        self.assertEqual(ctx.exception.code, "SF_QTY_EXCEEDS_AVAILABLE")

    def test_over_report_allowed_by_routing(self):
        self.weld.operation_id.shopfloor_allow_over_report = True
        self.weld._sf_start(self.worker2, self.now)
        self.weld._sf_report(self.worker2, 5, 0, None, self.now)
        self.assertEqual(self.weld.qty_produced, 5)

    def test_scrap_creates_stock_scrap(self):
        self.cut._sf_start(self.worker, self.now)
        report = self.cut._sf_report(self.worker, 0, 2, self.defect_material, self.now)
        self.assertEqual(report.scrap_id.state, "done")
        self.assertEqual(report.scrap_id.scrap_qty, 2)
        self.assertEqual(report.scrap_id.workorder_id, self.cut)
        self.assertEqual(report.scrap_id.shopfloor_defect_type_id, self.defect_material)
        with self.assertRaises(ShopfloorError) as ctx:
            self.cut._sf_report(self.worker, 0, 1, None, self.now)
        self.assertEqual(ctx.exception.code, "SF_SCRAP_REASON_REQUIRED")

    def test_two_workers_share_a_workorder(self):
        self.cut._sf_start(self.worker, self.now - timedelta(minutes=60))
        self.cut._sf_start(self.worker2, self.now - timedelta(minutes=30))
        self.assertEqual(self.cut.shopfloor_active_employee_ids, self.worker | self.worker2)
        with self.assertRaises(ShopfloorError) as ctx:
            self.cut._sf_start(self.worker, self.now)
        self.assertEqual(ctx.exception.code, "SF_WO_ALREADY_STARTED")
        self.cut._sf_report(self.worker, 3, 0, None, self.now)
        self.cut._sf_report(self.worker2, 2, 0, None, self.now)
        result = self.cut._sf_finish(self.worker, self.now)
        self.assertFalse(result["workorder_done"], "worker2 is still working")
        self.assertEqual(self.cut.state, "progress")
        result = self.cut._sf_finish(self.worker2, self.now)
        self.assertTrue(result["workorder_done"])
        self.assertEqual(self.cut.qty_produced, 5)
        durations = {t.employee_id: t.duration for t in self.cut.time_ids}
        self.assertAlmostEqual(durations[self.worker], 60, places=1)
        self.assertAlmostEqual(durations[self.worker2], 30, places=1)

    def test_pause_and_resume(self):
        self.cut._sf_start(self.worker, self.now - timedelta(minutes=50))
        self.cut._sf_pause(self.worker, self.pause_reason, self.now - timedelta(minutes=40))
        self.assertEqual(self.cut._sf_get_employee_state(self.worker), "paused")
        self.assertEqual(self.cut._sf_get_allowed_actions("paused"), ["resume", "finish"])
        with self.assertRaises(ShopfloorError):
            self.cut._sf_report(self.worker, 1, 0, None, self.now)
        self.cut._sf_resume(self.worker, self.now - timedelta(minutes=10))
        self.assertEqual(self.cut._sf_get_employee_state(self.worker), "working")
        pause = self.env["mrp.workcenter.productivity"].search(
            [("shopfloor_workorder_id", "=", self.cut.id)]
        )
        self.assertEqual(pause.loss_id, self.pause_reason)
        # (Odoo counts blocked time within working hours only: compare the dates)
        self.assertEqual(pause.date_end - pause.date_start, timedelta(minutes=30))
        # the work order's own duration is productive time only
        self.assertAlmostEqual(self.cut.duration, 10, places=1)

    def test_partial_last_operation_creates_backorder(self):
        self.mo.picking_type_id.create_backorder = "always"
        for wo, emp in (
            (self.cut, self.worker),
            (self.weld, self.worker2),
            (self.pack, self.leader),
        ):
            wo._sf_start(emp, self.now)
            wo._sf_report(emp, 6, 0, None, self.now)
            wo._sf_finish(emp, self.now)
        self.assertEqual(self.mo.state, "done")
        self.assertEqual(self.mo.qty_produced, 6)
        backorder = self.mo.procurement_group_id.mrp_production_ids - self.mo
        self.assertEqual(backorder.product_qty, 4)

    def test_finish_mo_setting_off(self):
        self.env["ir.config_parameter"].set_param(
            "shopfloor_mp.finish_mo_on_last_operation", "False"
        )
        for wo, emp in (
            (self.cut, self.worker),
            (self.weld, self.worker2),
            (self.pack, self.leader),
        ):
            wo._sf_start(emp, self.now)
            wo._sf_report(emp, 10, 0, None, self.now)
            wo._sf_finish(emp, self.now)
        self.assertEqual(self.mo.state, "to_close")

    def test_correction_is_audited(self):
        self.cut._sf_start(self.worker, self.now)
        report = self.cut._sf_report(self.worker, 5, 0, None, self.now)
        new = report.with_user(self.leader_user).action_correct(3, 0)
        self.assertEqual(report.state, "cancel")
        self.assertEqual(report.corrected_by_id, new)
        self.assertEqual(new.correction_of_id, report)
        self.assertEqual(self.cut.qty_produced, 3)
        with self.assertRaises(AccessError):
            new.with_user(self.worker_user).action_correct(1, 0)

    def test_done_workorder_refuses_actions(self):
        self.cut._sf_start(self.worker, self.now)
        self.cut._sf_finish(self.worker, self.now)
        for call in (
            lambda: self.cut._sf_start(self.worker, self.now),
            lambda: self.cut._sf_report(self.worker, 1, 0, None, self.now),
        ):
            with self.assertRaises(ShopfloorError) as ctx:
                call()
            self.assertEqual(ctx.exception.code, "SF_WO_DONE")

    def test_worker_sees_own_reports_only(self):
        self.worker.user_id = self.worker_user
        self.cut._sf_start(self.worker, self.now)
        self.cut._sf_start(self.worker2, self.now)
        self.cut._sf_report(self.worker, 1, 0, None, self.now)
        self.cut._sf_report(self.worker2, 1, 0, None, self.now)
        mine = self.env["shopfloor.report"].with_user(self.worker_user).search([])
        self.assertEqual(mine.employee_id, self.worker)
        all_reports = (
            self.env["shopfloor.report"]
            .with_user(self.leader_user)
            .search([("workorder_id", "=", self.cut.id)])
        )
        self.assertEqual(len(all_reports), 2)

    def test_bind_code_wizard_as_leader(self):
        wizard_form = Form(
            self.env["shopfloor.bind.code.wizard"]
            .with_user(self.leader_user)
            .with_context(active_model="hr.employee", active_id=self.worker.id)
        )
        wizard = wizard_form.save()
        action = wizard.action_generate()
        code = action["context"]["shopfloor_shown_secret"]
        self.assertEqual(len(code), 10)
        self.assertEqual(wizard.with_context(**action["context"]).code, code)
        self.assertFalse(wizard.code, "the code is not stored on the wizard")
        token, secret = self.env["shopfloor.bind.code"]._consume(code, "Li's phone")
        self.assertEqual(token.employee_id, self.worker)
        self.assertTrue(secret.startswith("sf_"))
        with self.assertRaises(ShopfloorError) as ctx:
            self.env["shopfloor.bind.code"]._consume(code, "again")
        self.assertEqual(ctx.exception.code, "SF_BIND_CODE_INVALID")
