from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import Endpoint


class ShopfloorApi(models.AbstractModel):
    _inherit = "shopfloor.api"

    @api.model
    def _get_endpoints(self):
        endpoints = super()._get_endpoints()
        mat = "shopfloor.api.material"
        endpoints.update(
            {
                "material/needs": Endpoint("api_needs", model=mat),
                "material/requests": Endpoint("api_requests", model=mat),
                "material/issue": Endpoint("api_issue", write=True, model=mat),
                "material/return": Endpoint("api_return", write=True, model=mat),
                "material/replenish": Endpoint("api_replenish", write=True, model=mat),
                "material/approve": Endpoint("api_approve", write=True, model=mat),
                "material/refuse": Endpoint("api_refuse", write=True, model=mat),
                "material/scrap": Endpoint("api_scrap", write=True, model=mat),
            }
        )
        return endpoints
