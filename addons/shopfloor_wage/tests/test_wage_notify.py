from datetime import date, datetime

from odoo.tests import Form, tagged

from .test_wage import WageCommon


@tagged("post_install", "-at_install")
class TestWageNotify(WageCommon):
    """A confirmed statement and an answered dispute reach the worker: an inbox notice
    and a WeChat subscribe message (the mini-program asks the consent), never a
    group robot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Channel = cls.env["shopfloor.notify.channel"]
        Channel.search([]).active = False  # the demo's channels stay out of the way
        cls.wechat_statement = Channel.create(
            {
                "name": "WeChat wages",
                "kind": "wechat",
                "categories": "wage_statement",
                "wechat_template_id": "TPL-WAGE",
            }
        )
        cls.wechat_dispute = Channel.create(
            {
                "name": "WeChat disputes",
                "kind": "wechat",
                "categories": "wage_dispute",
                "wechat_template_id": "TPL-DISPUTE",
            }
        )
        # a group robot taking every category: wages are never posted to a group
        cls.robot = Channel.create({"name": "Workshop group", "kind": "wecom", "robot_key": "K"})
        cls.worker.sudo().wechat_openid = "openid-li"
        cls.Message = cls.env["shopfloor.notify.message"]
        cls.Item = cls.env["shopfloor.inbox.item"]

    def _messages(self, channel):
        return self.Message.search([("channel_id", "=", channel.id)])

    def test_statement_confirmed_notifies_members(self):
        mo = self._create_mo(5)
        cut = self._wos(mo)[0]
        cut._sf_start(self.worker, self.at(5, 1))
        cut._sf_report(self.worker, 5, 0, None, self.at(5, 2))
        form = Form(self.env["shopfloor.wage.statement"].with_user(self.leader_user))
        form.period_type = "month"
        form.date_from = date(2026, 1, 1)
        form.team_leader_id = self.leader
        statement = form.save()
        statement.action_confirm()
        items = self.Item.search([("category", "=", "wage_statement")])
        self.assertEqual(items.employee_id, statement.employee_ids)
        self.assertIn(statement.name, items[0].name)
        # one subscribe message, to the member who signed in with WeChat
        messages = self._messages(self.wechat_statement)
        self.assertEqual(messages.employee_id, self.worker)
        self.assertFalse(self._messages(self.wechat_dispute))
        self.assertFalse(self._messages(self.robot))
        # the worker reads it in the app's inbox
        token = self.bind(self.worker)
        inbox = self.api("my/inbox", {}, token)
        self.assertIn("wage_statement", [i["category"] for i in inbox["items"]])

    def test_dispute_answered_notifies_the_worker(self):
        now = datetime.now().replace(microsecond=0)
        cut = self._wos(self._create_mo(5))[0]
        cut._sf_start(self.worker, now.replace(hour=0, minute=0, second=0))
        cut._sf_report(self.worker, 3, 0, None, now.replace(hour=0, minute=20, second=0))
        token = self.bind(self.worker)
        line = self.api("wage/my", {}, token)["month"]["lines"][0]
        answer = self.api(
            "wage/dispute",
            {"line_id": line["id"], "reason": "I made 4", "request_uid": "req-wn-0001"},
            token,
        )
        dispute = self.env["shopfloor.wage.dispute"].browse(answer["dispute_id"])
        self.assertFalse(self.Item.search([("category", "=", "wage_dispute")]))
        dispute = dispute.with_user(self.leader_user)
        dispute.write({"resolution": "counted again: 3"})
        dispute.action_reject()
        item = self.Item.search([("category", "=", "wage_dispute")])
        self.assertEqual(item.employee_id, self.worker)
        self.assertEqual(item.body, "counted again: 3")
        messages = self._messages(self.wechat_dispute)
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages.employee_id, self.worker)
        self.assertFalse(self._messages(self.robot))
        inbox = self.api("my/inbox", {}, token)
        self.assertIn("wage_dispute", [i["category"] for i in inbox["items"]])
