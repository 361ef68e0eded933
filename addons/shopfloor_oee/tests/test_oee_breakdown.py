from odoo.tests import tagged

from .common import OeeCommon, t


@tagged("post_install", "-at_install")
class TestOeeBreakdown(OeeCommon):
    def test_breakdown_request_and_close(self):
        self.env["shopfloor.oee.gateway"]._ingest(
            [
                {
                    "id": "r1",
                    "workcenter": "OEE-PRESS",
                    "ts": "2026-03-02T06:00:00Z",
                    "state": "running",
                },
                {
                    "id": "d1",
                    "workcenter": "OEE-PRESS",
                    "ts": "2026-03-02T08:00:00Z",
                    "state": "down",
                    "reason": "MECH",
                },
            ],
            now=t("08:10"),
        )
        down = self.env["shopfloor.oee.state.event"].search(
            [("workcenter_id", "=", self.wc.id), ("state", "=", "down")]
        )
        request = down.maintenance_request_id
        self.assertTrue(request)
        self.assertEqual(request.equipment_id, self.equipment)
        self.assertEqual(request.maintenance_team_id, self.team)
        self.assertEqual(request.priority, "3")
        self.assertEqual(request.maintenance_type, "corrective")
        self.assertTrue(request.oee_down_ongoing)
        self.assertEqual(request.oee_workcenter_id, self.wc)
        self.assertEqual(request.oee_downtime_start, t("08:00"))
        done = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        request.stage_id = done
        self.assertTrue(down.date_end)
        self.assertFalse(request.oee_down_ongoing)
        self.assertGreater(request.oee_downtime, 0)
        self.assertTrue(request.duration)

    def test_breakdown_from_worker_pause(self):
        """A worker's pause with Odoo's 'Equipment Failure' reason is a breakdown too."""
        log = self.env["mrp.workcenter.productivity"].create(
            {
                "workcenter_id": self.wc.id,
                "loss_id": self.env.ref("mrp.block_reason1").id,
                "date_start": t("09:00"),
            }
        )
        event = self.env["shopfloor.oee.state.event"].search([("productivity_id", "=", log.id)])
        self.assertEqual(event.state, "down")
        self.assertEqual(event.maintenance_request_id.equipment_id, self.equipment)
