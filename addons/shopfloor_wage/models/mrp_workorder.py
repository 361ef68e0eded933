"""Wages of mrp.workorder: labour earned, and the shop-floor calls that change what a
worker earned bring the work order's wage lines up to date."""

from odoo import _, fields, models


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    shopfloor_wage_amount = fields.Monetary(
        "Labour Earned",
        compute="_compute_shopfloor_wage_amount",
        currency_field="shopfloor_wage_currency_id",
        help="Wages earned by the employees on this operation (piecework and time).",
    )
    shopfloor_wage_currency_id = fields.Many2one(related="company_id.currency_id")

    def _compute_shopfloor_wage_amount(self):
        amounts = self._sf_get_wage_amounts()
        for wo in self:
            wo.shopfloor_wage_amount = amounts.get(wo.id, 0.0)

    def _sf_get_wage_amounts(self):
        """``{workorder id: labour}`` of the current wage lines (one aggregate query)."""
        if not self.ids:
            return {}
        groups = (
            self.env["shopfloor.wage.line"]
            .sudo()  # labour cost: an aggregate of the wage lines, shown with MO costs
            ._read_group([("workorder_id", "in", self.ids)], ["workorder_id"], ["amount:sum"])
        )
        return {wo.id: amount for wo, amount in groups}

    def _sf_update_wages(self):
        """Recompute the wage lines of these work orders (all their days)."""
        for company in self.company_id:
            self.env["shopfloor.wage.line"].sudo()._sf_recompute(  # system computation
                company, workorders=self.filtered(lambda w, c=company: w.company_id == c)
            )
        self.invalidate_recordset(["shopfloor_wage_amount"])

    # The shop-floor calls that change what a worker earned bring the wage lines of the
    # work order up to date in their own transaction: wage/my only reads.
    def _sf_report(self, *args, **kwargs):
        report = super()._sf_report(*args, **kwargs)
        self._sf_update_wages()
        return report

    def _sf_pause(self, *args, **kwargs):
        res = super()._sf_pause(*args, **kwargs)
        self._sf_update_wages()
        return res

    def _sf_finish(self, *args, **kwargs):
        res = super()._sf_finish(*args, **kwargs)
        self._sf_update_wages()
        return res

    def action_view_shopfloor_wage_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Wage Lines"),
            "res_model": "shopfloor.wage.line",
            "view_mode": "list,form",
            "domain": [("workorder_id", "=", self.id)],
        }
