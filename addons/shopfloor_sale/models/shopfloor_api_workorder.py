from odoo import models
from odoo.addons.shopfloor_mp.tools.params import Params


class ShopfloorApiWorkorder(models.AbstractModel):
    _inherit = "shopfloor.api.workorder"

    def api_sale_progress(self, ctx, params):
        """sale/progress answers from the sale order's own progress (the backend tab's and
        the portal's) when the order exists; else as before, from the MOs' source."""
        name = Params(params).str("sale_order", max_len=64)
        mrp_user = self.env["shopfloor.api"]._check_sales_or_manufacturing()
        SaleOrder = self.env["sale.order"]
        if mrp_user and not self.env.user.has_group("sales_team.group_sale_salesman"):
            # sudo: a manufacturing user already sees every MO of the order (see super)
            SaleOrder = SaleOrder.sudo()
        # record rules: a salesman follows the orders they may read (own / team / all)
        order = SaleOrder.search(
            [("name", "=", name), ("company_id", "=", ctx.company.id)], limit=1
        )
        progress = order._get_shopfloor_progress() if order else None
        if not progress or not progress["productions"]:
            # no such order, or none of its MOs found: MOs naming it as source (see super)
            return super().api_sale_progress(ctx, params)
        return progress
