from odoo import api, models


class ShopfloorCode(models.Model):
    _inherit = "shopfloor.code"

    @api.model
    def _get_scannable_models(self):
        """A machine's own QR (its equipment) is scanned on site, like its work center's."""
        models_ = super()._get_scannable_models()
        models_["maintenance.equipment"] = "equipment"
        return models_
