import uuid
from datetime import timedelta

from odoo import fields
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.tests import tagged

from .common import OeeCommon


@tagged("post_install", "-at_install")
class TestOeeApi(OeeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.api_user = cls.env.ref("shopfloor_mp.user_shopfloor_api")
        cls.device, cls.secret = cls.env["shopfloor.token"]._issue("PLC 7", kind="device")

    def api(self, path, params, token=None):
        service = self.env["shopfloor.api"].with_user(self.api_user)
        return service._call(path, dict(params), token or self.secret, {})

    def test_machine_events_idempotent(self):
        now = fields.Datetime.now()
        t1 = (now - timedelta(hours=2)).isoformat() + "Z"
        t2 = (now - timedelta(hours=1)).isoformat() + "Z"
        events = [
            {"id": "plc7-1", "workcenter": "OEE-PRESS", "ts": t1, "state": "running"},
            {"id": "plc7-2", "workcenter": "OEE-PRESS", "ts": t2, "good": 100, "reject": 2},
        ]
        res = self.api("machine/events", {"request_uid": str(uuid.uuid4()), "events": events})
        self.assertEqual(sorted(res["accepted"]), ["plc7-1", "plc7-2"])
        # the same events in a new request (the gateway lost the answer): nothing twice
        res = self.api("machine/events", {"request_uid": str(uuid.uuid4()), "events": events})
        self.assertEqual(sorted(res["duplicates"]), ["plc7-1", "plc7-2"])
        self.assertEqual(
            self.env["shopfloor.oee.count"].search([("workcenter_id", "=", self.wc.id)]).qty_good,
            100,
        )
        # a worker token may not push machine data
        _token, worker_secret = self.env["shopfloor.token"]._issue(
            "phone", employee=self.env["hr.employee"].create({"name": "OEE worker"})
        )
        with self.assertRaises(ShopfloorError) as err:
            self.api(
                "machine/events",
                {"request_uid": str(uuid.uuid4()), "events": events},
                worker_secret,
            )
        self.assertEqual(err.exception.code, "SF_FORBIDDEN")

    def test_live(self):
        self._event(fields.Datetime.now() - timedelta(minutes=1), False, "down", self.reason_jam)
        res = self.api("oee/live", {"workcenter_ids": [self.wc.id]})
        self.assertEqual(len(res["workcenters"]), 1)
        self.assertEqual(res["workcenters"][0]["state"], "down")
        self.assertEqual(res["workcenters"][0]["reason_code"], "JAM")
