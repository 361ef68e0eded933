from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..errors import error
from ..tools import allowance as al


class ShopfloorMaterialRequest(models.Model):
    """Replenishment request (补料): more material than the allowance, with a reason.

    Nothing moves until the team leader approves (in the app or the backend): the
    approval issues the material (a real stock move) and raises the order's allowance by
    the approved quantity; a refusal moves nothing.
    """

    _name = "shopfloor.material.request"
    _description = "Material Replenishment Request"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    production_id = fields.Many2one(
        "mrp.production",
        "Manufacturing Order",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    product_id = fields.Many2one("product.product", "Component", required=True, readonly=True)
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True)
    qty = fields.Float("Quantity", digits="Product Unit of Measure", readonly=True)
    reason = fields.Text(required=True, readonly=True)
    state = fields.Selection(
        [("to_approve", "To Approve"), ("approved", "Approved"), ("refused", "Refused")],
        default="to_approve",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    employee_id = fields.Many2one("hr.employee", "Requested By", readonly=True)
    user_id = fields.Many2one("res.users", "Requesting User", readonly=True)
    decided_employee_id = fields.Many2one("hr.employee", "Decided By", readonly=True)
    decided_user_id = fields.Many2one("res.users", "Decided By (User)", readonly=True)
    decision_date = fields.Datetime(readonly=True)
    refuse_reason = fields.Char(readonly=True)
    issue_id = fields.Many2one("shopfloor.material.move", "Issue", readonly=True)
    request_uid = fields.Char("Request Id", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company, index=True
    )

    _sql_constraints = [
        ("qty_positive", "CHECK (qty > 0)", "Request a positive quantity."),
        (
            "request_uid_uniq",
            "unique (company_id, request_uid)",
            "This request id was already used.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                # sudo: the sequence is configuration, numbering is for everybody
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("shopfloor.material.request") or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_to_approve(self):
        if any(request.state != "to_approve" for request in self):
            raise UserError(_("A decided replenishment request cannot be deleted."))

    # ------------------------------------------------------------------
    # Business rules
    # ------------------------------------------------------------------
    @api.model
    def _sf_request(
        self, production, product, qty, reason, lot=None, employee=None, request_uid=None
    ):
        """Ask for ``qty`` more than the allowance. Refused (SF_MAT_NOT_OVER) while the
        allowance still covers the quantity: issue it instead."""
        Move = self.env["shopfloor.material.move"]
        if request_uid:
            retry = self.sudo().search(  # sudo: an earlier call of this id, whoever made it
                [("request_uid", "=", request_uid), ("company_id", "=", production.company_id.id)],
                limit=1,
            )
            if retry:
                return retry.sudo(False)
        lot = lot or self.env["stock.lot"]
        reason = (reason or "").strip()
        if not reason:
            raise error("SF_MAT_REASON_REQUIRED")
        Move._sf_check_production(production)
        Move._sf_check_component(production, product)
        Move._sf_check_lot(product, lot, qty)
        info = production._sf_material_info([product.id])[product.id]
        if not al.exceeds(qty, info["allowed"], product.uom_id.rounding):
            raise error("SF_MAT_NOT_OVER", allowed=info["allowed"], uom=product.uom_id.name)
        request = self.create(
            {
                "production_id": production.id,
                "product_id": product.id,
                "lot_id": lot.id,
                "qty": qty,
                "reason": reason,
                "employee_id": employee.id if employee else False,
                "user_id": self.env.user.id if not employee else False,
                "request_uid": request_uid,
                "company_id": production.company_id.id,
            }
        )
        return request

    def _sf_check_decidable(self):
        self.ensure_one()
        if self.state != "to_approve":
            state = dict(self._fields["state"]._description_selection(self.env))[self.state]
            raise error("SF_MAT_REQUEST_DECIDED", state=state)

    def _sf_approve(self, employee=None):
        """Approve and issue (the leader's decision moves the material at once)."""
        self.ensure_one()
        self._sf_check_decidable()
        self.write(
            {
                "state": "approved",
                "decided_employee_id": employee.id if employee else False,
                "decided_user_id": self.env.user.id if not employee else False,
                "decision_date": fields.Datetime.now(),
            }
        )
        self.issue_id = self.env["shopfloor.material.move"]._sf_issue(
            self.production_id,
            self.product_id,
            self.qty,
            lot=self.lot_id,
            employee=self.employee_id,
            request=self,
        )
        return self.issue_id

    def _sf_refuse(self, reason=False, employee=None):
        self.ensure_one()
        self._sf_check_decidable()
        self.write(
            {
                "state": "refused",
                "refuse_reason": reason,
                "decided_employee_id": employee.id if employee else False,
                "decided_user_id": self.env.user.id if not employee else False,
                "decision_date": fields.Datetime.now(),
            }
        )

    # ------------------------------------------------------------------
    # Backend buttons (leaders)
    # ------------------------------------------------------------------
    def _sf_check_leader(self):
        if not self.env.user.has_group("shopfloor_mp.group_shopfloor_leader"):
            raise error("SF_MAT_NOT_LEADER")

    def action_approve(self):
        self._sf_check_leader()
        for request in self:
            request._sf_approve()
        return True

    def action_refuse(self):
        self._sf_check_leader()
        for request in self:
            request._sf_refuse(_("Refused in the backend by %s", self.env.user.name))
        return True

    def _sf_get_info(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "production_id": self.production_id.id,
            "production": self.production_id.name,
            "product_id": self.product_id.id,
            "product": self.product_id.display_name,
            "lot": self.lot_id.name or None,
            "qty": self.qty,
            "uom": self.product_uom_id.name,
            "reason": self.reason,
            "refuse_reason": self.refuse_reason or None,
            "issue_id": self.issue_id.id or None,
        }
