from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shopfloor_material_tolerance = fields.Float(
        related="company_id.shopfloor_material_tolerance", readonly=False
    )
