from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.http import request as http_request


class ShopfloorMaterialMove(models.Model):
    _inherit = "shopfloor.material.move"

    @api.model
    def _sf_issue(
        self, production, product, qty, lot=None, employee=None, request_uid=None, request=None
    ):
        """An issue impossible for lack of stock is a shortage: the API call fails
        (and writes nothing), the failure's own transaction raises the exception (see
        shopfloor.api._write_failure). An issue that succeeds resolves the order's open
        shortages of the component."""
        try:
            move = super()._sf_issue(
                production,
                product,
                qty,
                lot=lot,
                employee=employee,
                request_uid=request_uid,
                request=request,
            )
        except ShopfloorError as err:
            if err.code == "SF_MAT_NO_STOCK":
                self._sf_note_shortage(production, product, qty, err, employee, request)
            raise
        if move.kind == "issue" and move.production_id == production:
            # sudo: the storekeeper or worker issuing may not be a responder
            self.env["shopfloor.andon.exception"].sudo()._sf_resolve_material_shortage(move)
        return move

    @api.model
    def _sf_note_shortage(self, production, product, qty, err, employee, request):
        """Keep the shortage in the API call's context, for its failure log."""
        meta = getattr(http_request, "shopfloor_meta", None) if http_request else None
        if meta is None:
            return
        meta["material_shortage"] = {
            "production_id": production.id,
            "product_id": product.id,
            "qty": qty,
            "available": err.details.get("available"),
            "location": err.details.get("location"),
            "employee_id": employee.id if employee else None,
            "request_id": request.id if request else None,
        }
