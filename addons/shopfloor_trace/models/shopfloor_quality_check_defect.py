from odoo import fields, models


class ShopfloorQualityCheckDefect(models.Model):
    _name = "shopfloor.quality.check.defect"
    _description = "Defects Found by a Check"

    check_id = fields.Many2one(
        "shopfloor.quality.check", required=True, index=True, ondelete="cascade"
    )
    defect_type_id = fields.Many2one("shopfloor.defect.type", required=True)
    category = fields.Selection(related="defect_type_id.category", store=True)
    qty = fields.Float("Quantity", default=1.0)
    company_id = fields.Many2one(related="check_id.company_id", store=True)

    _sql_constraints = [("qty_positive", "CHECK (qty >= 0)", "Quantities cannot be negative.")]
