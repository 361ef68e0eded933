from odoo import api, models


class ShopfloorAndonException(models.Model):
    """An exception raised or moved on pings the boards of its work center."""

    _inherit = "shopfloor.andon.exception"

    @api.model_create_multi
    def create(self, vals_list):
        exceptions = super().create(vals_list)
        self.env["shopfloor.board"]._notify_workcenters(exceptions.workcenter_id)
        return exceptions

    def write(self, vals):
        res = super().write(vals)
        if {"state", "level", "workcenter_id", "priority"} & set(vals):
            self.env["shopfloor.board"]._notify_workcenters(self.workcenter_id)
        return res
