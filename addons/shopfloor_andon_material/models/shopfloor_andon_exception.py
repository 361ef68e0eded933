from odoo import _, api, fields, models
from odoo.addons.shopfloor_andon.models.shopfloor_andon_exception import OPEN_STATES


class ShopfloorAndonException(models.Model):
    _inherit = "shopfloor.andon.exception"

    material_product_id = fields.Many2one(
        "product.product", "Missing Component", readonly=True, index="btree_not_null"
    )
    material_request_id = fields.Many2one(
        "shopfloor.material.request",
        "Replenishment",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    material_move_id = fields.Many2one(
        "shopfloor.material.move",
        "Resolving Issue",
        readonly=True,
        ondelete="set null",
        help="The issue of the missing component that resolved the shortage.",
    )

    # ------------------------------------------------------------------------------
    # routing: material shortages go to the storekeepers too
    # ------------------------------------------------------------------------------
    def _sf_get_storekeepers(self):
        self.ensure_one()
        # sudo: who keeps the store is HR data the raiser may not read; routing only
        return (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("shopfloor_role", "=", "storekeeper"), ("company_id", "=", self.company_id.id)]
            )
            .sudo(False)
        )

    def _sf_get_level_recipients(self, level):
        recipients = super()._sf_get_level_recipients(level)
        if level == 0 and self.category == "material":
            recipients |= self._sf_get_storekeepers()
        return recipients

    def _sf_is_responder(self, employee):
        if super()._sf_is_responder(employee):
            return True
        return (
            bool(employee)
            and self.category == "material"
            and (employee in self._sf_get_storekeepers())
        )

    @api.model
    def _sf_get_duplicate_domain(self, vals):
        """A shortage raised by the material flows answers the open shortage of the same
        order and component only: two orders (or two components) short on one line are
        two exceptions, each resolved by its own issue."""
        domain = super()._sf_get_duplicate_domain(vals)
        if vals.get("material_product_id"):
            domain += [
                ("production_id", "=", vals.get("production_id") or False),
                ("material_product_id", "=", vals["material_product_id"]),
            ]
        return domain

    # ------------------------------------------------------------------------------
    # raise and resolve from the material flows
    # ------------------------------------------------------------------------------
    @api.model
    def _sf_get_material_type(self, company):
        return self.env["shopfloor.andon.type"].search(
            [("category", "=", "material"), ("company_id", "=", company.id)], limit=1
        )

    @api.model
    def _sf_raise_material_shortage(
        self, production, product, note, employee=None, user=None, request=None
    ):
        """Raise (or raise again) the material-shortage exception of ``production``'s
        line for ``product``. Nothing when the company has no material-shortage type or
        the order no operation (an exception belongs to a work center)."""
        atype = self._sf_get_material_type(production.company_id)
        workorders = production.workorder_ids
        workorder = workorders.filtered(lambda w: w.state not in ("done", "cancel"))[:1]
        workorder = workorder or workorders[:1]
        if not atype or not workorder:
            return self.browse()
        vals = {
            "type_id": atype.id,
            "workcenter_id": workorder.workcenter_id.id,
            "workorder_id": workorder.id,
            "production_id": production.id,
            "note": note,
            "material_product_id": product.id,
            "material_request_id": request.id if request else False,
        }
        exc, _duplicate = self._sf_raise(vals, employee=employee, user=user)
        return exc

    @api.model
    def _sf_resolve_material_shortage(self, move):
        """The issue ``move`` brought the missing component: its order's open shortages
        of that component are resolved, linked to the issue."""
        exceptions = self.search(
            [
                ("category", "=", "material"),
                ("production_id", "=", move.production_id.id),
                ("material_product_id", "=", move.product_id.id),
                ("state", "in", OPEN_STATES),
            ]
        )
        employee = move.employee_id
        now = fields.Datetime.now()
        for exc in exceptions:
            if exc.state == "raised":
                exc._sf_transition("ack", employee=employee, user=move.user_id, now=now)
            exc.material_move_id = move
            exc._sf_transition(
                "resolve",
                employee=employee,
                user=move.user_id,
                now=now,
                note=_(
                    "Issued %(qty)s %(uom)s of %(product)s (%(ref)s).",
                    qty=move.qty,
                    uom=move.product_uom_id.name,
                    product=move.product_id.display_name,
                    ref=move.name,
                ),
            )
        return exceptions
