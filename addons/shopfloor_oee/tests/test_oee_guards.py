import uuid
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..hooks import uninstall_hook
from .common import OeeCommon


@tagged("post_install", "-at_install")
class TestOeeGuards(OeeCommon):
    def test_gateway_ingest_runs_as_api_user_and_opens_request(self):
        """machine/events runs without sudo: as the API user, in the device's company."""
        api_user = self.env.ref("shopfloor_mp.user_shopfloor_api")
        _device, secret = self.env["shopfloor.token"]._issue("PLC G", kind="device")
        now = fields.Datetime.now()
        t1 = (now - timedelta(hours=2)).isoformat() + "Z"
        t2 = (now - timedelta(hours=1)).isoformat() + "Z"
        events = [
            {"id": "g1", "workcenter": "OEE-PRESS", "ts": t1, "state": "running"},
            {
                "id": "g2",
                "workcenter": "OEE-PRESS",
                "ts": t2,
                "state": "down",
                "reason": "MECH",
            },
        ]
        res = (
            self.env["shopfloor.api"]
            .with_user(api_user)
            ._call(
                "machine/events", {"request_uid": str(uuid.uuid4()), "events": events}, secret, {}
            )
        )
        self.assertEqual(sorted(res["accepted"]), ["g1", "g2"])
        down = self.env["shopfloor.oee.state.event"].search(
            [("workcenter_id", "=", self.wc.id), ("state", "=", "down")]
        )
        self.assertTrue(down.maintenance_request_id)
        # the machine data were written by the API user, the request in its company
        self.assertEqual(down.create_uid, api_user)
        self.assertEqual(down.maintenance_request_id.company_id, down.company_id)

    def test_shift_with_history_is_archived_not_deleted(self):
        self._shift_a()
        kpi = self._kpi()
        self.assertTrue(kpi)
        manager = new_test_user(
            self.env, login="sf_oee_del_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        with self.assertRaises(UserError):
            self.shift_day.with_user(manager).unlink()
        self.assertEqual(self.env["shopfloor.oee.kpi"]._fields["shift_id"].ondelete, "restrict")
        self.shift_day.with_user(manager).active = False
        self.assertTrue(kpi.exists())
        unused = self.env["shopfloor.oee.shift"].create(
            {"name": "Unused", "hour_from": 1.0, "hour_to": 2.0, "is_default": False}
        )
        unused.with_user(manager).unlink()

    def test_uninstall_hook_keeps_users_requests(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "shopfloor_oee"), ("model", "=", "maintenance.equipment")], limit=1
        )
        if not data:
            self.skipTest("database without demo data")
        equipment = self.env["maintenance.equipment"].browse(data.res_id)
        mine = self.env["maintenance.request"].create(
            {"name": "A user's request", "equipment_id": equipment.id}
        )
        uninstall_hook(self.env)
        self.assertTrue(mine.exists(), "a user's request is never deleted")
        self.assertFalse(data.exists(), "the equipment it uses is detached: Odoo keeps it")
        self.assertTrue(equipment.exists())
