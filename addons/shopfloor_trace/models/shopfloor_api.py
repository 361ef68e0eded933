from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import Endpoint


class ShopfloorApi(models.AbstractModel):
    _inherit = "shopfloor.api"

    @api.model
    def _get_endpoints(self):
        endpoints = super()._get_endpoints()
        quality = "shopfloor.api.quality"
        trace = "shopfloor.api.trace"
        endpoints.update(
            {
                "quality/checks": Endpoint("api_checks", model=quality),
                "quality/do": Endpoint("api_do", write=True, model=quality),
                "trace/backward": Endpoint("api_backward", auth="any", model=trace),
                "trace/forward": Endpoint("api_forward", auth="any", model=trace),
            }
        )
        return endpoints
