from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import Endpoint


class ShopfloorApi(models.AbstractModel):
    _inherit = "shopfloor.api"

    @api.model
    def _get_endpoints(self):
        """The ``plan/*`` endpoints (services/api_plan.py), called by office users (sales,
        planners) with their Odoo API key."""
        endpoints = super()._get_endpoints()
        plan = "shopfloor.api.plan"
        endpoints.update(
            {
                "plan/promise": Endpoint("_api_promise", auth="user", model=plan),
                "plan/mo": Endpoint("_api_mo", auth="user", model=plan),
                "plan/sale_line": Endpoint("_api_sale_line", auth="user", model=plan),
            }
        )
        return endpoints
