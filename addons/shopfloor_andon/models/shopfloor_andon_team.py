from odoo import fields, models


class ShopfloorAndonTeam(models.Model):
    """The people who answer an exception type first (maintenance, storekeepers,
    quality, process engineers, safety officers)."""

    _name = "shopfloor.andon.team"
    _description = "Andon Response Team"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    leader_id = fields.Many2one(
        "hr.employee", string="Team Leader", check_company=True, help="May verify and close."
    )
    member_ids = fields.Many2many(
        "hr.employee",
        "shopfloor_andon_team_member_rel",
        "team_id",
        "employee_id",
        string="Responders",
        check_company=True,
        help="Notified when an exception of the team is raised; they acknowledge it.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
