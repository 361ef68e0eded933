from odoo import api, models


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    @api.model_create_multi
    def create(self, vals_list):
        """Work-in-progress scrap of a tracked product (see ``mrp.workorder.
        _sf_create_scrap``): the batch lot, or one scrap per serial."""
        lot_ids = self.env.context.get("sf_trace_scrap_lot_ids")
        if not lot_ids:
            return super().create(vals_list)
        new_vals_list = []
        for vals in vals_list:
            if vals.get("lot_id"):
                new_vals_list.append(vals)
            elif len(lot_ids) == 1:
                new_vals_list.append(dict(vals, lot_id=lot_ids[0]))
            else:
                new_vals_list += [dict(vals, lot_id=lot_id, scrap_qty=1.0) for lot_id in lot_ids]
        return super(StockScrap, self.with_context(sf_trace_scrap_lot_ids=False)).create(
            new_vals_list
        )
