from odoo import api, models


class ShopfloorReport(models.Model):
    """A reported quantity (or its correction) pings the boards of its work center."""

    _inherit = "shopfloor.report"

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        self.env["shopfloor.board"]._notify_workcenters(reports.workcenter_id)
        return reports

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals or "qty_good" in vals:
            self.env["shopfloor.board"]._notify_workcenters(self.workcenter_id)
        return res
