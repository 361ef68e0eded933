from odoo import fields, models

from .shopfloor_andon_exception import STATES


class ShopfloorAndonLog(models.Model):
    """Every step of an exception: who, when, from which state to which."""

    _name = "shopfloor.andon.log"
    _description = "Andon Exception Log"
    _order = "date, id"

    exception_id = fields.Many2one(
        "shopfloor.andon.exception", required=True, index=True, ondelete="cascade"
    )
    action = fields.Selection(
        [
            ("raise", "Raised"),
            ("ack", "Acknowledged"),
            ("onsite", "On Site"),
            ("resolve", "Resolved"),
            ("verify", "Verified"),
            ("close", "Closed"),
            ("cancel", "Cancelled"),
            ("reopen", "Reopened"),
            ("escalate", "Escalated"),
        ],
        required=True,
    )
    state_from = fields.Selection(STATES)
    state_to = fields.Selection(STATES)
    level = fields.Integer()
    date = fields.Datetime(required=True)
    employee_id = fields.Many2one("hr.employee", string="By (worker)")
    user_id = fields.Many2one("res.users", string="By (user)")
    note = fields.Char()
    company_id = fields.Many2one(related="exception_id.company_id", store=True, index=True)
