import json
import uuid
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ShopfloorCommon


def uid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestInbox(ShopfloorCommon):
    """The message centre: items per worker and per user, read/done, counts, API, bus,
    and the mail.activity side for Odoo users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Item = cls.env["shopfloor.inbox.item"]
        cls.token = cls.bind(cls, cls.worker)
        cls.token2 = cls.bind(cls, cls.worker2)
        # the leader also has an Odoo user: one item is theirs in the app and in Odoo
        cls.leader.user_id = cls.leader_user
        cls.mo = cls._create_mo(4)

    def _post(self, recipients, title="Check due", kind="todo", **kw):
        return self.Item._sf_post(recipients, title, body="Op 10", kind=kind, **kw)

    def test_inbox_worker_flow(self):
        items = self._post(self.worker, "QC due on Cut", record=self.mo, category="quality")
        self._post(self.worker, "Shift starts at 8", kind="notice")
        self._post(self.worker2, "Not yours", kind="notice")
        res = self.api("my/inbox", {}, self.token)
        self.assertEqual([i["title"] for i in res["items"]], ["Shift starts at 8", "QC due on Cut"])
        self.assertEqual((res["unread"], res["todo_open"]), (2, 1))
        self.assertTrue(res["bus_channel"].startswith("shopfloor_inbox_"))
        self.assertEqual(res["items"][1]["source"], {"model": "mrp.production", "id": self.mo.id})
        # another worker's channel is another channel
        other = self.api("my/inbox", {}, self.token2)
        self.assertNotEqual(other["bus_channel"], res["bus_channel"])
        self.assertEqual(other["unread"], 1)

        read = self.api("my/inbox/read", {"item_ids": items.ids, "request_uid": uid()}, self.token)
        self.assertEqual((read["changed"], read["unread"], read["todo_open"]), (1, 1, 1))
        self.assertEqual(items.state, "read")
        req = uid()
        done = self.api("my/inbox/done", {"item_ids": items.ids, "request_uid": req}, self.token)
        self.assertEqual((done["changed"], done["todo_open"]), (1, 0))
        self.assertEqual(items.state, "done")
        self.assertTrue(items.done_at)
        # a retry is answered the same, nothing changes
        again = self.api("my/inbox/done", {"item_ids": items.ids, "request_uid": req}, self.token)
        self.assertEqual(again, done)
        # open items only by default, all on demand
        self.assertEqual(len(self.api("my/inbox", {}, self.token)["items"]), 1)
        self.assertEqual(len(self.api("my/inbox", {"state": "all"}, self.token)["items"]), 2)
        self.assertEqual(len(self.api("my/inbox", {"kind": "todo"}, self.token)["items"]), 0)
        all_read = self.api("my/inbox/read", {"all": True, "request_uid": uid()}, self.token)
        self.assertEqual(all_read["unread"], 0)

    def test_inbox_errors_write_nothing(self):
        mine = self._post(self.worker, kind="notice")
        theirs = self._post(self.worker2, kind="notice")
        exc = self.api(
            "my/inbox/done",
            {"item_ids": mine.ids + theirs.ids, "request_uid": uid()},
            self.token,
            expect_error="SF_INBOX_UNKNOWN_ITEM",
        )
        self.assertEqual(exc.details["ids"], theirs.ids)
        self.assertNotEqual(exc.get_message("zh_CN"), exc.get_message("en_US"))
        self.assertEqual((mine.state, theirs.state), ("new", "new"))
        for bad in ([], ["1"], [True], [-1], "1", list(range(1, 600))):
            self.api(
                "my/inbox/read",
                {"item_ids": bad, "request_uid": uid()},
                self.token,
                expect_error="SF_BAD_PARAMS",
            )
        self.api("my/inbox", {"state": "x"}, self.token, expect_error="SF_BAD_PARAMS")
        self.api("my/inbox", {"kind": "x"}, self.token, expect_error="SF_BAD_PARAMS")
        self.api("my/inbox/read", {"item_ids": mine.ids}, self.token, expect_error="SF_BAD_PARAMS")
        # a shared terminal without a badge has no inbox
        device, secret = self.env["shopfloor.token"]._issue("terminal", kind="device")
        self.api("my/inbox", {}, secret, expect_error="SF_INBOX_NO_RECIPIENT")
        res = self.api("my/inbox", {"badge": self.worker.barcode}, secret)
        self.assertEqual(res["unread"], 1)
        self.assertIsNone(res["bus_channel"], "no live channel on a shared terminal")

    def test_key_posts_once(self):
        first = self._post(self.worker | self.worker2, key="andon:1:1")
        again = self._post(self.worker | self.worker2, key="andon:1:1")
        self.assertEqual(len(first), 2)
        self.assertFalse(again)
        self.Item._sf_mark_done_by_key("andon:1:1")
        self.assertEqual(set(first.mapped("state")), {"done"})

    def test_user_items_are_activities(self):
        item = self._post(self.leader, "Approve replenishment", record=self.mo)
        self.assertEqual(item.employee_id, self.leader)
        self.assertEqual(item.user_id, self.leader_user, "one item for the employee and the user")
        activity = item.source_activity_id
        self.assertEqual((activity.res_model, activity.res_id), ("mrp.production", self.mo.id))
        self.assertEqual(activity.user_id, self.leader_user)
        # done in Odoo's activity menu -> done in the app
        activity.with_user(self.leader_user).action_feedback("ok")
        self.assertEqual(item.state, "done")
        # done in the app -> the activity is done too
        item2 = self._post(self.leader, "Second")
        self.assertEqual(item2.source_activity_id.res_model, "shopfloor.inbox.item")
        leader_token = self.bind(self.leader)
        self.api("my/inbox/done", {"item_ids": item2.ids, "request_uid": uid()}, leader_token)
        self.assertFalse(item2.source_activity_id.exists())
        self.assertFalse(
            self.env["mail.activity"].search(
                [("user_id", "=", self.leader_user.id), ("res_model", "=", item2._name)]
            )
        )

    def test_user_inbox_with_api_key(self):
        user = new_test_user(
            self.env, login="sf_inbox_user", groups="shopfloor_mp.group_shopfloor_leader"
        )
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate("rpc", "app", fields.Datetime.now() + timedelta(days=1))
        )
        item = self._post(user, "Dispute answered", kind="notice")
        self.assertFalse(item.employee_id)
        self.assertFalse(item.source_activity_id, "notices are no activities")
        res = self.api("my/inbox", {}, key)
        self.assertEqual([i["id"] for i in res["items"]], item.ids)
        self.api("my/inbox/read", {"item_ids": item.ids, "request_uid": uid()}, key)
        self.assertEqual(item.state, "read")

    def test_backend_access_own_items_only(self):
        worker_employee = self.env["hr.employee"].create(
            {"name": "SF Backend Worker", "user_id": self.worker_user.id}
        )
        mine = self._post(worker_employee, kind="notice")
        self._post(self.worker2, kind="notice")
        visible = self.Item.with_user(self.worker_user).search([])
        self.assertEqual(visible, mine)
        mine.with_user(self.worker_user).action_mark_done()
        self.assertEqual(mine.state, "done")
        with self.assertRaises(AccessError):
            self.Item.with_user(self.worker_user).create(
                {"name": "x", "employee_id": worker_employee.id}
            )

    def test_bus_notification_per_token(self):
        self.env.cr.precommit.data.pop("bus.bus.values", None)
        self._post(self.worker, kind="notice")
        values = self.env.cr.precommit.data.get("bus.bus.values", [])
        channel = self.Item._sf_bus_channel(
            self.env["shopfloor.token"].search([("employee_id", "=", self.worker.id)])
        )
        sent = [v for v in values if channel in v["channel"]]
        self.assertEqual(len(sent), 1)
        self.assertEqual(json.loads(sent[0]["message"])["payload"]["unread"], 1)
        self.assertFalse(
            [v for v in values if "shopfloor_inbox_" in v["channel"] and v not in sent]
        )
