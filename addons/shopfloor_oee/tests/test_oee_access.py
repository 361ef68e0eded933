from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import OeeCommon, t


@tagged("post_install", "-at_install")
class TestOeeAccess(OeeCommon):
    def test_leader(self):
        self._shift_a()
        self._kpi()
        env = self.env(user=self.leader)
        kpis = env["shopfloor.oee.kpi"].search([("workcenter_id", "=", self.wc.id)])
        self.assertTrue(kpis)
        self.assertTrue(kpis.read(["oee", "availability", "loss_ids"]))
        groups = env["shopfloor.oee.kpi"].read_group(
            [("workcenter_id", "=", self.wc.id)], ["oee:avg", "run_time:sum"], ["shift_id"]
        )
        self.assertTrue(groups)
        self.assertTrue(kpis[0].action_open_events()["domain"])
        # a leader records a state by hand (Form: the UI flow)
        with Form(env["shopfloor.oee.state.event"]) as form:
            form.workcenter_id = self.wc.with_user(self.leader)
            form.reason_id = self.reason_changeover.with_user(self.leader)
            form.date_start = t("15:00")
        self.assertEqual(form.record.state, "setup")
        with self.assertRaises(AccessError):
            form.record.unlink()
        with self.assertRaises(AccessError):
            env["shopfloor.oee.loss.reason"].create({"name": "nope"})
        # the live board and the live status
        wc = self.wc.with_user(self.leader)
        self.assertIn(wc.oee_state, ("setup", "unknown", "running", "idle", "down"))
        self.assertTrue(env["mrp.workcenter"]._oee_live_json(wc))
