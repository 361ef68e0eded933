from odoo import api, fields, models

CATEGORIES = [
    ("equipment", "Equipment Breakdown"),
    ("material", "Material Shortage"),
    ("quality", "Quality Problem"),
    ("process", "Process / Drawing Question"),
    ("safety", "Safety"),
]


class ShopfloorAndonType(models.Model):
    """A kind of exception and its routing: responsible team, escalation ladder, and
    what it does in the ERP (machine down in OEE terms, maintenance request)."""

    _name = "shopfloor.andon.type"
    _description = "Andon Exception Type"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code the apps and gateways may send instead of the id.")
    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORIES, required=True, default="equipment")
    team_id = fields.Many2one("shopfloor.andon.team", string="Responsible Team", check_company=True)
    level_ids = fields.One2many("shopfloor.andon.level", "type_id", string="Escalation Levels")
    puts_down = fields.Boolean(
        "Machine Down",
        compute="_compute_puts_down",
        store=True,
        readonly=False,
        help="Raising it puts the work center down (OEE availability loss) until resolved.",
    )
    loss_reason_id = fields.Many2one(
        "shopfloor.oee.loss.reason",
        string="OEE Reason",
        help="Reason of the down state. A breakdown reason also opens a maintenance request; "
        "closing the request resolves the exception.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Type codes are unique per company."),
    ]

    @api.depends("category")
    def _compute_puts_down(self):
        for atype in self:
            atype.puts_down = atype.category == "equipment"

    def _get_level_minutes(self):
        self.ensure_one()
        return sorted(self.level_ids.mapped("minutes"))

    def _get_level(self, level):
        """The level record of rung ``level`` (1-based; empty for 0: the team)."""
        self.ensure_one()
        levels = self.level_ids.sorted(lambda lv: (lv.minutes, lv.id))
        return levels[level - 1] if 0 < level <= len(levels) else levels.browse()

    def _sf_get_info(self):
        return [
            {
                "id": atype.id,
                "name": atype.name,
                "code": atype.code or None,
                "category": atype.category,
                "machine_down": atype.puts_down,
            }
            for atype in self
        ]
