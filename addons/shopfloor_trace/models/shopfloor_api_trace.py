from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import error as mp_error
from odoo.addons.shopfloor_mp.tools.params import Params

from ..errors import error


class ShopfloorApiTrace(models.AbstractModel):
    """Backward and forward traces of a lot or serial (scanned QR label or id)."""

    _name = "shopfloor.api.trace"
    _description = "Shop-floor API: traceability"

    @api.model
    def _get_lot(self, ctx, p):
        lot_id = p.int("lot_id", required=False)
        if lot_id:
            # same answer as an unknown id: ids must not reveal other companies' lots
            return self.env["shopfloor.api"]._get_record(ctx, "stock.lot", lot_id, "lot_id")
        name = p.str("lot_name", required=False, max_len=128)
        if name:
            lot = self.env["stock.lot"].search(
                [("name", "=", name), ("company_id", "in", (False, ctx.company.id))], limit=2
            )
            if len(lot) != 1:
                raise self._unknown()
            return lot
        record = self.env["shopfloor.code"]._resolve(p.str("code", max_len=512), ctx.company)
        if record._name != "stock.lot":
            raise error("SF_TRACE_NOT_LOT")
        return record

    @staticmethod
    def _unknown():
        return mp_error("SF_UNKNOWN_CODE")

    def api_backward(self, ctx, params):
        lot = self._get_lot(ctx, Params(params))
        return self.env["shopfloor.trace"]._backward(lot)

    def api_forward(self, ctx, params):
        lot = self._get_lot(ctx, Params(params))
        return self.env["shopfloor.trace"]._forward(lot)
