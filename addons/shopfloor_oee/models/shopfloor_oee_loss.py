from odoo import fields, models
from odoo.tools import SQL

from .shopfloor_oee_loss_reason import STATE_SELECTION


class ShopfloorOeeLoss(models.Model):
    """Minutes lost per reason and shift: derived data, written only by the KPI recompute
    (one SQL statement for every shift row).

    A line holds only what is its own (shift row, state, reason, minutes); the work center,
    shift, day and company are those of its shift row and the Six Big Loss that of its
    reason, as related fields (Odoo 18 searches and groups on them with a join). No copied
    foreign keys and no log-access columns: a recompute of 90 days writes ~70,000 lines,
    and each foreign key costs a trigger per line. The shift row's ``computed_at`` tells
    when the lines were written.
    """

    _name = "shopfloor.oee.loss"
    _description = "OEE Loss per Shift and Reason"
    _order = "minutes desc, id"
    _log_access = False

    # no index of its own: the unique index below starts with kpi_id
    kpi_id = fields.Many2one(
        "shopfloor.oee.kpi", string="Shift OEE", required=True, ondelete="cascade", readonly=True
    )
    workcenter_id = fields.Many2one(related="kpi_id.workcenter_id")
    shift_id = fields.Many2one(related="kpi_id.shift_id")
    date = fields.Date(related="kpi_id.date")
    company_id = fields.Many2one(related="kpi_id.company_id")
    state = fields.Selection(STATE_SELECTION, readonly=True)
    reason_id = fields.Many2one("shopfloor.oee.loss.reason", string="Reason", readonly=True)
    six_big_loss = fields.Selection(related="reason_id.six_big_loss", string="Six Big Losses")
    minutes = fields.Float(readonly=True, digits=(16, 1))

    def init(self):
        # one line per shift, state and reason: the recompute upserts on it
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS shopfloor_oee_loss_kpi_state_reason_uniq "
                "ON shopfloor_oee_loss (kpi_id, state, (COALESCE(reason_id, 0)))"
            )
        )
