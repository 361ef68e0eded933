import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from ..tools.api import dt

_logger = logging.getLogger(__name__)


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    shopfloor_report_ids = fields.One2many("shopfloor.report", "production_id", string="Reports")

    def _sf_try_mark_done(self):
        """Finish the MO from the shop floor, under Odoo's own backorder rules.

        The picking type's "Create Backorder" decides: *always* and *ask* (nobody can
        answer a wizard on a phone) create a backorder for the rest, *never* closes the
        MO. Consumption differences are accepted: the shop floor reported what happened.
        Returns whether the MO is done; when Odoo refuses (e.g. lots missing for a
        tracked product) the MO simply stays "to close" for the backend.
        """
        self.ensure_one()
        if float_is_zero(self.qty_producing, precision_rounding=self.product_uom_id.rounding):
            return False
        ctx = {"skip_consumption": True}
        if self._get_quantity_produced_issues():
            ctx["skip_backorder"] = True
            if self.picking_type_id.create_backorder != "never":
                ctx["mo_ids_to_backorder"] = self.ids
        try:
            with self.env.cr.savepoint():
                self.with_context(**ctx).button_mark_done()
        except UserError as exc:
            _logger.info("MO %s not closed from the shop floor: %s", self.name, exc)
            return False
        return self.state == "done"

    def _sf_get_progress(self):
        """Kept for callers of earlier versions: see _get_shopfloor_progress()."""
        return self._get_shopfloor_progress()

    def _get_shopfloor_progress(self, public=False):
        """The one progress builder of an order (API production/progress, sale/progress and
        scans; shopfloor_sale's backend tab, portal and shared link): each operation's done
        and remaining quantity, the expected finish (the plan's when planned, else an
        estimate from the remaining work) and the deadline.

        ``public``: only what a customer may see, as an allowlist of keys
        (_get_shopfloor_progress_public_keys): no ids, costs, people or notes. Extensions
        add their keys to the answer and, when a customer may see them, to the allowlist."""
        self.ensure_one()
        operations = []
        for wo in self.workorder_ids.sorted(lambda w: (w.sequence, w.id)):
            operations.append(
                {
                    "id": wo.id,
                    "name": wo.name,
                    "workcenter": wo.workcenter_id.name,
                    "state": wo.state,
                    "qty_good": wo.qty_produced,
                    "qty_scrap": wo.shopfloor_qty_scrap,
                    "qty_remaining": max(
                        wo.qty_production - wo.qty_produced - wo.shopfloor_qty_scrap, 0.0
                    ),
                    "expected_finish": dt(wo._sf_get_expected_finish()),
                }
            )
        finishes = [op["expected_finish"] for op in operations if op["expected_finish"]]
        expected = max(finishes) if finishes else None
        # the plan's finish (planning addon), read defensively: it may live elsewhere
        if "shopfloor_expected_finish" in self._fields and self.shopfloor_expected_finish:
            expected = dt(self.shopfloor_expected_finish)
        progress = {
            "id": self.id,
            "name": self.name,
            "product": self.product_id.display_name,
            "state": self.state,
            "qty": self.product_qty,
            "qty_produced": self.qty_producing if self.state != "done" else self.qty_produced,
            "date_deadline": dt(self.date_deadline),
            "expected_finish": expected,
            "operations": operations,
        }
        if public:
            mo_keys, op_keys = self._get_shopfloor_progress_public_keys()
            progress = {key: value for key, value in progress.items() if key in mo_keys}
            progress["operations"] = [
                {key: value for key, value in op.items() if key in op_keys} for op in operations
            ]
        return progress

    @api.model
    def _get_shopfloor_progress_public_keys(self):
        """Override point: the keys of an order's and of an operation's progress that a
        customer may see (portal, shared link)."""
        mo_keys = {
            "name",
            "product",
            "state",
            "qty",
            "qty_produced",
            "date_deadline",
            "expected_finish",
            "operations",
        }
        op_keys = {"name", "workcenter", "state", "qty_good", "qty_remaining", "expected_finish"}
        return mo_keys, op_keys

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shopfloor_reports(self):
        """Done reports are history: an order with some is cancelled, never deleted (its
        work orders would otherwise go by SQL cascade, past the reports' own guard)."""
        # sudo: the deleting user may not read reports; only their presence is checked
        reports = self.sudo().shopfloor_report_ids
        if any(report.state == "done" for report in reports):
            raise UserError(
                _("This operation has shop-floor reports: cancel the order instead of deleting it.")
            )
