from datetime import timedelta

from odoo import fields
from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPlanning(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner_user = new_test_user(
            cls.env, login="sf_test_planner", groups="mrp.group_mrp_user,stock.group_stock_user"
        )
        cls.env["ir.config_parameter"].sudo().set_param("shopfloor_mp.plan_time_limit", "3")

    def _mos(self, count, qty=10, deadline_days=None):
        mos = self.env["mrp.production"]
        for i in range(count):
            mo = self._create_mo(qty=qty)
            if deadline_days is not None:
                mo.date_deadline = fields.Datetime.now() + timedelta(days=deadline_days + i)
            mos |= mo
        return mos

    def _assert_no_overlap(self, wos):
        by_wc = {}
        for wo in wos:
            by_wc.setdefault(wo.workcenter_id, []).append((wo.date_start, wo.date_finished))
        for items in by_wc.values():
            items.sort()
            for a, b in zip(items, items[1:], strict=False):
                self.assertLessEqual(a[1], b[0])

    def test_objective_setting(self):
        """The planning objective is a setting; the problem given to the scheduler says it."""
        planner = self.env["shopfloor.planner"]
        self.assertEqual(planner._get_objective(), "late_jobs")
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.shopfloor_plan_objective, "late_jobs")
        settings.shopfloor_plan_objective = "tardiness"
        settings.shopfloor_plan_time_limit = 5
        settings.save().execute()
        self.assertEqual(planner._get_objective(), "tardiness")
        self.assertEqual(planner._get_time_limit(), 5)
        mos = self._mos(1, deadline_days=3)
        data = planner._prepare_problem(mos, planner._origin())
        self.assertEqual(data["problem"].objective, "tardiness")
        # a value set by hand that the scheduler does not know falls back to the default
        self.env["ir.config_parameter"].sudo().set_param("shopfloor_mp.plan_objective", "x")
        self.assertEqual(planner._get_objective(), "late_jobs")

    def test_plan_writes_back_dates_and_leaves(self):
        mos = self._mos(3, deadline_days=5)
        planner = self.env["shopfloor.planner"].with_user(self.planner_user)
        result = planner._plan(mos.with_user(self.planner_user))
        self.assertEqual(result["planned"], 3)
        now = fields.Datetime.now() - timedelta(minutes=1)
        for mo in mos:
            self.assertTrue(mo.is_planned)
            wos = self._wos(mo)
            for wo in wos:
                self.assertTrue(wo.leave_id and wo.leave_id.time_type == "other")
                self.assertEqual(wo.date_start, wo.leave_id.date_from)
                self.assertGreaterEqual(wo.date_start, now)
            for prev, nxt in zip(wos, wos[1:], strict=False):
                self.assertGreaterEqual(nxt.date_start, prev.date_finished)
            self.assertEqual(mo.shopfloor_expected_finish, max(wos.mapped("date_finished")))
            self.assertEqual(mo.date_finished, mo.shopfloor_expected_finish)
            self.assertFalse(mo.shopfloor_is_late)
        self._assert_no_overlap(mos.workorder_ids)
        # re-planning moves the same leaves, it does not pile up new ones
        leaves = mos.workorder_ids.leave_id
        planner._plan(mos)
        self.assertEqual(mos.workorder_ids.leave_id, leaves)
        # Odoo's unplan still works on our plan
        mos[0].button_unplan()
        self.assertFalse(mos[0].workorder_ids.leave_id)

    def test_urgent_goes_first_and_lateness(self):
        normal, rush = self._mos(2, qty=20)
        normal.date_deadline = fields.Datetime.now() + timedelta(days=30)
        rush.date_deadline = fields.Datetime.now() + timedelta(hours=1)
        rush.shopfloor_urgent = True
        self.env["shopfloor.planner"]._plan(normal | rush)
        self.assertLess(self._wos(rush)[0].date_start, self._wos(normal)[0].date_start)
        # 20 units x (6+12+3) min cannot be done in an hour: late, and flagged so
        self.assertTrue(rush.shopfloor_is_late)
        self.assertGreater(rush.shopfloor_late_hours, 0)
        self.assertIn(rush, self.env["mrp.production"].search([("shopfloor_is_late", "=", True)]))

    def test_alternative_workcenter_and_parallel_capacity(self):
        wc_weld2 = self.env["mrp.workcenter"].create(
            {"name": "SF Welding 2", "time_efficiency": 100}
        )
        self.wc_weld.alternative_workcenter_ids = wc_weld2
        mos = self._mos(2, qty=20)
        self.env["shopfloor.planner"]._plan(mos)
        welds = mos.workorder_ids.filtered(lambda w: w.operation_id.name == "Weld")
        self.assertEqual(welds.workcenter_id, self.wc_weld | wc_weld2)
        self._assert_no_overlap(mos.workorder_ids)
        # two cutting machines: both cuts start together
        self.wc_cut.shopfloor_parallel_capacity = 2
        self.env["shopfloor.planner"]._plan(mos)
        cuts = mos.workorder_ids.filtered(lambda w: w.operation_id.name == "Cut")
        self.assertEqual(cuts[0].date_start, cuts[1].date_start)

    def test_operation_overlap(self):
        weld_op = self.bom.operation_ids.filtered(lambda o: o.name == "Weld")
        weld_op.write({"shopfloor_allow_overlap": True, "shopfloor_overlap_lag": 10})
        mo = self._mos(1, qty=10)
        self.env["shopfloor.planner"]._plan(mo)
        cut, weld, _pack = self._wos(mo)
        self.assertLess(weld.date_start, cut.date_finished)
        self.assertGreaterEqual(weld.date_start, cut.date_start + timedelta(minutes=10))
        self.assertGreaterEqual(weld.date_finished, cut.date_finished)

    def test_locked_workorder_stays(self):
        mos = self._mos(2)
        planner = self.env["shopfloor.planner"]
        planner._plan(mos)
        pack = self._wos(mos[0])[-1]
        target = pack.date_start + timedelta(days=3)
        planner._move_workorder(pack.id, fields.Datetime.to_string(target))
        self.assertTrue(pack.shopfloor_locked)
        start = pack.date_start
        planner._plan(mos)
        self.assertEqual(pack.date_start, start)
        self.assertGreaterEqual(mos[0].shopfloor_expected_finish, pack.date_finished)
        with self.assertRaises(UserError):
            planner._move_workorder(
                pack.id, fields.Datetime.to_string(target), workcenter_id=self.wc_cut.id
            )

    def test_started_workorder_is_pinned(self):
        mo = self._mos(1)
        self.env["shopfloor.planner"]._plan(mo)
        cut = self._wos(mo)[0]
        cut.button_start()
        started = cut.date_start
        self.env["shopfloor.planner"]._plan(mo)
        self.assertEqual(cut.date_start, started)
        self.assertGreaterEqual(
            self._wos(mo)[1].date_start, fields.Datetime.now() - timedelta(minutes=1)
        )

    def test_rush_order_wizard_preview_then_apply(self):
        mos = self._mos(3, qty=20, deadline_days=2)
        self.env["shopfloor.planner"]._plan(mos)
        before = {wo.id: wo.date_start for wo in mos.workorder_ids}
        rush = self._create_mo(qty=5)
        rush.date_deadline = fields.Datetime.now() + timedelta(hours=4)
        wizard_form = Form(self.env["shopfloor.rush.order"].with_user(self.planner_user))
        wizard_form.production_id = rush
        wizard = wizard_form.save()
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        rush_line = wizard.line_ids.filtered("is_rush")
        self.assertEqual(rush_line.production_id, rush)
        self.assertTrue(wizard.line_ids - rush_line, "the other orders move")
        # nothing written before apply
        self.assertEqual({wo.id: wo.date_start for wo in mos.workorder_ids}, before)
        self.assertFalse(rush.shopfloor_urgent)
        wizard.action_apply()
        self.assertTrue(rush.shopfloor_urgent)
        first_start = min(
            mos.workorder_ids.mapped("date_start") + rush.workorder_ids.mapped("date_start")
        )
        self.assertEqual(self._wos(rush)[0].date_start, first_start)
        self.assertEqual(rush.shopfloor_expected_finish, rush_line.new_finish)
        # minimal disruption: the others keep their sequence on each work center
        for wc in mos.workorder_ids.workcenter_id:
            wos = mos.workorder_ids.filtered(lambda w, wc=wc: w.workcenter_id == wc)
            self.assertEqual(wos.sorted(lambda w: before[w.id]).ids, wos.sorted("date_start").ids)
        self._assert_no_overlap(mos.workorder_ids | rush.workorder_ids)

    def test_rush_order_wizard_creates_new_order(self):
        mos = self._mos(2, qty=20, deadline_days=2)
        self.env["shopfloor.planner"]._plan(mos)
        wizard_form = Form(self.env["shopfloor.rush.order"].with_user(self.planner_user))
        wizard_form.create_new = True
        wizard_form.product_id = self.product
        wizard_form.product_qty = 3
        wizard = wizard_form.save()
        Production = self.env["mrp.production"]
        count = Production.search_count([])
        wizard.action_preview()
        # the preview leaves no order behind (a savepoint, rolled back)
        self.assertEqual(Production.search_count([]), count)
        self.assertFalse(wizard.production_id)
        rush_line = wizard.line_ids.filtered("is_rush")
        self.assertFalse(rush_line.production_id)
        self.assertIn(self.product.display_name, rush_line.name)
        self.assertTrue(rush_line.new_finish)
        self.assertTrue(all((wizard.line_ids - rush_line).mapped("production_id")))
        wizard.action_apply()
        rush = wizard.production_id
        self.assertEqual(Production.search_count([]), count + 1)
        self.assertEqual(rush.state, "confirmed")
        self.assertEqual(rush.product_qty, 3)
        self.assertTrue(rush.shopfloor_urgent)
        self.assertEqual(
            self._wos(rush)[0].date_start,
            min((mos | rush).workorder_ids.mapped("date_start")),
        )

    def test_delivery_promise_uses_history(self):
        planner = self.env["shopfloor.planner"]
        promise = planner._get_delivery_promise(self.product, 10)
        self.assertEqual({op["source"] for op in promise["operations"]}, {"routing"})
        # history: a done MO whose operations took twice the routing time
        mo = self._create_mo(qty=10)
        for wo in self._wos(mo):
            wo.duration = wo.duration_expected * 2
        mo.qty_producing = 10
        mo.move_raw_ids.picked = True
        mo.with_context(skip_consumption=True, skip_backorder=True).button_mark_done()
        self.assertEqual(mo.state, "done")
        promise = planner._get_delivery_promise(self.product, 10)
        ops = {op["name"]: op for op in promise["operations"]}
        self.assertEqual(ops["Weld"]["source"], "history")
        self.assertEqual(ops["Weld"]["samples"], 1)
        # one order at 24 min/unit against the routing's 12 (the prior, weight 1): 18 x 10
        self.assertAlmostEqual(ops["Weld"]["minutes_mean"], 180.0, delta=1)
        self.assertGreaterEqual(promise["date_promise"], promise["date_expected"])
        self.assertGreater(
            fields.Datetime.to_datetime(promise["date_expected"]), fields.Datetime.now()
        )
        # the wizard shows the same
        wizard_form = Form(self.env["shopfloor.delivery.promise"].with_user(self.planner_user))
        wizard_form.product_id = self.product
        wizard_form.product_qty = 10
        wizard = wizard_form.save()
        wizard.action_compute()
        self.assertEqual(fields.Datetime.to_string(wizard.date_promise), promise["date_promise"])
        self.assertEqual(len(wizard.line_ids), 3)
        with self.assertRaises(UserError):
            planner._get_delivery_promise(self.component, 1)

    def test_timeline_data_flags_conflicts(self):
        mos = self._mos(2)
        planner = self.env["shopfloor.planner"]
        planner._plan(mos)
        data = planner.with_user(self.planner_user)._get_timeline_data()
        ids = {r["id"] for r in data["workorders"]}
        self.assertTrue(set(mos.workorder_ids.ids) <= ids)
        self.assertFalse(
            [r for r in data["workorders"] if r["id"] in mos.workorder_ids.ids and r["conflict"]]
        )
        cut1, cut2 = (self._wos(mo)[0] for mo in mos)
        planner._move_workorder(cut2.id, fields.Datetime.to_string(cut1.date_start))
        data = planner._get_timeline_data()
        flagged = {r["id"] for r in data["workorders"] if r["conflict"]}
        self.assertIn(cut2.id, flagged)
        self.assertIn(cut1.id, flagged)

    def test_api_promise_and_mo(self):
        if "plan/promise" not in self.env["shopfloor.api"]._get_endpoints():
            return
        mo = self._mos(1, deadline_days=3)
        self.env["shopfloor.planner"]._plan(mo)
        api = self.env["shopfloor.api.plan"].with_user(self.planner_user)
        result = api._api_mo(None, {"production_id": mo.id})
        self.assertEqual(
            result["expected_finish"], fields.Datetime.to_string(mo.shopfloor_expected_finish)
        )
        result = api._api_promise(None, {"product_id": self.product.id, "qty": 5})
        self.assertIn("date_promise", result)
        if "sale.order.line" not in self.env:
            self.assertEqual(self.env["shopfloor.planner"]._get_sale_line_promises(False), {})
        # through the API framework: without sales or manufacturing rights, refused
        nobody = new_test_user(self.env, login="sf_test_nobody_promise", groups="base.group_user")
        nobody_key = (
            self.env["res.users.apikeys"]
            .with_user(nobody)
            ._generate("rpc", "sales app", fields.Datetime.now() + timedelta(days=1))
        )
        for path, params in (
            ("plan/mo", {"name": mo.name}),
            ("plan/promise", {"product_id": self.product.id, "qty": 2}),
        ):
            self.api(path, params, nobody_key, expect_error="SF_FORBIDDEN")
        # a manufacturing user with an API key
        sales = new_test_user(self.env, login="sf_test_sales_promise", groups="mrp.group_mrp_user")
        key = (
            self.env["res.users.apikeys"]
            .with_user(sales)
            ._generate("rpc", "sales app", fields.Datetime.now() + timedelta(days=1))
        )
        res = self.api("plan/mo", {"name": mo.name}, key)
        self.assertEqual(res["production_id"], mo.id)
        self.assertTrue(res["expected_finish"])
        res = self.api("plan/promise", {"product_id": self.product.id, "qty": 2}, key)
        self.assertEqual(len(res["operations"]), 3)
        self.api(
            "plan/promise",
            {"product_id": self.component.id, "qty": 2},
            key,
            expect_error="SF_PLAN_NO_PROMISE",
        )
        self.api("plan/mo", {"name": "NO-SUCH-MO"}, key, expect_error="SF_PLAN_UNKNOWN_MO")

    def test_timeline_client_action_assets(self):
        action = self.env.ref("shopfloor_planning.action_shopfloor_planning_timeline")
        self.assertEqual(action.tag, "shopfloor_planning.planning_timeline")
        paths = [p[0] for p in self.env["ir.asset"]._get_asset_paths("web.assets_backend", {})]
        for ext in ("js", "xml", "scss"):
            self.assertIn(
                f"/shopfloor_planning/static/src/planning_timeline/planning_timeline.{ext}", paths
            )
        # the RPC entry points of the timeline check the user's rights
        outsider = new_test_user(self.env, login="sf_test_no_mrp", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["shopfloor.planner"].with_user(outsider).get_timeline_data()
        data = self.env["shopfloor.planner"].with_user(self.planner_user).get_timeline_data()
        self.assertIn("workcenters", data)
