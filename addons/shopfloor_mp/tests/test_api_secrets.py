import importlib.util
import json
import pathlib
import uuid

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ShopfloorCommon


def rid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestApiSecrets(ShopfloorCommon):
    """No secret (token, binding code, PIN) is kept in clear: not in the call log, not in
    a replayed answer, not in a wizard."""

    def _claim(self, uid):
        return self.env["shopfloor.api.log"].search(
            [("request_uid", "=", uid), ("is_claim", "=", True)]
        )

    def _assert_not_stored(self, uid, *secrets):
        claim = self._claim(uid)
        self.assertTrue(claim)
        for secret in secrets:
            self.assertNotIn(secret, claim.response or "")
            self.assertNotIn(secret, claim.payload_hash or "")
        self.assertTrue(claim.payload_hash.startswith("hmac:"), "no plain digest of a PIN")
        self.assertIn("[redacted]", claim.response)

    def test_bind_pin_answer_redacted_and_not_replayed(self):
        uid = rid()
        params = {"badge": "9000002", "pin": "1234", "request_uid": uid}
        res = self.api("auth/bind_pin", params)
        self.assertTrue(res["token"].startswith("sf_"))
        self._assert_not_stored(uid, res["token"])
        # whoever resends the request id does not get the token again
        err = self.api("auth/bind_pin", dict(params), expect_error="SF_REQUEST_SERVED")
        self.assertNotIn("sf_", json.dumps(err.to_dict("en_US")))
        self.assertIn("只显示一次", err.get_message("zh_CN"))

    def test_bind_code_answers_redacted(self):
        leader_token = self.bind(self.leader)
        uid = rid()
        res = self.api(
            "auth/bind_code", {"employee_id": self.worker.id, "request_uid": uid}, leader_token
        )
        self._assert_not_stored(uid, res["code"])
        self.api(
            "auth/bind_code",
            {"employee_id": self.worker.id, "request_uid": uid},
            leader_token,
            expect_error="SF_REQUEST_SERVED",
        )
        uid2 = rid()
        bound = self.api("auth/bind", {"code": res["code"], "request_uid": uid2})
        self._assert_not_stored(uid2, bound["token"], res["code"])
        self.api(
            "auth/bind",
            {"code": res["code"], "request_uid": uid2},
            expect_error="SF_REQUEST_SERVED",
        )

    def test_all_secret_endpoints_marked(self):
        endpoints = self.env["shopfloor.api"]._get_endpoints()
        for path in ("auth/bind", "auth/bind_pin", "auth/wechat", "auth/bind_code"):
            self.assertTrue(endpoints[path].secret, path)

    def test_call_log_managers_only_and_per_company(self):
        uid = rid()
        self.api("auth/bind_pin", {"badge": "9000002", "pin": "1234", "request_uid": uid})
        Log = self.env["shopfloor.api.log"]
        with self.assertRaises(AccessError):
            Log.with_user(self.leader_user).search([("request_uid", "=", uid)])
        manager = new_test_user(
            self.env, login="sf_sec_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        self.assertTrue(Log.with_user(manager).search([("request_uid", "=", uid)]))
        other = self.env["res.company"].create({"name": "SF Other Co"})
        foreign = new_test_user(
            self.env,
            login="sf_sec_manager2",
            groups="shopfloor_mp.group_shopfloor_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        self.assertFalse(Log.with_user(foreign).search([("request_uid", "=", uid)]))
        # a claim is the idempotency of a write call: never deleted by hand
        with self.assertRaises(UserError):
            self._claim(uid).unlink()

    def test_migration_scrubs_existing_rows(self):
        log = self.env["shopfloor.api.log"]
        log._write_line({"endpoint": "auth/bind_pin", "request_uid": "m1", "payload_hash": "ab"})
        row = log.search([("request_uid", "=", "m1")])
        secret = "sf_" + "x" * 40
        self.env.cr.execute(
            "UPDATE shopfloor_api_log SET response = %s WHERE id = %s",
            (json.dumps({"token": secret, "employee": {"id": 1}}), row.id),
        )
        log._write_line({"endpoint": "other/thing", "request_uid": "m2"})
        row2 = log.search([("request_uid", "=", "m2")])
        self.env.cr.execute(
            "UPDATE shopfloor_api_log SET response = %s WHERE id = %s",
            (json.dumps({"nested": [{"token": secret}]}), row2.id),
        )
        path = (
            pathlib.Path(__file__).parent.parent / "migrations" / "18.0.1.1.0" / "post-migration.py"
        )
        spec = importlib.util.spec_from_file_location("sf_mig_1_1", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        for record in row | row2:
            self.assertNotIn(secret, record.response)
            self.assertIn("[redacted]", record.response)
        self.assertFalse(row.payload_hash)


@tagged("post_install", "-at_install")
class TestApiUserCompanies(ShopfloorCommon):
    def test_companies_linked_at_token_issue_not_on_request(self):
        other = self.env["res.company"].create({"name": "SF Second Plant"})
        self.assertNotIn(other, self.api_user.company_ids)
        employee = self.env["hr.employee"].create(
            {"name": "SF Second Worker", "company_id": other.id}
        )
        _token, secret = self.env["shopfloor.token"]._issue("p", employee=employee)
        self.assertIn(other, self.api_user.company_ids, "linked when the token is issued")
        self.assertEqual(self.api("auth/me", {}, secret)["company"]["id"], other.id)
        # the request path never widens the API user
        self.api_user.sudo().company_ids = [(3, other.id)]
        self.api("auth/me", {}, secret, expect_error="SF_FORBIDDEN")
        self.assertNotIn(other, self.api_user.company_ids)
