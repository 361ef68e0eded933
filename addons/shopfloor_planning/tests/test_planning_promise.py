from datetime import timedelta

from odoo import Command, fields
from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPlanningPromise(ShopfloorCommon):
    """Delivery promise (issue 12): component readiness by Odoo's rules, a duration model
    from history, unplanned orders counted, messages in both languages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = cls.env["shopfloor.planner"]
        cls.planner_user = new_test_user(
            cls.env, login="sf_test_promise_planner", groups="mrp.group_mrp_user"
        )
        # the Sales app is not installed in the test database: an office user needs
        # manufacturing rights to call plan/* (without sales or manufacturing rights the
        # API answers SF_FORBIDDEN, see TestApiAccess)
        cls.sales = new_test_user(
            cls.env, login="sf_test_promise_sales", groups="base.group_user,mrp.group_mrp_user"
        )
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.sales)
            ._generate("rpc", "sales app", fields.Datetime.now() + timedelta(days=1))
        )
        cls.weld_op = cls.bom.operation_ids.filtered(lambda o: o.name == "Weld")

    def _done_mo(self, qty, minutes=None, factor=1.0):
        """A done MO of ``qty``; its Weld work order took ``minutes`` (others: routing x
        ``factor``)."""
        mo = self._create_mo(qty=qty)
        for wo in self._wos(mo):
            if wo.operation_id == self.weld_op and minutes is not None:
                wo.duration = minutes
            else:
                wo.duration = wo.duration_expected * factor
        mo.qty_producing = qty
        mo.move_raw_ids.picked = True
        mo.with_context(skip_consumption=True, skip_backorder=True).button_mark_done()
        self.assertEqual(mo.state, "done")
        return mo

    def _weld(self, promise):
        return next(op for op in promise["operations"] if op["name"] == "Weld")

    # ------------------------------------------------------------------
    # components
    # ------------------------------------------------------------------
    def test_short_component_without_supply_is_a_clear_answer(self):
        """2 x 1000 steel sheets needed, 1000 in stock, no vendor, no route: no crash."""
        promise = self.planner._get_delivery_promise(self.product, 1000)
        self.assertFalse(promise["date_promise"])
        self.assertEqual(promise["no_supply_components"], [self.component.display_name])
        self.assertIn(self.component.display_name, promise["message"])
        # over the API: a documented error in both languages, never SF_INTERNAL
        exc = self.api(
            "plan/promise",
            {"product_id": self.product.id, "qty": 1000},
            self.key,
            expect_error="SF_PLAN_NO_SUPPLY",
        )
        data = exc.to_dict("zh_CN")
        self.assertIn(self.component.display_name, data["message_en"])
        self.assertIn("cannot be promised", data["message_en"])
        self.assertNotIn("cannot be promised", data["message_zh"])
        # the wizard says so instead of a traceback
        wizard = self.env["shopfloor.delivery.promise"].create(
            {"product_id": self.product.id, "product_qty": 1000}
        )
        wizard.action_compute()
        self.assertFalse(wizard.date_promise)
        self.assertIn(self.component.display_name, wizard.message)

    def test_vendor_lead_time_zero_and_five(self):
        seller = self.env["product.supplierinfo"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "SF Steel Mill"}).id,
                "product_tmpl_id": self.component.product_tmpl_id.id,
                "delay": 0,
            }
        )
        extra = self.planner._get_purchase_extra_days(self.env.company)
        now = fields.Datetime.now()
        promise = self.planner._get_delivery_promise(self.product, 1000)
        ready = fields.Datetime.to_datetime(promise["components_ready"])
        self.assertAlmostEqual((ready - now).total_seconds() / 86400, extra, delta=0.01)
        self.assertEqual(promise["missing_components"], [self.component.display_name])
        seller.delay = 5
        promise = self.planner._get_delivery_promise(self.product, 1000)
        ready = fields.Datetime.to_datetime(promise["components_ready"])
        self.assertAlmostEqual((ready - now).total_seconds() / 86400, 5 + extra, delta=0.01)
        self.assertGreaterEqual(promise["date_expected"], promise["components_ready"])

    def test_manufactured_component_uses_bom_produce_delay(self):
        sub = self.env["product.product"].create(
            {"name": "SF Sub-assembly", "is_storable": True, "type": "consu"}
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": sub.product_tmpl_id.id,
                "product_qty": 1,
                "produce_delay": 3,
                "days_to_prepare_mo": 1,
            }
        )
        self.bom.bom_line_ids = [Command.create({"product_id": sub.id, "product_qty": 1})]
        now = fields.Datetime.now()
        promise = self.planner._get_delivery_promise(self.product, 5)
        ready = fields.Datetime.to_datetime(promise["components_ready"])
        lead = 3 + 1 + self.env.company.manufacturing_lead
        self.assertAlmostEqual((ready - now).total_seconds() / 86400, lead, delta=0.01)
        # with Odoo's manufacture route, the rule's own lead days say the same
        sub.route_ids = self.env.ref("mrp.route_warehouse0_manufacture")
        promise = self.planner._get_delivery_promise(self.product, 5)
        ready = fields.Datetime.to_datetime(promise["components_ready"])
        self.assertAlmostEqual((ready - now).total_seconds() / 86400, lead, delta=0.01)

    # ------------------------------------------------------------------
    # durations
    # ------------------------------------------------------------------
    def test_mixed_batches_at_routing_time(self):
        """A 1-piece and a 100-piece order that took exactly their routing time: the
        promise of 100 takes the routing's 820 min (setup 20 + 100 x 8), not 1,810."""
        self.weld_op.time_cycle_manual = 8
        self.wc_weld.time_start = 20
        for qty in (1, 100):
            mo = self._done_mo(qty, minutes=20 + 8 * qty)
        self.assertEqual(
            mo.workorder_ids.filtered(lambda w: w.operation_id == self.weld_op).duration, 820
        )
        weld = self._weld(self.planner._get_delivery_promise(self.product, 100))
        self.assertEqual(weld["source"], "history")
        self.assertEqual(weld["samples"], 2)
        self.assertAlmostEqual(weld["minutes_mean"], 820, delta=1)
        self.assertAlmostEqual(weld["minutes_percentile"], 820, delta=1)

    def test_weekend_outlier(self):
        """Five orders of 10 at routing time (120 min of welding) and one left running over a
        weekend (3,000 min): the expected and promised welding stay near 120 min and the
        promise is never before the expected date."""
        for _i in range(5):
            self._done_mo(10, minutes=120)
        self._done_mo(10, minutes=3000)
        promise = self.planner._get_delivery_promise(self.product, 10)
        weld = self._weld(promise)
        self.assertEqual(weld["samples"], 6)
        self.assertEqual(weld["samples_used"], 5)
        self.assertAlmostEqual(weld["minutes_mean"], 120, delta=1)
        self.assertAlmostEqual(weld["minutes_percentile"], 120, delta=1)
        self.assertGreaterEqual(promise["date_promise"], promise["date_expected"])
        # without outlier rejection the mean moves, the promise still not before it
        self.env["ir.config_parameter"].sudo().set_param("shopfloor_mp.promise_outlier_k", "0")
        promise = self.planner._get_delivery_promise(self.product, 10)
        self.assertGreater(self._weld(promise)["minutes_mean"], 500)
        self.assertGreaterEqual(promise["date_promise"], promise["date_expected"])

    def test_unplanned_confirmed_orders_are_counted(self):
        before = self.planner._get_delivery_promise(self.product, 200)
        mo = self._create_mo(qty=200)
        self.assertFalse(mo.workorder_ids.filtered("date_start"))
        after = self.planner._get_delivery_promise(self.product, 200)
        # 200 x 12 min of welding more in front of the new order
        self.assertGreater(
            fields.Datetime.to_datetime(after["date_expected"]),
            fields.Datetime.to_datetime(before["date_expected"]) + timedelta(hours=20),
        )
        # planned, it counts the same way (its planned work orders occupy the centers)
        self.planner._plan(mo)
        planned = self.planner._get_delivery_promise(self.product, 200)
        self.assertGreater(planned["date_expected"], before["date_expected"])

    # ------------------------------------------------------------------
    # messages
    # ------------------------------------------------------------------
    def test_messages_each_in_their_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        for lang in ("zh_CN", "en_US"):
            self.sales.lang = lang
            exc = self.api(
                "plan/promise",
                {"product_id": self.component.id, "qty": 2},
                self.key,
                expect_error="SF_PLAN_NO_PROMISE",
            )
            data = exc.to_dict(lang)
            self.assertIn("There is no bill of materials", data["message_en"], lang)
            self.assertNotIn("There is no bill of materials", data["message_zh"], lang)
            self.assertIn(self.component.display_name, data["message_zh"])

    def test_user_auth_messages_do_not_talk_about_phones(self):
        for token, code in ((None, "SF_AUTH_REQUIRED"), ("not-a-key", "SF_AUTH_INVALID")):
            exc = self.api(
                "plan/promise", {"product_id": self.product.id, "qty": 1}, token, expect_error=code
            )
            data = exc.to_dict("zh_CN")
            self.assertNotIn("phone", data["message_en"])
            self.assertIn("API key", data["message_en"])
            self.assertNotIn("手机", data["message_zh"])
        # a worker without a token is still asked to bind the phone
        exc = self.api("my/workorders", {}, None, expect_error="SF_AUTH_REQUIRED")
        self.assertIn("phone", exc.to_dict("en_US")["message_en"])

    def test_promise_wizard_as_planner(self):
        wizard_form = Form(self.env["shopfloor.delivery.promise"].with_user(self.planner_user))
        wizard_form.product_id = self.product
        wizard_form.product_qty = 10
        wizard = wizard_form.save()
        wizard.action_compute()
        self.assertTrue(wizard.date_promise)
        self.assertGreaterEqual(wizard.date_promise, wizard.date_expected)
        self.assertEqual(len(wizard.line_ids), 3)

    # ------------------------------------------------------------------
    # plan/mo
    # ------------------------------------------------------------------
    def test_plan_mo_follows_the_work_orders(self):
        mo = self._create_mo(qty=10)
        mo.date_deadline = fields.Datetime.now() + timedelta(days=3)
        self.planner._plan(mo)
        res = self.api("plan/mo", {"production_id": mo.id}, self.key)
        self.assertEqual(res["plan_status"], "planned")
        self.assertFalse(res["late_hours"])
        pack = self._wos(mo)[-1]
        # moved in the work order's form, 5 days later: late, seen at once
        start = pack.date_start + timedelta(days=5)
        pack.write({"date_start": start, "date_finished": start + timedelta(minutes=30)})
        res = self.api("plan/mo", {"production_id": mo.id}, self.key)
        self.assertEqual(res["expected_finish"], fields.Datetime.to_string(pack.date_finished))
        self.assertGreater(res["late_hours"], 24)
        self.assertTrue(mo.shopfloor_is_late)
        # Odoo's own unplan button: no longer in the plan, not "on time"
        mo.button_unplan()
        res = self.api("plan/mo", {"production_id": mo.id}, self.key)
        self.assertEqual(res["plan_status"], "not_planned")
        self.assertIsNone(res["expected_finish"])
        self.assertFalse(res["in_plan"])
        self.assertTrue(res["message"])
        self.assertFalse(mo.shopfloor_is_late)

    def test_plan_mo_draft_is_not_in_the_plan(self):
        mo = self.env["mrp.production"].create(
            {"product_id": self.product.id, "product_qty": 3, "bom_id": self.bom.id}
        )
        self.assertEqual(mo.state, "draft")
        res = self.api("plan/mo", {"production_id": mo.id}, self.key)
        self.assertEqual(res["plan_status"], "not_planned")
        self.assertIsNone(res["expected_finish"])
        self.assertIn("draft", res["message"])
