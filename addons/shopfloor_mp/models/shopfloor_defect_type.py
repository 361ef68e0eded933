from odoo import fields, models


class ShopfloorDefectType(models.Model):
    _name = "shopfloor.defect.type"
    _description = "Defect Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code workers see and scan.")
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        [
            ("operator", "Operator-caused"),
            ("material", "Material-caused"),
            ("machine", "Machine/process"),
        ],
        required=True,
        default="operator",
        help="Operator-caused scrap (工废) is not paid or is penalised by the wage rules; "
        "material-caused scrap (料废) is paid.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_company_uniq", "unique (code, company_id)", "The defect code must be unique."),
    ]
