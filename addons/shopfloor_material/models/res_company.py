from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    shopfloor_material_tolerance = fields.Float(
        "Material Issue Tolerance (%)",
        default=0.0,
        help="How much more than the BOM standard may be issued to an order without a "
        "replenishment request, in percent of the standard.",
    )
