from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPlanningTimelineUi(HttpCase):
    """The visual plan in a real browser (skipped by Odoo when no Chrome/Chromium is found)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env["ir.config_parameter"].sudo().set_param("shopfloor_mp.plan_time_limit", "3")
        cls.planner_user = new_test_user(
            env,
            login="sf_test_timeline",
            groups="base.group_user,mrp.group_mrp_user,stock.group_stock_user",
        )
        wc_cut, wc_pack = env["mrp.workcenter"].create(
            [{"name": "SFTL Saw", "time_efficiency": 100}, {"name": "SFTL Bench"}]
        )
        product = env["product.product"].create(
            {"name": "SFTL Bracket", "is_storable": True, "type": "consu"}
        )
        bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": product.product_tmpl_id.id,
                "product_qty": 1,
                "operation_ids": [
                    Command.create(
                        {"name": "SFTL Cut", "workcenter_id": wc_cut.id, "time_cycle_manual": 30}
                    ),
                    Command.create(
                        {"name": "SFTL Pack", "workcenter_id": wc_pack.id, "time_cycle_manual": 20}
                    ),
                ],
            }
        )
        cls.production = env["mrp.production"].create(
            {"product_id": product.id, "bom_id": bom.id, "product_qty": 6}
        )
        cls.production.action_confirm()
        env["shopfloor.planner"]._plan(cls.production)
        cls.cut, cls.pack = cls.production.workorder_ids.sorted("date_start")

    def test_visual_plan_tour(self):
        pack_start = self.pack.date_start
        self.assertTrue(pack_start)
        self.start_tour(
            "/odoo/action-shopfloor_planning.action_shopfloor_planning_timeline",
            "shopfloor_planning_timeline",
            login=self.planner_user.login,
            timeout=120,
        )
        self.env.invalidate_all()
        # locked from the selection panel, then dragged a day later: both written back
        self.assertTrue(self.cut.shopfloor_locked)
        self.assertTrue(self.pack.shopfloor_locked)
        self.assertGreater(self.pack.date_start, pack_start)
        self.assertGreaterEqual(self.production.shopfloor_expected_finish, self.pack.date_finished)
