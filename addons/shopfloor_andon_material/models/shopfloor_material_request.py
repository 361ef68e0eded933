from odoo import _, fields, models


class ShopfloorMaterialRequest(models.Model):
    _inherit = "shopfloor.material.request"

    andon_exception_ids = fields.One2many(
        "shopfloor.andon.exception", "material_request_id", string="Shortage Exceptions"
    )

    def _sf_refuse(self, reason=False, employee=None):
        """A refused replenishment leaves the line short: a material-shortage exception
        goes to the storekeepers (raised in the requester's name, who verifies it)."""
        res = super()._sf_refuse(reason=reason, employee=employee)
        # sudo: the leader refusing may have no right to raise exceptions for the line
        self.env["shopfloor.andon.exception"].sudo()._sf_raise_material_shortage(
            self.production_id,
            self.product_id,
            _(
                "%(ref)s refused: %(qty)s %(uom)s of %(product)s for %(mo)s. %(reason)s",
                ref=self.name,
                qty=self.qty,
                uom=self.product_uom_id.name,
                product=self.product_id.display_name,
                mo=self.production_id.name,
                reason=reason or "",
            ).strip(),
            employee=self.employee_id or None,
            user=self.user_id or None,
            request=self,
        )
        return res
