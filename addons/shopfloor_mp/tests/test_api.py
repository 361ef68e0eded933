import uuid
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import ShopfloorCommon


def rid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestApi(ShopfloorCommon):
    def setUp(self):
        super().setUp()
        self.mo = self._create_mo(10)
        self.cut, self.weld, self.pack = self._wos(self.mo)
        self.token = self.bind(self.worker)

    def test_bind_with_pin_and_me(self):
        res = self.api("auth/bind_pin", {"badge": "9000002", "pin": "1234", "request_uid": rid()})
        self.assertEqual(res["employee"]["id"], self.worker.id)
        me = self.api("auth/me", {}, res["token"])
        self.assertEqual(me["employee"]["name"], "SF Worker Li")
        self.api(
            "auth/bind_pin",
            {"badge": "9000002", "pin": "9999", "request_uid": rid()},
            expect_error="SF_BADGE_PIN_INVALID",
        )

    def test_auth_errors(self):
        self.api("auth/me", {}, None, expect_error="SF_AUTH_REQUIRED")
        self.api("auth/me", {}, "sf_nonsense", expect_error="SF_AUTH_INVALID")
        token, secret = self.env["shopfloor.token"]._issue("p", employee=self.worker)
        token.expires_at = fields.Datetime.now() - timedelta(days=1)
        self.api("auth/me", {}, secret, expect_error="SF_AUTH_EXPIRED")
        token.expires_at = fields.Datetime.now() + timedelta(days=1)
        token.action_revoke()
        self.api("auth/me", {}, secret, expect_error="SF_AUTH_REVOKED")
        self.api("nothing/here", {}, self.token, expect_error="SF_UNKNOWN_METHOD")

    def test_scan_start_report_finish(self):
        code = self.env["shopfloor.code"]._get_url(self.cut)
        scan = self.api("scan", {"payload": code}, self.token)
        self.assertEqual(scan["type"], "workorder")
        info = scan["workorder"]
        self.assertEqual(info["allowed_actions"], ["start"])
        self.assertEqual(info["qty_available"], 10)
        self.assertTrue(info["components_available"])
        res = self.api(
            "workorder/start", {"workorder_id": self.cut.id, "request_uid": rid()}, self.token
        )
        self.assertEqual(res["workorder"]["my_state"], "working")
        res = self.api(
            "workorder/report",
            {
                "workorder_id": self.cut.id,
                "qty_good": 8,
                "qty_scrap": 1,
                "defect_code": "OP-DIM",
                "request_uid": rid(),
            },
            self.token,
        )
        self.assertEqual(res["workorder"]["qty_good"], 8)
        self.assertEqual(res["workorder"]["qty_scrap"], 1)
        res = self.api(
            "workorder/finish", {"workorder_id": self.cut.id, "request_uid": rid()}, self.token
        )
        self.assertTrue(res["workorder_done"])
        mine = self.api("my/reports", {}, self.token)
        self.assertEqual(mine["totals"], {"qty_good": 8.0, "qty_scrap": 1.0})

    def test_retry_is_idempotent(self):
        self.api("workorder/start", {"workorder_id": self.cut.id, "request_uid": rid()}, self.token)
        uid = rid()
        params = {"workorder_id": self.cut.id, "qty_good": 3, "request_uid": uid}
        first = self.api("workorder/report", params, self.token)
        again = self.api("workorder/report", dict(params), self.token)
        self.assertEqual(first, again)
        self.assertEqual(self.cut.qty_produced, 3, "a retry does not count twice")
        self.api(
            "workorder/report",
            dict(params, qty_good=4),
            self.token,
            expect_error="SF_REQUEST_REUSED",
        )
        logs = self.env["shopfloor.api.log"].search([("request_uid", "=", uid)])
        self.assertEqual(sorted(logs.mapped("replayed")), [False, True])

    def test_write_needs_request_uid(self):
        self.api(
            "workorder/start",
            {"workorder_id": self.cut.id},
            self.token,
            expect_error="SF_BAD_PARAMS",
        )
        self.api(
            "workorder/start",
            {"workorder_id": self.cut.id, "request_uid": "x"},
            self.token,
            expect_error="SF_BAD_PARAMS",
        )

    def test_bad_params(self):
        self.api("workorder/start", {"workorder_id": self.cut.id, "request_uid": rid()}, self.token)
        for params, code in (
            ({"workorder_id": "abc"}, "SF_BAD_PARAMS"),
            ({"workorder_id": -3}, "SF_BAD_PARAMS"),
            ({"workorder_id": self.cut.id, "qty_good": -1}, "SF_BAD_PARAMS"),
            ({"workorder_id": self.cut.id, "qty_good": "7"}, "SF_BAD_PARAMS"),
            ({"workorder_id": self.cut.id, "qty_good": 1e9}, "SF_QTY_ABSURD"),
            ({"workorder_id": self.cut.id, "qty_good": 500}, "SF_QTY_ABSURD"),
            ({"workorder_id": self.cut.id, "qty_good": 11}, "SF_QTY_EXCEEDS_AVAILABLE"),
            ({"workorder_id": self.cut.id, "qty_good": 0}, "SF_BAD_PARAMS"),
            ({"workorder_id": 999999999, "qty_good": 1}, "SF_UNKNOWN_CODE"),
            ({"code": "NOPE", "qty_good": 1}, "SF_UNKNOWN_CODE"),
            ({"workorder_id": self.cut.id, "qty_scrap": 1}, "SF_SCRAP_REASON_REQUIRED"),
            (
                {"workorder_id": self.cut.id, "qty_good": 1, "client_ts": "yesterday"},
                "SF_BAD_PARAMS",
            ),
            (
                {"workorder_id": self.cut.id, "qty_good": 1, "client_ts": "2001-01-01T00:00:00Z"},
                "SF_REQUEST_TOO_OLD",
            ),
        ):
            with self.subTest(params=params):
                self.api(
                    "workorder/report",
                    dict(params, request_uid=rid()),
                    self.token,
                    expect_error=code,
                )
        self.assertEqual(self.cut.qty_produced, 0, "nothing half-written")

    def test_not_started_and_forbidden(self):
        self.api(
            "workorder/report",
            {"workorder_id": self.cut.id, "qty_good": 1, "request_uid": rid()},
            self.token,
            expect_error="SF_WO_NOT_STARTED",
        )
        # packing is not the worker's work center
        self.api(
            "workorder/start",
            {"workorder_id": self.pack.id, "request_uid": rid()},
            self.token,
            expect_error="SF_FORBIDDEN",
        )
        # the leader may act on the team's work centers
        leader_token = self.bind(self.leader)
        self.api(
            "workorder/start", {"workorder_id": self.cut.id, "request_uid": rid()}, leader_token
        )
        outsider_token = self.bind(self.outsider)
        self.api(
            "workorder/get",
            {"workorder_id": self.cut.id},
            outsider_token,
            expect_error="SF_FORBIDDEN",
        )

    def test_offline_report_keeps_its_time(self):
        ts = fields.Datetime.now() - timedelta(hours=5)
        self.api(
            "workorder/start",
            {"workorder_id": self.cut.id, "request_uid": rid(), "client_ts": ts.isoformat() + "Z"},
            self.token,
        )
        log = self.cut.time_ids.filtered(lambda t: t.employee_id == self.worker)
        self.assertEqual(log.date_start, ts.replace(microsecond=0))

    def test_device_token_needs_badge(self):
        device, secret = self.env["shopfloor.token"]._issue("Terminal A", kind="device")
        self.api(
            "workorder/start",
            {"workorder_id": self.cut.id, "request_uid": rid()},
            secret,
            expect_error="SF_BADGE_REQUIRED",
        )
        res = self.api(
            "workorder/start",
            {"workorder_id": self.cut.id, "request_uid": rid(), "badge": "9000003"},
            secret,
        )
        self.assertEqual(self.cut.shopfloor_active_employee_ids, self.worker2)
        self.assertEqual(res["workorder"]["my_state"], "working")
        badge_url = self.env["shopfloor.code"]._get_url(self.worker)
        self.api(
            "workorder/start",
            {"workorder_id": self.cut.id, "request_uid": rid(), "badge": badge_url},
            secret,
        )
        self.assertEqual(self.cut.shopfloor_active_employee_ids, self.worker | self.worker2)

    def test_leader_generates_bind_code(self):
        leader_token = self.bind(self.leader)
        res = self.api(
            "auth/bind_code", {"employee_id": self.worker.id, "request_uid": rid()}, leader_token
        )
        bound = self.api("auth/bind", {"code": res["code"], "request_uid": rid()})
        self.assertEqual(bound["employee"]["id"], self.worker.id)
        self.api(
            "auth/bind_code",
            {"employee_id": self.leader.id, "request_uid": rid()},
            self.token,
            expect_error="SF_FORBIDDEN",
        )

    def test_progress_and_catalog(self):
        self.api("workorder/start", {"workorder_id": self.cut.id, "request_uid": rid()}, self.token)
        self.api(
            "workorder/report",
            {"workorder_id": self.cut.id, "qty_good": 4, "request_uid": rid()},
            self.token,
        )
        progress = self.api("production/progress", {"production_id": self.mo.id}, self.token)
        self.assertEqual([op["qty_good"] for op in progress["operations"]], [4, 0, 0])
        self.assertTrue(progress["expected_finish"])
        catalog = self.api("catalog", {}, self.token)
        self.assertIn("OP-DIM", [d["code"] for d in catalog["defect_types"]])
        todo = self.api("my/workorders", {}, self.token)
        self.assertIn(self.cut.id, [w["id"] for w in todo["workorders"]])
        self.assertNotIn(self.pack.id, [w["id"] for w in todo["workorders"]])

    def test_error_messages_in_both_languages(self):
        exc = self.api("auth/me", {}, "sf_bad", expect_error="SF_AUTH_INVALID")
        data = exc.to_dict("zh_CN")
        self.assertTrue(data["message_en"].startswith("This token is not valid"))
        self.assertNotEqual(data["message_zh"], data["message_en"], "zh_CN translation shipped")

    def test_sale_progress_with_api_key(self):
        self.mo.origin = "S00042"
        # no sales and no manufacturing rights: refused, whatever is installed
        nobody = new_test_user(self.env, login="sf_test_nobody", groups="base.group_user")
        nobody_key = (
            self.env["res.users.apikeys"]
            .with_user(nobody)
            ._generate("rpc", "mini-program", fields.Datetime.now() + timedelta(days=1))
        )
        self.api("sale/progress", {"sale_order": "S00042"}, nobody_key, expect_error="SF_FORBIDDEN")
        sales = new_test_user(self.env, login="sf_test_sales", groups="mrp.group_mrp_user")
        key = (
            self.env["res.users.apikeys"]
            .with_user(sales)
            ._generate("rpc", "mini-program", fields.Datetime.now() + timedelta(days=1))
        )
        res = self.api("sale/progress", {"sale_order": "S00042"}, key)
        self.assertEqual(res["productions"][0]["id"], self.mo.id)
        self.assertEqual(len(res["productions"][0]["operations"]), 3)
        self.api(
            "sale/progress", {"sale_order": "S00042"}, "bad-key", expect_error="SF_AUTH_INVALID"
        )
        self.api("sale/progress", {"sale_order": "S-NONE"}, key, expect_error="SF_UNKNOWN_CODE")
        # a worker token is not a sales user's key
        self.api(
            "sale/progress", {"sale_order": "S00042"}, self.token, expect_error="SF_AUTH_INVALID"
        )

    def test_register_device_as_manager(self):
        manager = new_test_user(
            self.env, login="sf_test_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        wizard = Form(self.env["shopfloor.device.wizard"].with_user(manager))
        wizard.name = "Terminal line 2"
        record = wizard.save()
        action = record.action_register()
        secret = action["context"]["shopfloor_shown_secret"]
        self.assertTrue(secret.startswith("sf_"))
        # shown on the screen of this record only, never stored
        self.assertEqual(record.with_context(**action["context"]).token, secret)
        self.assertFalse(record.token)
        me = self.api("auth/me", {}, secret)
        self.assertEqual(me["device"], {"name": "Terminal line 2", "kind": "device"})
        self.assertIsNone(me["employee"])
        with self.assertRaises(UserError):
            self.env["shopfloor.token"].with_user(self.leader_user).issue_device_token("x")
