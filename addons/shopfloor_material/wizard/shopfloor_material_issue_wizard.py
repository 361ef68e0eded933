from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import allowance as al


class ShopfloorMaterialIssueWizard(models.TransientModel):
    """Issue or return material of a manufacturing order from the backend, as the app
    does (same rules, same ledger): one line per component with its allowance."""

    _name = "shopfloor.material.issue.wizard"
    _description = "Material Issue or Return (backend)"

    production_id = fields.Many2one("mrp.production", required=True, readonly=True)
    kind = fields.Selection(
        [("issue", "Issue"), ("return", "Return")], required=True, default="issue", readonly=True
    )
    line_ids = fields.One2many("shopfloor.material.issue.wizard.line", "wizard_id")
    company_id = fields.Many2one(related="production_id.company_id")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        production = self.env["mrp.production"].browse(
            res.get("production_id") or self.env.context.get("active_id")
        )
        if production and "line_ids" in fields_list:
            res["production_id"] = production.id
            kind = res.get("kind") or self.env.context.get("default_kind") or "issue"
            infos = production._sf_material_info()
            res["line_ids"] = [
                fields.Command.create({"product_id": product_id})
                for product_id, info in infos.items()
                if kind == "issue" or info["on_line"] > 0
            ]
        return res

    def action_confirm(self):
        """Every line with a quantity, in one transaction: a refused line (over the
        allowance, no stock, wrong lot...) refuses them all, nothing moves."""
        self.ensure_one()
        Move = self.env["shopfloor.material.move"]
        employee = self.env.user.employee_id
        lines = self.line_ids.filtered(lambda line: line.qty > 0)
        if not lines:
            raise UserError(_("Give a quantity on at least one line."))
        moves = Move.browse()
        for line in lines:
            method = Move._sf_issue if self.kind == "issue" else Move._sf_return
            moves |= method(
                self.production_id,
                line.product_id,
                line.qty,
                lot=line.lot_id,
                employee=employee or None,
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_material.action_shopfloor_material_move"
        )
        action["domain"] = [("id", "in", moves.ids)]
        return action


class ShopfloorMaterialIssueWizardLine(models.TransientModel):
    _name = "shopfloor.material.issue.wizard.line"
    _description = "Material Issue or Return Line (backend)"

    wizard_id = fields.Many2one(
        "shopfloor.material.issue.wizard", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one("product.product", "Component", required=True)
    tracking = fields.Selection(related="product_id.tracking")
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", domain="[('product_id', '=', product_id)]")
    standard = fields.Float(
        "BOM Standard", compute="_compute_allowance", digits="Product Unit of Measure"
    )
    issued = fields.Float(compute="_compute_allowance", digits="Product Unit of Measure")
    returned = fields.Float(compute="_compute_allowance", digits="Product Unit of Measure")
    on_line = fields.Float(
        "On the Line", compute="_compute_allowance", digits="Product Unit of Measure"
    )
    allowed = fields.Float(
        "Allowed",
        compute="_compute_allowance",
        digits="Product Unit of Measure",
        help="Issue: what may still be issued without a replenishment request. Return: "
        "what was issued (of this lot) and not consumed, returned or scrapped.",
    )
    qty = fields.Float("Quantity", digits="Product Unit of Measure")

    @api.depends("product_id", "lot_id", "wizard_id.kind", "wizard_id.production_id")
    def _compute_allowance(self):
        Move = self.env["shopfloor.material.move"]
        infos = {}
        for line in self:
            production = line.wizard_id.production_id
            if production.id not in infos:
                infos[production.id] = production._sf_material_info() if production else {}
            info = infos[production.id].get(line.product_id.id)
            if not info:
                line.update(
                    dict.fromkeys(("standard", "issued", "returned", "on_line", "allowed"), 0.0)
                )
                continue
            line.standard = info["standard"]
            line.issued = info["issued"]
            line.returned = info["returned"]
            line.on_line = info["on_line"]
            if line.wizard_id.kind == "return":
                line.allowed = Move._sf_get_returnable(production, line.product_id, line.lot_id)
            else:
                line.allowed = max(info["allowed"], 0.0)

    @api.onchange("qty")
    def _onchange_qty(self):
        rounding = self.product_uom_id.rounding
        if self.qty and al.exceeds(self.qty, self.allowed, rounding):
            return {
                "warning": {
                    "title": _("More than allowed"),
                    "message": _(
                        "Only %(allowed)s %(uom)s may be moved: the confirmation will be "
                        "refused (ask for a replenishment for more).",
                        allowed=self.allowed,
                        uom=self.product_uom_id.name,
                    ),
                }
            }
        return None
