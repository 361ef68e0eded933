from odoo.tests import tagged

from .common import AndonCommon, t


@tagged("post_install", "-at_install")
class TestAndonEscalation(AndonCommon):
    """The escalation ladder with a controlled clock: 5 min team leader, 15 department
    head, 30 plant manager; stops when resolved; every rung notified once."""

    def _items(self, employee, exc):
        return self.Item.search(
            [
                ("employee_id", "=", employee.id),
                ("res_model", "=", exc._name),
                ("res_id", "=", exc.id),
            ]
        )

    def test_ladder(self):
        exc = self.raise_(t("08:00"), note="hydraulic leak")
        self.assertEqual(exc.level, 0)
        self.assertEqual(exc.next_escalation_at, t("08:05"))
        # the team is notified at the raise
        self.assertEqual(self._items(self.responder, exc).kind, "todo")
        self.assertEqual(len(self._items(self.team_leader, exc)), 1)
        self.assertFalse(self._items(self.head, exc))

        self.assertFalse(self.Exception._cron_escalate(now=t("08:04")))
        self.assertEqual(exc.level, 0)
        self.Exception._cron_escalate(now=t("08:05"))
        self.assertEqual((exc.level, exc.next_escalation_at), (1, t("08:15")))
        self.assertEqual(len(self._items(self.team_leader, exc)), 2, "team + level 1 to-dos")
        # the cron running twice at the same time notifies nobody twice
        self.Exception._cron_escalate(now=t("08:06"))
        self.assertEqual(len(self._items(self.team_leader, exc)), 2)

        # acknowledged, not resolved: the ladder goes on
        exc._sf_transition("ack", employee=self.responder, now=t("08:10"))
        # the cron was down for a while: both missed rungs at once, each logged
        self.Exception._cron_escalate(now=t("08:31"))
        self.assertEqual(exc.level, 3)
        self.assertFalse(exc.next_escalation_at)
        self.assertEqual(len(self._items(self.head, exc)), 1)
        top = self._items(self.plant_manager, exc)
        self.assertEqual(top.user_id, self.manager_user)
        self.assertTrue(top.source_activity_id, "the plant manager has an Odoo activity")
        self.assertEqual(top.source_activity_id.res_model, exc._name)
        escalations = exc.log_ids.filtered(lambda log: log.action == "escalate")
        self.assertEqual(escalations.mapped("level"), [1, 2, 3])
        self.assertEqual(escalations.mapped("date"), [t("08:05"), t("08:31"), t("08:31")])

        exc._sf_transition("resolve", employee=self.responder, now=t("08:40"))
        self.assertFalse(self.Exception._cron_escalate(now=t("10:00")))
        # the responders' to-dos are done; the raiser's verification to-do is open
        self.assertEqual(set(self._items(self.head, exc).mapped("state")), {"done"})
        self.assertFalse(top.source_activity_id.exists(), "activity done with the item")
        verify = self._items(self.worker, exc).filtered(lambda i: i.kind == "todo")
        self.assertEqual(verify.state, "new")

    def test_resolved_before_first_rung(self):
        exc = self.raise_(t("08:00"), atype=self.type_material)
        self.assertFalse(exc.next_escalation_at, "no ladder configured")
        exc2 = self.raise_(t("09:00"))
        exc2._sf_transition("ack", employee=self.responder, now=t("09:01"))
        exc2._sf_transition("resolve", employee=self.responder, now=t("09:04"))
        self.assertFalse(self.Exception._cron_escalate(now=t("12:00")))
        self.assertEqual(exc2.level, 0)
        self.assertAlmostEqual(exc2.ack_minutes, 1)
        self.assertAlmostEqual(exc2.resolve_minutes, 4)

    def test_outbox_message_per_rung(self):
        channel = self.env["shopfloor.notify.channel"].create(
            {"name": "AN robot", "kind": "wecom", "robot_key": "k", "categories": "andon"}
        )
        exc = self.raise_(t("08:00"))
        self.Exception._cron_escalate(now=t("08:20"))
        self.Exception._cron_escalate(now=t("08:21"))
        messages = self.env["shopfloor.notify.message"].search([("channel_id", "=", channel.id)])
        self.assertEqual(sorted(messages.mapped("key")), [f"andon:{exc.id}:{n}" for n in (0, 1, 2)])
        self.assertEqual(set(messages.mapped("state")), {"pending"})
