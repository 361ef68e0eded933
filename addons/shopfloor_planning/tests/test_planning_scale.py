import time
from unittest.mock import patch

from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPlanningScale(ShopfloorCommon):
    """Early stop of a plan (Stop button, stall) and its live progress over the bus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner_user = new_test_user(
            cls.env, login="sf_scale_planner", groups="mrp.group_mrp_user,stock.group_stock_user"
        )
        cls.plain_user = new_test_user(cls.env, login="sf_scale_plain", groups="base.group_user")
        cls.env["ir.config_parameter"].sudo().set_param("shopfloor_mp.plan_time_limit", "3")

    def test_stop_request_reaches_the_running_plan(self):
        planner = self.env["shopfloor.planner"].with_user(self.planner_user)
        control = planner._get_search_control()
        planner.stop_plan()
        self.assertTrue(control.stopped())
        # a new plan starts without the old request
        self.assertFalse(planner._get_search_control().stopped())
        self.assertEqual(control.stall_seconds, 5.0)

    def test_stop_needs_planning_rights(self):
        with self.assertRaises(AccessError):
            self.env["shopfloor.planner"].with_user(self.plain_user).stop_plan()

    def test_plan_reports_progress_and_stops_early(self):
        mos = self._create_mo(qty=5) | self._create_mo(qty=3)
        planner = self.env["shopfloor.planner"].with_user(self.planner_user)
        self.env["ir.config_parameter"].sudo().set_param("shopfloor_mp.plan_time_limit", "60")
        Planner = self.registry["shopfloor.planner"]
        sent = []
        t0 = time.monotonic()
        with (
            patch.object(Planner, "_get_stop_request", return_value=True),
            patch.object(Planner, "_send_plan_progress", side_effect=sent.append, autospec=False),
        ):
            result = planner._plan(mos)
        # stopped at once, the heuristic's plan kept and written back
        self.assertLess(time.monotonic() - t0, 30)
        self.assertEqual(result["planned"], 2)
        self.assertTrue(all(mos.mapped("is_planned")))
        self.assertEqual(sent[0]["phase"], "heuristic")
        self.assertEqual((sent[-1]["phase"], sent[-1]["reason"]), ("done", "stopped"))
        self.assertTrue({"seconds", "late_jobs", "makespan"} <= set(sent[-1]))
        # the notification goes to the planning user's bus channel
        with patch.object(type(self.env["res.users"]), "_bus_send") as bus_send:
            planner._send_plan_progress(sent[-1])
        bus_send.assert_called_once_with("shopfloor.plan_progress", sent[-1])
