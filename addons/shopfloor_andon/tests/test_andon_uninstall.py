from odoo.tests import tagged

from ..hooks import _load_times, uninstall_hook
from .common import AndonCommon, t


@tagged("post_install", "-at_install")
class TestAndonUninstall(AndonCommon):
    """The uninstall hook removes the demo's exceptions and their effects elsewhere, and
    never a user's effects (down states, maintenance requests, inbox items)."""

    def test_hook_removes_demo_history_only(self):
        exc = self.raise_(t("08:00"), note="press jammed")
        event, request = exc.oee_event_id, exc.maintenance_request_id
        self.assertTrue(event and request)
        items = self.env["shopfloor.inbox.item"].search(
            [("res_model", "=", exc._name), ("res_id", "=", exc.id)]
        )
        self.assertTrue(items)
        Exception_ = self.env["shopfloor.andon.exception"].sudo()
        load_times = _load_times(self.env)
        demo = Exception_.search([("create_date", "in", load_times)])
        demo_events = demo.oee_event_id
        demo_requests = demo.maintenance_request_id
        uninstall_hook(self.env)
        self.assertFalse(Exception_.search([]), "the module's own tables are emptied")
        self.assertTrue(event.exists() and request.exists() and items.exists(), "the user's stay")
        if demo:  # a database with the demo
            self.assertFalse(demo_events.exists())
            self.assertFalse(demo_requests.exists())
            self.assertFalse(
                self.env["shopfloor.inbox.item"].search(
                    [("res_model", "=", exc._name), ("res_id", "in", demo.ids)]
                )
            )
