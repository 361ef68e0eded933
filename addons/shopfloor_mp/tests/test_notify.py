import datetime
import logging
import time
import urllib.parse

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools import notify
from .stub_http import StubServer


@tagged("post_install", "-at_install")
class TestNotifyOutbox(HttpCase):
    """The outbox against stub receivers on 127.0.0.1 that fail, throttle (WeCom 45009)
    and time out: retried with backoff, coalesced within the rate limit, never lost,
    never sent twice; secrets readable by managers only and never logged.

    HttpCase: the sender works in its own short transactions (registry cursors), which
    the test mode of the registry maps onto the test's transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Channel = cls.env["shopfloor.notify.channel"]
        cls.Message = cls.env["shopfloor.notify.message"]
        # the demo's disabled channels stay disabled; tests use their own
        cls.Channel.search([]).active = False

    def setUp(self):
        super().setUp()
        # the sender's clock: a little ahead, so that what the test queues is due
        self.now = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(seconds=30)

    def _channel(self, stub, kind="wecom", **vals):
        return self.Channel.create(
            dict(
                {
                    "name": f"Test {kind}",
                    "kind": kind,
                    "base_url": stub.url,
                    "webhook_url": stub.url + "/hook" if kind == "webhook" else False,
                    "robot_key": "KEY-SECRET-123",
                    "sign_secret": "SEC-SECRET-456",
                    "timeout": 0.5,
                    "max_attempts": 3,
                },
                **vals,
            )
        )

    def _send(self, seconds=0):
        self.env.flush_all()
        sent = self.Message._sf_send_due(now=self.now + datetime.timedelta(seconds=seconds))
        self.env.invalidate_all()
        return sent

    def _post(self, n, category="andon", prefix="Breakdown", body="CNC-1"):
        for i in range(n):
            self.Channel._sf_post(f"{prefix} {i}", body, category=category)

    def test_wecom_coalesced_once(self):
        with StubServer() as stub:
            channel = self._channel(stub)
            self._post(3)
            messages = self.Message.search([("channel_id", "=", channel.id)])
            self.assertEqual(len(messages), 3)
            self.assertEqual(self._send(), 3)
            self.assertEqual(set(messages.mapped("state")), {"sent"})
            self.assertEqual(len(stub.delivered), 1, "sent together: one request")
            text = stub.texts()[0]
            for i in range(3):
                self.assertEqual(text.count(f"Breakdown {i}"), 1)
            self.assertEqual(stub.delivered[0]["query"]["key"], ["KEY-SECRET-123"])
            # sending again sends nothing
            self.assertEqual(self._send(5), 0)
            self.assertEqual(len(stub.requests), 1)

    def test_wecom_throttled_45009_retried_with_backoff(self):
        with StubServer(mode=lambda n: "throttle" if n == 0 else "ok") as stub:
            channel = self._channel(stub)
            self._post(2)
            self.assertEqual(self._send(), 0)
            messages = self.Message.search([("channel_id", "=", channel.id)])
            self.assertEqual(set(messages.mapped("state")), {"pending"})
            self.assertIn("45009", messages[0].last_error)
            self.assertEqual(channel.failed_count, 0)
            self.assertIn("45009", channel.last_error)
            # not before the backoff (30 s)
            self.assertEqual(self._send(10), 0)
            self.assertEqual(self._send(31), 2)
            self.assertEqual(set(messages.mapped("state")), {"sent"})
            self.assertEqual(len(stub.requests), 2)
            self.assertEqual(len(stub.delivered), 1)

    def test_failures_stay_visible_and_requeue(self):
        with StubServer(mode="fail") as stub:
            channel = self._channel(stub, max_attempts=3)
            self._post(1)
            message = self.Message.search([("channel_id", "=", channel.id)])
            t = 0
            for _i in range(3):
                self._send(t)
                t += 3700
            self.assertEqual(message.state, "failed")
            self.assertEqual(message.attempts, 3)
            self.assertEqual(channel.failed_count, 1)
            attempts = self.env["shopfloor.notify.attempt"].search(
                [("channel_id", "=", channel.id)]
            )
            self.assertEqual(attempts.mapped("state"), ["retry"] * 3)
            self.assertEqual(attempts.mapped("status_code"), [500] * 3)
            # nothing more is tried until a manager requeues
            self._send(t)
            self.assertEqual(len(stub.requests), 3)
            stub.mode = "ok"
            message.action_requeue()
            self._send(t + 1)
            self.assertEqual(message.state, "sent")
            self.assertEqual(len(stub.delivered), 1)

    def test_refused_fails_at_once(self):
        with StubServer(mode="refuse") as stub:
            channel = self._channel(stub)
            self._post(1)
            self._send()
            message = self.Message.search([("channel_id", "=", channel.id)])
            self.assertEqual(message.state, "failed")
            self.assertIn("93000", message.last_error)

    def test_timeout_retried_never_delivered_twice(self):
        with StubServer(mode=lambda n: "timeout" if n == 0 else "ok", delay=1.5) as stub:
            channel = self._channel(stub, timeout=0.3)
            self._post(1)
            started = time.monotonic()
            self._send()
            self.assertLess(time.monotonic() - started, 1.4, "the timeout is respected")
            message = self.Message.search([("channel_id", "=", channel.id)])
            self.assertEqual((message.state, message.last_error), ("pending", "timeout"))
            self._send(31)
            self.assertEqual(message.state, "sent")
            self.assertEqual(len(stub.delivered), 1)

    def test_rate_limit_and_coalescing_under_a_burst(self):
        """60 long messages: at most 20 requests in any minute, each message once."""
        with StubServer() as stub:
            channel = self._channel(stub, kind="webhook", rate_limit=20)
            self._post(60, body="x" * 3000)  # ~20 fit in a webhook request of 60 KB
            for second in range(0, 300, 1):
                self._send(second)
                if not self.Message.search_count(
                    [("channel_id", "=", channel.id), ("state", "!=", "sent")]
                ):
                    break
            delivered_ids = [m["id"] for e in stub.delivered for m in e["json"]["messages"]]
            self.assertEqual(len(delivered_ids), 60)
            self.assertEqual(len(set(delivered_ids)), 60, "never twice")
            dates = self.env["shopfloor.notify.attempt"].search([("channel_id", "=", channel.id)])
            stamps = sorted(dates.mapped("date"))
            for start in stamps:
                window = [d for d in stamps if start <= d < start + datetime.timedelta(seconds=60)]
                self.assertLessEqual(len(window), 20)
            self.assertLess(len(stamps), 60, "coalesced")
            # the receiver can dedupe on the delivery ids and check the signature
            entry = stub.delivered[0]
            ids = entry["headers"]["X-Shopfloor-Delivery"].split(",")
            self.assertEqual(ids, [m["id"] for m in entry["json"]["messages"]])
            self.assertTrue(
                notify.verify_webhook_signature(
                    "SEC-SECRET-456",
                    entry["body"],
                    entry["headers"]["X-Shopfloor-Signature"],
                    int(time.time()),
                )
            )

    def test_robot_budget_20_per_minute(self):
        """A full minute stops a robot; the next minute sends the rest."""
        with StubServer() as stub:
            channel = self._channel(stub, rate_limit=20)
            self._post(40, body="设备故障" * 150)  # each ~1.8 KB: one per WeCom request
            for second in range(0, 60, 3):
                self._send(second)
            self.assertEqual(len(stub.delivered), 20)
            self.assertEqual(
                self.Message.search_count(
                    [("channel_id", "=", channel.id), ("state", "=", "sent")]
                ),
                20,
            )
            for second in range(60, 200, 3):
                self._send(second)
            self.assertEqual(len(stub.delivered), 40)
            titles = [t.split("\n")[0] for t in stub.texts()]
            self.assertEqual(len(set(titles)), 40)

    def test_dingtalk_signed(self):
        def verify(path, headers, body):
            query = urllib.parse.parse_qs(urllib.parse.urlparse(path).query)
            ts = int(query["timestamp"][0])
            expected = urllib.parse.unquote_plus(notify.dingtalk_sign("SEC-SECRET-456", ts))
            return query["sign"][0] == expected and query["access_token"] == ["KEY-SECRET-123"]

        with StubServer(verify=verify) as stub:
            channel = self._channel(stub, kind="dingtalk")
            self._post(1)
            self._send()
            self.assertEqual(len(stub.delivered), 1)
            self.assertEqual(stub.delivered[0]["path"].split("?")[0], "/robot/send")
            self.assertEqual(self.Message.search([("channel_id", "=", channel.id)]).state, "sent")

    def test_wechat_subscribe_message_per_worker(self):
        employee = self.env["hr.employee"].create({"name": "SF WX", "wechat_openid": "oWX1"})
        other = self.env["hr.employee"].create({"name": "SF no WX"})
        self.env["ir.config_parameter"].sudo().set_param(
            "shopfloor_mp.wechat_access_token_cache", ""
        )
        with StubServer() as stub:
            channel = self._channel(stub, kind="wechat", wechat_template_id="TPL")
            self.Channel._sf_post("Exception assigned", "CNC-1", recipients=employee | other)
            messages = self.Message.search([("channel_id", "=", channel.id)])
            self.assertEqual(messages.employee_id, employee)
            self._send()
            self.assertEqual(messages.state, "sent")
            payload = stub.delivered[0]["json"]
            self.assertEqual((payload["touser"], payload["template_id"]), ("oWX1", "TPL"))

    def test_categories_and_keys(self):
        with StubServer() as stub:
            channel = self._channel(stub, categories="andon, quality")
            self.Channel._sf_post("A", category="andon", key="k1")
            self.Channel._sf_post("A again", category="andon", key="k1")
            self.Channel._sf_post("W", category="wage")
            messages = self.Message.search([("channel_id", "=", channel.id)])
            self.assertEqual(messages.mapped("title"), ["A"])

    def test_stale_sending_never_sent_twice_by_robots(self):
        with StubServer() as stub:
            wecom = self._channel(stub)
            hook = self._channel(stub, kind="webhook")
            self._post(1)
            messages = self.Message.search([("channel_id", "in", (wecom | hook).ids)])
            # a server stopped between claiming and recording
            messages.write({"state": "sending"})
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE shopfloor_notify_message SET write_date = %s WHERE id IN %s",
                (self.now - datetime.timedelta(minutes=11), tuple(messages.ids)),
            )
            self._send()
            by_channel = {m.channel_id: m for m in messages}
            self.assertEqual(by_channel[wecom].state, "failed")
            self.assertEqual(by_channel[hook].state, "sent", "webhooks dedupe: resent")
            self.assertEqual(len(stub.delivered), 1)

    def test_secrets_never_logged(self):
        records = []
        handler = logging.Handler()
        handler.emit = records.append
        logger = logging.getLogger("odoo.addons.shopfloor_mp")
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)
        with StubServer(mode="fail") as stub:
            channel = self._channel(stub)
            self._post(1)
            self._send()
            self.assertEqual(len(stub.requests), 1)
            text = "\n".join(record.getMessage() for record in records)
            self.assertIn("HTTP 500", text)
            self.assertNotIn("KEY-SECRET-123", text)
            self.assertNotIn("SEC-SECRET-456", text)
            message = self.Message.search([("channel_id", "=", channel.id)])
            self.assertNotIn("KEY-SECRET-123", message.last_error or "")
            self.assertNotIn("KEY-SECRET-123", channel.last_error or "")

    def test_secrets_for_managers_only(self):
        leader = new_test_user(
            self.env, login="sf_notify_leader", groups="shopfloor_mp.group_shopfloor_leader"
        )
        manager = new_test_user(
            self.env, login="sf_notify_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        channel = self.Channel.create(
            {"name": "secret", "kind": "dingtalk", "robot_key": "K1", "sign_secret": "S1"}
        )
        self.assertEqual(channel.with_user(manager).robot_key, "K1")
        channel.with_user(leader).read(["name", "kind", "failed_count"])
        for field in ("robot_key", "sign_secret"):
            with self.assertRaises(AccessError):
                channel.with_user(leader).read([field])

    def test_post_triggers_cron_after_commit(self):
        cron = self.env.ref("shopfloor_mp.cron_shopfloor_notify_send")
        Trigger = self.env["ir.cron.trigger"].sudo()
        before = Trigger.search_count([("cron_id", "=", cron.id)])
        with StubServer() as stub:
            self._channel(stub)
            self._post(3)
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), before + 1)
