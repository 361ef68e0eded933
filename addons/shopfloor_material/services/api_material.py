from odoo import api, models
from odoo.addons.shopfloor_mp.tools import qr
from odoo.addons.shopfloor_mp.tools.api import error as mp_error
from odoo.addons.shopfloor_mp.tools.params import Params, bad
from odoo.tools import SQL

from ..errors import error


class ShopfloorApiMaterial(models.AbstractModel):
    """Material issue, return, replenishment and scrap, as API methods.

    Each method parses its params, resolves and checks the scanned order and component
    and calls ``shopfloor.material.move`` / ``shopfloor.material.request``, where the
    rules live.
    """

    _name = "shopfloor.api.material"
    _description = "Shop-floor API: material"

    # ------------------------------------------------------------------
    # Access and resolution
    # ------------------------------------------------------------------
    @api.model
    def _get_role(self, ctx):
        # sudo: the caller's own role (hr field), read-only
        return ctx.employee.sudo().shopfloor_role if ctx.employee else False

    @api.model
    def _check_access(self, ctx, production):
        """Storekeepers serve every order of their company; workers and leaders the
        orders with an operation on their (team's) work centers."""
        if not ctx.employee:
            if ctx.user and not ctx.token:
                return  # a backend user with an API key: Odoo's access rights apply
            raise mp_error("SF_FORBIDDEN")
        if self._get_role(ctx) == "storekeeper":
            return
        allowed = self.env["shopfloor.api.workorder"]._get_allowed_workcenters(ctx.employee)
        if not (production.sudo().workorder_ids.workcenter_id & allowed):
            raise mp_error("SF_FORBIDDEN")

    @api.model
    def _get_production(self, ctx, p):
        """The order named by ``production_id`` or by a scanned ``code`` (the order's
        QR code or a job card of one of its operations)."""
        production_id = p.int("production_id", required=False)
        if production_id:
            production = self.env["mrp.production"].browse(production_id)
            # another company's or a deleted order: same answer as an unknown code
            if not production.sudo().exists() or production.sudo().company_id != ctx.company:
                raise mp_error("SF_UNKNOWN_CODE")
        else:
            record = self.env["shopfloor.code"]._resolve(p.str("code", max_len=512), ctx.company)
            if record._name == "mrp.workorder":
                production = record.production_id
            elif record._name == "mrp.production":
                production = record
            else:
                raise error("SF_MAT_NOT_PRODUCTION")
        self._check_access(ctx, production)
        return production

    @api.model
    def _get_lot(self, ctx, lot_id):
        lot = self.env["stock.lot"].browse(lot_id)
        company = lot.sudo().exists().company_id
        if not lot.sudo().exists() or (company and company != ctx.company):
            raise bad("lot_id", "unknown")
        return lot

    @api.model
    def _get_component(self, ctx, p, production):
        """``(product, lot)`` from ``product_id`` / ``lot_id`` or a scanned
        ``component_code``: a lot or product QR code, a product barcode or internal
        reference, a lot or serial number of one of the order's components."""
        lot = self.env["stock.lot"]
        lot_id = p.int("lot_id", required=False)
        if lot_id:
            lot = self._get_lot(ctx, lot_id)
        product_id = p.int("product_id", required=False)
        if product_id:
            product = self.env["product.product"].browse(product_id)
            company = product.sudo().exists().company_id
            if not product.sudo().exists() or (company and company != ctx.company):
                raise bad("product_id", "unknown")
            return product, lot
        if lot:
            return lot.product_id, lot
        code = p.str("component_code", max_len=512)
        return self._resolve_component(ctx, code, production)

    @api.model
    def _resolve_component(self, ctx, code, production):
        Lot = self.env["stock.lot"]
        parsed = qr.parse(code)
        if parsed:
            self.env["shopfloor.code"].flush_model()
            row = self.env.execute_query(
                SQL(
                    "SELECT res_model, res_id, company_id FROM shopfloor_code"
                    " WHERE code = %s AND active AND res_model IN ('stock.lot', 'product.product')",
                    parsed,
                )
            )
            if row:
                res_model, res_id, company_id = row[0]
                if company_id and company_id != ctx.company.id:
                    raise mp_error("SF_OTHER_COMPANY")
                record = self.env[res_model].browse(res_id).exists()
                if record._name == "stock.lot":
                    return record.product_id, record
                if record:
                    return record, Lot
        components = production.move_raw_ids.product_id
        company = [("company_id", "in", (False, ctx.company.id))]
        product = self.env["product.product"].search(
            ["|", ("barcode", "=", code), ("default_code", "=", code)] + company,
            order="id",
        )
        product = (product & components)[:1] or product[:1]
        if product:
            return product, Lot
        lot = Lot.search(
            [("name", "=", code), ("product_id", "in", components.ids)] + company, limit=1
        )
        if lot:
            return lot.product_id, lot
        raise error("SF_MAT_UNKNOWN_COMPONENT")

    # ------------------------------------------------------------------
    # Read
    # ------------------------------------------------------------------
    def api_needs(self, ctx, params):
        """What the order still needs: per component standard, issued, returned,
        scrapped, consumed and what may still be issued."""
        production = self._get_production(ctx, Params(params))
        return production._sf_material_needs()

    def api_requests(self, ctx, params):
        """Replenishment requests waiting for a decision, of the orders the caller
        may act on (leaders approve them)."""
        p = Params(params)
        domain = [("state", "=", "to_approve"), ("company_id", "=", ctx.company.id)]
        if p.int("production_id", required=False):
            domain.append(("production_id", "=", self._get_production(ctx, p).id))
        requests = self.env["shopfloor.material.request"].search(domain, limit=100)
        visible = []
        for request in requests:
            try:
                self._check_access(ctx, request.production_id)
            except Exception:
                continue
            visible.append(request._sf_get_info())
        return {"requests": visible}

    # ------------------------------------------------------------------
    # Write
    # ------------------------------------------------------------------
    def _answer(self, production, move):
        info = production._sf_material_info([move.product_id.id])[move.product_id.id]
        info.pop("product")
        return {"move": move._sf_get_info(), "line": dict(info, product_id=move.product_id.id)}

    def api_issue(self, ctx, params):
        p = Params(params)
        production = self._get_production(ctx, p)
        product, lot = self._get_component(ctx, p, production)
        move = self.env["shopfloor.material.move"]._sf_issue(
            production,
            product,
            p.qty("qty"),
            lot=lot,
            employee=ctx.employee,
            request_uid=ctx.request_uid,
        )
        return self._answer(production, move)

    def api_return(self, ctx, params):
        p = Params(params)
        production = self._get_production(ctx, p)
        product, lot = self._get_component(ctx, p, production)
        move = self.env["shopfloor.material.move"]._sf_return(
            production,
            product,
            p.qty("qty"),
            lot=lot,
            employee=ctx.employee,
            request_uid=ctx.request_uid,
        )
        return self._answer(production, move)

    def api_scrap(self, ctx, params):
        p = Params(params)
        production = self._get_production(ctx, p)
        product, lot = self._get_component(ctx, p, production)
        defect = self.env["shopfloor.api.workorder"]._get_defect_type(ctx, p)
        workorder = self.env["mrp.workorder"]
        wo_id = p.int("workorder_id", required=False)
        if wo_id:
            workorder = workorder.browse(wo_id)
            if workorder.sudo().production_id != production:
                raise bad("workorder_id", "not_of_order")
        move = self.env["shopfloor.material.move"]._sf_scrap(
            production,
            product,
            p.qty("qty"),
            defect,
            lot=lot,
            employee=ctx.employee,
            workorder=workorder,
            request_uid=ctx.request_uid,
            note=p.str("note", required=False, max_len=256),
        )
        return self._answer(production, move)

    def api_replenish(self, ctx, params):
        p = Params(params)
        production = self._get_production(ctx, p)
        product, lot = self._get_component(ctx, p, production)
        request = self.env["shopfloor.material.request"]._sf_request(
            production,
            product,
            p.qty("qty"),
            p.str("reason", required=False, max_len=1000),
            lot=lot,
            employee=ctx.employee,
            request_uid=ctx.request_uid,
        )
        return {"request": request._sf_get_info()}

    def _get_request_to_decide(self, ctx, p):
        request = self.env["shopfloor.material.request"].browse(p.int("request_id"))
        if not request.sudo().exists() or request.sudo().company_id != ctx.company:
            raise error("SF_MAT_UNKNOWN_REQUEST")
        if ctx.employee:
            if self._get_role(ctx) != "leader":
                raise error("SF_MAT_NOT_LEADER")
        elif not (
            ctx.user and not ctx.token and ctx.user.has_group("shopfloor_mp.group_shopfloor_leader")
        ):
            raise error("SF_MAT_NOT_LEADER")
        self._check_access(ctx, request.production_id)
        return request

    def api_approve(self, ctx, params):
        request = self._get_request_to_decide(ctx, Params(params))
        request._sf_approve(employee=ctx.employee)
        return {"request": request._sf_get_info(), "move": request.issue_id._sf_get_info()}

    def api_refuse(self, ctx, params):
        p = Params(params)
        request = self._get_request_to_decide(ctx, p)
        request._sf_refuse(p.str("reason", required=False, max_len=1000), employee=ctx.employee)
        return {"request": request._sf_get_info()}
