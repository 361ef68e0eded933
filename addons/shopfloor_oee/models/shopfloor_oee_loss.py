from odoo import fields, models
from odoo.tools import SQL

from .shopfloor_oee_loss_reason import SIX_BIG_LOSS_SELECTION, STATE_SELECTION


class ShopfloorOeeLoss(models.Model):
    """Minutes lost per reason and shift: written by the KPI recompute (SQL)."""

    _name = "shopfloor.oee.loss"
    _description = "OEE Loss per Shift and Reason"
    _order = "minutes desc"

    kpi_id = fields.Many2one(
        "shopfloor.oee.kpi", string="Shift OEE", required=True, index=True, ondelete="cascade"
    )
    workcenter_id = fields.Many2one("mrp.workcenter", index=True, readonly=True)
    shift_id = fields.Many2one("shopfloor.oee.shift", readonly=True)
    date = fields.Date(readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    state = fields.Selection(STATE_SELECTION, readonly=True)
    reason_id = fields.Many2one("shopfloor.oee.loss.reason", string="Reason", readonly=True)
    six_big_loss = fields.Selection(SIX_BIG_LOSS_SELECTION, string="Six Big Losses", readonly=True)
    minutes = fields.Float(readonly=True, digits=(16, 1))

    def init(self):
        # one line per shift, state and reason: the recompute upserts on it
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS shopfloor_oee_loss_kpi_state_reason_uniq "
                "ON shopfloor_oee_loss (kpi_id, state, (COALESCE(reason_id, 0)))"
            )
        )
