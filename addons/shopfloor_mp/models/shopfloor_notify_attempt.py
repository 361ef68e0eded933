from odoo import fields, models


class ShopfloorNotifyAttempt(models.Model):
    """One HTTP request of a channel (one message, or several coalesced): the rate
    limit counts them, and failures stay visible here with the receiver's answer."""

    _name = "shopfloor.notify.attempt"
    _description = "Shop-floor Notification Request"
    _order = "date desc, id desc"

    channel_id = fields.Many2one(
        "shopfloor.notify.channel", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, index=True)
    message_count = fields.Integer("Messages")
    message_ids = fields.One2many("shopfloor.notify.message", "attempt_id")
    state = fields.Selection(
        [
            ("sending", "Sending"),
            ("ok", "Delivered"),
            ("retry", "Failed, Retried"),
            ("fail", "Refused"),
        ],
        required=True,
        default="sending",
    )
    status_code = fields.Integer("HTTP Status")
    error = fields.Char()
    duration_ms = fields.Integer("Duration (ms)")
