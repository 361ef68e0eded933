import logging

from odoo import SUPERUSER_ID, _, api, models

_logger = logging.getLogger(__name__)


class ShopfloorApi(models.AbstractModel):
    _inherit = "shopfloor.api"

    @api.model
    def _write_failure(self, vals, meta):
        """An issue refused for lack of stock (SF_MAT_NO_STOCK) raises the line's
        material-shortage exception, on the failure log's own cursor: the call itself
        wrote nothing. A retry raises it again, which answers the open exception."""
        super()._write_failure(vals, meta)
        shortage = meta.get("material_shortage")
        if vals.get("result_code") != "SF_MAT_NO_STOCK" or not shortage:
            return
        try:
            with self.env.cr.savepoint():
                self._sf_raise_material_shortage(shortage)
        except Exception:  # the failure log must stay; the call's answer is unchanged
            _logger.warning("Could not raise the material shortage %s", shortage, exc_info=True)

    @api.model
    def _sf_raise_material_shortage(self, shortage):
        # superuser: raised for the line, whoever called (the failure log's environment
        # has no user: the call may have failed before identifying one)
        env = self.env(user=SUPERUSER_ID, su=True)
        production = env["mrp.production"].browse(shortage["production_id"]).exists()
        product = env["product.product"].browse(shortage["product_id"]).exists()
        if not production or not product:
            return
        employee = env["hr.employee"].browse(shortage.get("employee_id") or []).exists()
        request = env["shopfloor.material.request"].browse(shortage.get("request_id") or [])
        note = _(
            "No stock to issue %(qty)s %(uom)s of %(product)s for %(mo)s: %(available)s in "
            "%(location)s.",
            qty=shortage["qty"],
            uom=product.uom_id.name,
            product=product.display_name,
            mo=production.name,
            available=shortage.get("available"),
            location=shortage.get("location") or "",
        )
        env["shopfloor.andon.exception"].with_company(
            production.company_id
        )._sf_raise_material_shortage(
            production, product, note, employee=employee or None, request=request.exists() or None
        )
