from odoo import api, models


class ShopfloorCode(models.Model):
    _inherit = "shopfloor.code"

    @api.model
    def _get_scannable_models(self):
        models_ = super()._get_scannable_models()
        models_["stock.lot"] = "lot"
        return models_
