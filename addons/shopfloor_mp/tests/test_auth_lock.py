import uuid

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from ..tools.api import ShopfloorError


def rid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestAuthLock(TransactionCase):
    """Badge + PIN and binding codes cannot be guessed: throttling and lockout per badge
    and per address. Each call runs as the controller runs it: the failed call is rolled
    back (savepoint) and its failure written afterwards, as on the failure log's own
    cursor. tests/test_auth_lock_e2e.py does the same over a real multi-worker server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        icp = cls.env["ir.config_parameter"]
        icp.set_param("shopfloor_mp.auth_max_failures_badge", 3)
        icp.set_param("shopfloor_mp.auth_max_failures_ip", 8)
        cls.leader = cls.env["hr.employee"].create(
            {
                "name": "SF Lock Leader",
                "barcode": "9100001",
                "pin": "4321",
                "shopfloor_role": "leader",
            }
        )
        cls.worker = cls.env["hr.employee"].create(
            {
                "name": "SF Lock Worker",
                "barcode": "9100002",
                "pin": "1234",
                "parent_id": cls.leader.id,
            }
        )
        cls.worker2 = cls.env["hr.employee"].create(
            {"name": "SF Lock Worker 2", "barcode": "9100003", "pin": "5678"}
        )
        cls.leader_user = new_test_user(
            cls.env, login="sf_lock_leader", groups="shopfloor_mp.group_shopfloor_leader"
        )
        cls.worker_user = new_test_user(
            cls.env, login="sf_lock_worker", groups="shopfloor_mp.group_shopfloor_worker"
        )
        cls.api_user = cls.env.ref("shopfloor_mp.user_shopfloor_api")

    def call(self, path, params, ip="10.1.2.3"):
        api = self.env["shopfloor.api"].with_user(self.api_user)
        meta = {"ip": ip}
        try:
            with self.env.cr.savepoint():  # a failed call writes nothing
                return {"result": api._call(path, dict(params), None, meta)}
        except ShopfloorError as exc:
            api.sudo()._write_failure(api._prepare_failure_vals(meta, exc.code), meta)
            return {"error": {"data": exc.to_dict("zh_CN")}}

    def pin(self, badge, pin, ip="10.1.2.3"):
        return self.call("auth/bind_pin", {"badge": badge, "pin": pin, "request_uid": rid()}, ip)

    def code(self, res):
        return res.get("error", {}).get("data", {}).get("code")

    def test_badge_locked_after_wrong_pins_and_leader_unlocks(self):
        for guess in ("0000", "0001", "0002"):
            self.assertEqual(self.code(self.pin("9100002", guess)), "SF_BADGE_PIN_INVALID")
        locked = self.pin("9100002", "1234")  # even the right PIN, while locked
        self.assertEqual(self.code(locked), "SF_AUTH_LOCKED")
        self.assertGreater(locked["error"]["data"]["details"]["retry_after"], 60)
        self.assertIn("秒", locked["error"]["data"]["message_zh"])
        # another badge from the same address still works (address threshold not hit)
        self.assertIn("result", self.pin("9100003", "5678"))
        lock = self.env["shopfloor.auth.lock"].search(
            [("scope", "=", "badge"), ("key", "=", "9100002")]
        )
        self.assertTrue(lock.is_locked)
        self.assertEqual(lock.employee_id, self.worker)
        # the attempts are logged, with the employee, never the PIN
        logs = self.env["shopfloor.api.log"].search(
            [("endpoint", "=", "auth/bind_pin"), ("employee_id", "=", self.worker.id)]
        )
        self.assertEqual(logs.mapped("result_code"), ["SF_BADGE_PIN_INVALID"] * 3)
        self.assertEqual(set(logs.mapped("ip")), {"10.1.2.3"})
        refused = self.env["shopfloor.api.log"].search(
            [
                ("endpoint", "=", "auth/bind_pin"),
                ("result_code", "=", "SF_AUTH_LOCKED"),
                ("ip", "=", "10.1.2.3"),
            ]
        )
        self.assertEqual(len(refused), 1)
        for log in logs | refused:
            self.assertFalse(log.response)
        # a worker cannot unlock; the leader can, from the employee or the lock list
        with self.assertRaises(UserError):
            lock.with_user(self.worker_user).action_unlock()
        self.worker.with_user(self.leader_user).action_shopfloor_unlock_pin()
        self.assertIn("result", self.pin("9100002", "1234"))

    def test_address_locked_across_badges_and_bind_codes(self):
        for i in range(5):
            self.assertEqual(self.code(self.pin(f"77{i:05d}", "0000")), "SF_BADGE_PIN_INVALID")
        for i in range(3):
            res = self.call("auth/bind", {"code": f"{i:010d}", "request_uid": rid()})
            self.assertEqual(self.code(res), "SF_BIND_CODE_INVALID")
        # 8 failures from this address: every badge and binding code is refused now
        self.assertEqual(self.code(self.pin("9100003", "5678")), "SF_AUTH_LOCKED")
        res = self.call("auth/bind", {"code": "1234567890", "request_uid": rid()})
        self.assertEqual(self.code(res), "SF_AUTH_LOCKED")
        lock = self.env["shopfloor.auth.lock"].search(
            [("scope", "=", "ip"), ("key", "=", "10.1.2.3")]
        )
        self.assertTrue(lock.is_locked)
        lock.with_user(self.leader_user).action_unlock()
        self.assertIn("result", self.pin("9100003", "5678"))


@tagged("post_install", "-at_install")
class TestSharedTerminalLogout(HttpCase):
    """A worker signing out on a shared terminal never revokes the terminal's token."""

    def test_logout_on_terminal_and_phone(self):
        wc = self.env["mrp.workcenter"].create({"name": "SF Logout WC"})
        worker = self.env["hr.employee"].create(
            {
                "name": "SF Logout Worker",
                "barcode": "9200001",
                "pin": "1111",
                "shopfloor_workcenter_ids": [Command.set(wc.ids)],
            }
        )
        Token = self.env["shopfloor.token"]
        device, device_secret = Token._issue("Terminal", kind="device")
        phone, phone_secret = Token._issue("Phone", employee=worker)
        api_user = self.env.ref("shopfloor_mp.user_shopfloor_api")
        api = self.env["shopfloor.api"].with_user(api_user)
        res = api._call("auth/logout", {"badge": "9200001", "request_uid": rid()}, device_secret)
        self.assertFalse(res["revoked"])
        self.assertEqual(res["employee_id"], worker.id)
        self.assertTrue(device.active)
        me = api._call("auth/me", {}, device_secret)
        self.assertEqual(me["device"]["kind"], "device")
        # the worker's own phone: its token is revoked
        self.assertTrue(api._call("auth/logout", {"request_uid": rid()}, phone_secret)["revoked"])
        self.assertFalse(phone.active)
        # only a manager retires a device
        leader = new_test_user(
            self.env, login="sf_logout_leader", groups="shopfloor_mp.group_shopfloor_leader"
        )
        with self.assertRaises(UserError):
            device.with_user(leader).action_revoke()
        with self.assertRaises(UserError):
            device.with_user(leader).active = False
        manager = new_test_user(
            self.env, login="sf_logout_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        device.with_user(manager).action_revoke()
        self.assertFalse(device.active)
