from odoo import api, models


class ShopfloorOeeStateEvent(models.Model):
    """A machine state change (worker time log or gateway signal) pings the boards."""

    _inherit = "shopfloor.oee.state.event"

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        self.env["shopfloor.board"]._notify_workcenters(events.workcenter_id)
        return events

    def write(self, vals):
        res = super().write(vals)
        self.env["shopfloor.board"]._notify_workcenters(self.workcenter_id)
        return res
