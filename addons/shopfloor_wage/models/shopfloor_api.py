from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import Endpoint


class ShopfloorApi(models.AbstractModel):
    _inherit = "shopfloor.api"

    @api.model
    def _get_endpoints(self):
        endpoints = super()._get_endpoints()
        wage = "shopfloor.api.wage"
        endpoints.update(
            {
                "wage/my": Endpoint("_api_my", model=wage),
                "wage/dispute": Endpoint("_api_dispute", write=True, model=wage),
            }
        )
        return endpoints
