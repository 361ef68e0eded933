from odoo import _, api, fields, models
from odoo.exceptions import UserError


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

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        """A used type is history (it decides operator vs material scrap, hence wages):
        archive it instead. Models pointing at defect types declare themselves in
        :meth:`_get_usage_fields` (reports, scraps; quality adds its own)."""
        for model, field in self._get_usage_fields():
            # sudo: the deletion must see every use, whoever may read it
            if (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count([(field, "in", self.ids)], limit=1)
            ):
                raise UserError(
                    _("This defect type is used in the shop-floor history: archive it instead.")
                )

    def _get_usage_fields(self):
        """Override point: ``[(model, many2one field)]`` that keep defect types in use."""
        return [
            ("shopfloor.report", "defect_type_id"),
            ("stock.scrap", "shopfloor_defect_type_id"),
        ]
