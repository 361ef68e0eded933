from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools.sql import create_index

TRACE_INDEX = "stock_move_line_sf_trace_lot_idx"


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def init(self):
        """The genealogy walks done move lines by lot: Odoo has no index on lot_id."""
        result = super().init()
        create_index(
            self.env.cr,
            TRACE_INDEX,
            self._table,
            ["lot_id", "id"],
            where="lot_id IS NOT NULL AND state = 'done'",
        )
        return result

    def _action_done(self):
        """Lots on hold for a quality alert do not leave for customers."""
        held = self.filtered(
            lambda ml: ml.lot_id.shopfloor_hold and ml.location_dest_id.usage == "customer"
        )
        if held:
            raise UserError(
                _(
                    "Lot %(lots)s is on hold for a quality alert: it cannot be delivered.",
                    lots=", ".join(held.lot_id.mapped("name")),
                )
            )
        return super()._action_done()
