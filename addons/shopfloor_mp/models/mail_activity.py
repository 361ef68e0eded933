from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """A user marking the activity of a shop-floor to-do done marks the item done."""
        if not self.env.context.get("shopfloor_inbox_sync"):
            # sudo: the items of the user's own activities, whoever posted them
            items = (
                self.env["shopfloor.inbox.item"]
                .sudo()
                .search([("source_activity_id", "in", self.ids), ("state", "!=", "done")])
            )
            items._sf_mark_done(from_activity=True)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
