from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import Endpoint


class ShopfloorApi(models.AbstractModel):
    _inherit = "shopfloor.api"

    @api.model
    def _get_endpoints(self):
        endpoints = super()._get_endpoints()
        andon = "shopfloor.api.andon"
        endpoints.update(
            {
                "andon/types": Endpoint("_api_types", model=andon),
                "andon/list": Endpoint("_api_list", model=andon),
                "andon/get": Endpoint("_api_get", model=andon),
                "andon/raise": Endpoint("_api_raise", write=True, model=andon),
                "andon/ack": Endpoint("_api_ack", write=True, model=andon),
                "andon/onsite": Endpoint("_api_onsite", write=True, model=andon),
                "andon/resolve": Endpoint("_api_resolve", write=True, model=andon),
                "andon/verify": Endpoint("_api_verify", write=True, model=andon),
                "andon/close": Endpoint("_api_close", write=True, model=andon),
            }
        )
        return endpoints
