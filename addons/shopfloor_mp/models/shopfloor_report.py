from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.api import dt


class ShopfloorReport(models.Model):
    """One quantity report of a worker on a work order (good and scrap units).

    Reports are never edited: a correction is a new report that cancels the old one
    (``correction_of_id``), so wages, OEE and traceability can audit every change.
    """

    _name = "shopfloor.report"
    _description = "Shop-floor Quantity Report"
    _order = "date desc, id desc"
    _check_company_auto = True

    workorder_id = fields.Many2one(
        # restrict: done reports are history; mrp.workorder's own guard removes the others
        "mrp.workorder",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    production_id = fields.Many2one(
        related="workorder_id.production_id", store=True, index=True, string="Manufacturing Order"
    )
    workcenter_id = fields.Many2one("mrp.workcenter", required=True, index=True)
    operation_id = fields.Many2one(related="workorder_id.operation_id", store=True)
    product_id = fields.Many2one(related="workorder_id.product_id", store=True)
    product_uom_id = fields.Many2one(related="workorder_id.product_uom_id")
    # no check_company: the API only lets a token's company's employees report
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    qty_good = fields.Float("Good Quantity", digits="Product Unit of Measure")
    qty_scrap = fields.Float("Scrap Quantity", digits="Product Unit of Measure")
    defect_type_id = fields.Many2one(
        "shopfloor.defect.type", string="Scrap Reason", ondelete="restrict"
    )
    scrap_id = fields.Many2one("stock.scrap", readonly=True, copy=False)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    state = fields.Selection(
        [("done", "Done"), ("cancel", "Cancelled")], default="done", required=True, index=True
    )
    correction_of_id = fields.Many2one("shopfloor.report", string="Corrects", readonly=True)
    corrected_by_id = fields.Many2one("shopfloor.report", string="Corrected By", readonly=True)
    note = fields.Char()
    source = fields.Selection(
        [("scan", "Scan"), ("backend", "Backend"), ("correction", "Correction")],
        default="backend",
        required=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [
        (
            "qty_positive",
            "CHECK (qty_good >= 0 AND qty_scrap >= 0)",
            "Quantities cannot be negative.",
        ),
        ("qty_not_empty", "CHECK (qty_good + qty_scrap > 0)", "Report a good or a scrap quantity."),
    ]

    @api.depends("workorder_id", "employee_id", "qty_good", "qty_scrap")
    def _compute_display_name(self):
        for report in self:
            report.display_name = _(
                "%(wo)s: %(emp)s +%(good)s / scrap %(scrap)s",
                wo=report.workorder_id.display_name,
                emp=report.employee_id.name,
                good=report.qty_good,
                scrap=report.qty_scrap,
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(report.state == "done" for report in self):
            raise UserError(_("Reports cannot be deleted: correct them instead."))

    def action_correct(self, qty_good, qty_scrap, note=False):
        """Replace this report by one with other quantities (audited).

        Returns the new report (or an empty recordset when both quantities are zero,
        which simply cancels this report).
        """
        self.ensure_one()
        if self.state != "done":
            raise UserError(_("Only a valid report can be corrected."))
        workorder = self.workorder_id
        self.state = "cancel"
        new = self.browse()
        if qty_good or qty_scrap:
            new = workorder._sf_report(
                self.employee_id,
                qty_good,
                qty_scrap,
                self.defect_type_id,
                self.date,
                note=note or _("Correction of %s", self.display_name),
                source="correction",
                correction_of=self,
            )
            self.corrected_by_id = new
        else:
            workorder._sf_update_quantities()
        workorder.production_id.message_post(
            body=_(
                "Report corrected by %(user)s: good %(g1)s -> %(g2)s, scrap %(s1)s -> %(s2)s",
                user=self.env.user.name,
                g1=self.qty_good,
                g2=qty_good,
                s1=self.qty_scrap,
                s2=qty_scrap,
            )
        )
        return new

    def _sf_get_info(self):
        self.ensure_one()
        return {
            "id": self.id,
            "workorder_id": self.workorder_id.id,
            "workorder": self.workorder_id.name,
            "production": self.production_id.name,
            "qty_good": self.qty_good,
            "qty_scrap": self.qty_scrap,
            "defect_type": self.defect_type_id.code or None,
            "date": dt(self.date),
            "state": self.state,
        }
