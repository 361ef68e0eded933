from odoo import _, api, fields, models


class ShopfloorAndonException(models.Model):
    _inherit = "shopfloor.andon.exception"

    quality_alert_id = fields.Many2one(
        "shopfloor.quality.alert", readonly=True, index="btree_not_null", ondelete="set null"
    )

    @api.model
    def _sf_raise(self, vals, employee=None, user=None, now=None):
        exc, duplicate = super()._sf_raise(vals, employee=employee, user=user, now=now)
        if not duplicate and exc.category == "quality" and not exc.quality_alert_id:
            exc._sf_open_quality_alert()
        return exc, duplicate

    def _prepare_quality_alert_vals(self):
        self.ensure_one()
        return {
            "title": _(
                "%(ref)s on %(wc)s: %(note)s",
                ref=self.name,
                wc=self.workcenter_id.name,
                note=self.note or self.type_id.name,
            )[:200],
            "workorder_id": self.workorder_id.id or False,
            "production_id": self.production_id.id or False,
            "product_id": self.production_id.product_id.id or False,
            "priority": self.priority,
            "company_id": self.company_id.id,
        }

    def _sf_open_quality_alert(self):
        # sudo: the raiser opens the alert for the quality team, whose records they cannot write
        Alert = self.env["shopfloor.quality.alert"].sudo()
        for exc in self:
            exc.quality_alert_id = Alert.create(exc._prepare_quality_alert_vals())
