from odoo import _, models


class ShopfloorReport(models.Model):
    _inherit = "shopfloor.report"

    def action_correct(self, qty_good, qty_scrap, note=False):
        """A correction recomputes the wages of the work order at once: in an open
        period the lines are replaced (the old ones are archived as history), in a
        locked period the difference becomes an adjustment of the next open period."""
        new = super().action_correct(qty_good, qty_scrap, note=note)
        workorder = self.workorder_id
        Line = self.env["shopfloor.wage.line"].sudo()  # wage computation is a system job
        changed = Line._sf_recompute(workorder.company_id, workorders=workorder)
        if changed:
            workorder.production_id.message_post(
                body=_(
                    "Wages of %(wo)s recomputed after the correction: %(count)s new line(s).",
                    wo=workorder.display_name,
                    count=changed,
                )
            )
        return new
