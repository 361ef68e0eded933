from odoo import api, models


class ShopfloorApiWorkorder(models.AbstractModel):
    _inherit = "shopfloor.api.workorder"

    @api.model
    def _describe(self, ctx, record):
        if record._name != "stock.lot":
            return super()._describe(ctx, record)
        checks = record.shopfloor_check_ids
        return {
            "id": record.id,
            "name": record.name,
            "product_id": record.product_id.id,
            "product": record.product_id.display_name,
            "on_hold": record.shopfloor_hold,
            "checks": [c._sf_get_info() for c in checks],
            "alerts": [
                {"name": a.name, "title": a.title, "state": a.state}
                for a in record.sudo().shopfloor_alert_ids  # alert titles only
            ],
        }
