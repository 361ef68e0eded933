# Planning fields of work orders: the scheduler's lock (issue 6, finite-capacity scheduling).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    shopfloor_locked = fields.Boolean(
        "Locked in Plan",
        copy=False,
        help="The finite-capacity scheduler keeps this work order where it is (work center "
        "and planned dates) when it re-plans.",
    )
    shopfloor_urgent = fields.Boolean(related="production_id.shopfloor_urgent")
    shopfloor_production_late = fields.Boolean(
        related="production_id.shopfloor_is_late", string="Order Late"
    )

    def action_shopfloor_toggle_lock(self):
        for wo in self:
            if not wo.shopfloor_locked and not wo.date_start:
                raise UserError(_("Plan the work order %s before locking it.", wo.display_name))
            wo.shopfloor_locked = not wo.shopfloor_locked
        return True

    @api.model
    def _shopfloor_plannable_states(self):
        return ("pending", "waiting", "ready", "progress")
