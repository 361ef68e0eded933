from odoo import fields, models


class ShopfloorAndonCause(models.Model):
    """Root causes given when an exception is resolved: the Pareto's categories."""

    _name = "shopfloor.andon.cause"
    _description = "Andon Cause"
    _order = "category, name"

    name = fields.Char(required=True, translate=True)
    category = fields.Selection(
        [
            ("equipment", "Equipment Breakdown"),
            ("material", "Material Shortage"),
            ("quality", "Quality Problem"),
            ("process", "Process / Drawing Question"),
            ("safety", "Safety"),
        ],
        help="Empty: offered for every type.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: shared by all companies.")
