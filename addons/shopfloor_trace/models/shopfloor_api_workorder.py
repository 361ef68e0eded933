from odoo import api, models
from odoo.addons.shopfloor_mp.tools.params import Params, bad

from ..errors import MAX_LOT_NAME, MAX_SERIALS, error


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

    # ------------------------------------------------------------------
    # Lot / serial numbers given by the worker (report and finish)
    # ------------------------------------------------------------------
    @api.model
    def _get_lot_names(self, params):
        """``lot_name`` (the batch of a lot-tracked product) and ``serial_names`` (one
        per good unit of a serial-tracked product), checked for type and length here,
        against the work order in ``mrp.workorder._sf_assign_lots``. Returns the context
        key to pass them with, or ``{}``."""
        p = Params(params)
        lot_name = p.str("lot_name", required=False, max_len=MAX_LOT_NAME)
        serials = p.raw("serial_names", required=False)
        if serials is not None:
            if not isinstance(serials, list) or not serials or len(serials) > MAX_SERIALS:
                raise bad("serial_names", "size" if isinstance(serials, list) else "list")
            names = []
            for i, name in enumerate(serials):
                field = f"serial_names[{i}]"
                if not isinstance(name, str) or not name.strip():
                    raise bad(field, "string")
                if len(name) > MAX_LOT_NAME:
                    raise bad(field, "too_long", max=MAX_LOT_NAME)
                names.append(name.strip())
            serials = names
        if lot_name and serials:
            raise bad("serial_names", "one_of", values="lot_name, serial_names")
        if lot_name:
            return {"sf_trace_lot_names": [lot_name], "sf_trace_lot_kind": "lot"}
        if serials:
            return {"sf_trace_lot_names": serials, "sf_trace_lot_kind": "serial"}
        return {}

    def api_report(self, ctx, params):
        names = self._get_lot_names(params)
        return super(ShopfloorApiWorkorder, self.with_context(**names)).api_report(ctx, params)

    def api_finish(self, ctx, params):
        names = self._get_lot_names(params)
        if names and not Params(params).qty("qty_good", required=False):
            raise error("SF_TRACE_LOT_NOT_HERE")
        return super(ShopfloorApiWorkorder, self.with_context(**names)).api_finish(ctx, params)
