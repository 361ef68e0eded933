from odoo import api, models

from ..tools.api import Endpoint


class ShopfloorApi(models.AbstractModel):
    _inherit = "shopfloor.api"

    @api.model
    def _get_endpoints(self):
        endpoints = super()._get_endpoints()
        inbox = "shopfloor.api.inbox"
        endpoints.update(
            {
                "my/inbox": Endpoint("_api_my_inbox", auth="any", model=inbox),
                "my/inbox/read": Endpoint(
                    "_api_my_inbox_read", auth="any", write=True, model=inbox
                ),
                "my/inbox/done": Endpoint(
                    "_api_my_inbox_done", auth="any", write=True, model=inbox
                ),
            }
        )
        return endpoints
