import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    quality_check_ids = fields.One2many("shopfloor.quality.check", "production_id")
    quality_alert_ids = fields.One2many("shopfloor.quality.alert", "production_id")

    def _sf_get_produced_lots(self):
        """Lots/serials reported as good at the last operation (valid reports)."""
        self.ensure_one()
        reports = self.shopfloor_report_ids.filtered(lambda r: r.state == "done" and r.lot_ids)
        return reports.sorted(lambda r: (r.date, r.id)).lot_ids

    def _sf_try_mark_done(self):
        """Serial products made by the unit: one MO per serial (Odoo's mass produce split)
        before closing, each with the serial reported on the shop floor."""
        self.ensure_one()
        serials = self._sf_get_produced_lots()
        if self.product_id.tracking != "serial" or len(serials) <= 1:
            return super()._sf_try_mark_done()
        amounts = [1.0] * len(serials)
        rest = self.product_qty - len(serials)
        if rest > 0:
            amounts.append(rest)
        productions = self._split_productions({self: amounts})
        done = True
        for production, serial in zip(productions, serials, strict=False):
            production.lot_producing_id = serial
            production.qty_producing = 1.0
            production._set_qty_producing(False)
            if production != self:
                production.shopfloor_origin_production_id = self
            done = super(MrpProduction, production)._sf_try_mark_done() and done
        return done

    shopfloor_origin_production_id = fields.Many2one(
        "mrp.production",
        string="Split From",
        readonly=True,
        help="The MO reported on the shop floor this unit's MO was split from.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_quality_checks(self):
        """Checks done keep their order from being deleted; the checks still to do go."""
        # sudo: the deleting user may not delete checks; only those still to do are removed
        checks = self.sudo().quality_check_ids
        if any(check.state != "todo" for check in checks):
            raise UserError(_("Quality checks were done here: cancel the order instead."))
        checks.unlink()
