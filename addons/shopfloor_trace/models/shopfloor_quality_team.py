from odoo import fields, models


class ShopfloorQualityTeam(models.Model):
    _name = "shopfloor.quality.team"
    _description = "Quality Team"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    user_ids = fields.Many2many(
        "res.users",
        string="Members",
        domain=[("share", "=", False)],
        help="Members get an activity when a check of the team's points fails.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    alert_ids = fields.One2many("shopfloor.quality.alert", "team_id", string="Alerts")
