from odoo import fields, models


class ShopfloorAndonLevel(models.Model):
    """One rung of an exception type's escalation ladder."""

    _name = "shopfloor.andon.level"
    _description = "Andon Escalation Level"
    _order = "type_id, minutes, id"

    type_id = fields.Many2one("shopfloor.andon.type", required=True, index=True, ondelete="cascade")
    name = fields.Char(required=True, translate=True, help="e.g. Team leader, Plant manager")
    minutes = fields.Integer(
        "After (min)",
        required=True,
        help="Minutes after the raise when an exception still not resolved reaches this level.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "shopfloor_andon_level_employee_rel",
        "level_id",
        "employee_id",
        string="Notified",
        help="Get a to-do (and their Odoo activity) when the exception reaches this level; "
        "they may acknowledge, verify and close it.",
    )

    _sql_constraints = [
        ("minutes_positive", "CHECK(minutes > 0)", "An escalation time must be positive."),
    ]
