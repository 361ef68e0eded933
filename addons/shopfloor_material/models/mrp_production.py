from collections import defaultdict

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import allowance as al


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    shopfloor_planned_scrap_qty = fields.Float(
        "Planned Scrap",
        digits="Product Unit of Measure",
        copy=False,
        help="Finished units expected to be scrapped: their material may be issued too.",
    )
    shopfloor_material_standard = fields.Json(
        "Material Standard per Unit", copy=False, readonly=True
    )
    shopfloor_material_move_ids = fields.One2many(
        "shopfloor.material.move", "production_id", string="Material Movements"
    )
    shopfloor_material_request_ids = fields.One2many(
        "shopfloor.material.request", "production_id", string="Replenishment Requests"
    )
    shopfloor_material_move_count = fields.Integer(compute="_compute_shopfloor_material_counts")
    shopfloor_material_request_count = fields.Integer(compute="_compute_shopfloor_material_counts")

    @api.depends("shopfloor_material_move_ids", "shopfloor_material_request_ids")
    def _compute_shopfloor_material_counts(self):
        for production in self:
            production.shopfloor_material_move_count = len(production.shopfloor_material_move_ids)
            production.shopfloor_material_request_count = len(
                production.shopfloor_material_request_ids
            )

    # ------------------------------------------------------------------
    # BOM standard
    # ------------------------------------------------------------------
    @api.model
    def _sf_uom(self, uom):
        return al.Uom(uom.category_id.id, uom.factor, uom.rounding)

    def _sf_bom_tree(self, bom, product, depth=0):
        """``bom`` as the plain structure of tools/allowance.py, kits (phantom BOMs of
        the components) nested, lines not applying to ``product``'s variant skipped."""
        lines = []
        for line in bom.bom_line_ids:
            if line._skip_bom_line(product):
                continue
            kit = False
            if depth < al.MAX_KIT_DEPTH:
                kit_bom = self.env["mrp.bom"]._bom_find(
                    line.product_id, company_id=bom.company_id.id, bom_type="phantom"
                )[line.product_id]
                if kit_bom:
                    kit = self._sf_bom_tree(kit_bom, line.product_id, depth + 1)
            lines.append(
                {
                    "product": line.product_id.id,
                    "qty": line.product_qty,
                    "uom": self._sf_uom(line.product_uom_id),
                    "product_uom": self._sf_uom(line.product_id.uom_id),
                    "kit": kit,
                }
            )
        return {"qty": bom.product_qty, "uom": self._sf_uom(bom.product_uom_id), "lines": lines}

    def action_confirm(self):
        res = super().action_confirm()
        for production in self.filtered(lambda p: p.state not in ("draft", "cancel")):
            production.shopfloor_material_standard = {
                str(k): v for k, v in production._sf_compute_standard_per_unit().items()
            }
        return res

    def _sf_standard_per_unit(self):
        """``{product id: component qty per finished unit}``: kept at confirmation, as
        Odoo keeps the components of a confirmed order (a later BOM change does not
        change the order)."""
        self.ensure_one()
        if self.shopfloor_material_standard:
            return {int(k): v for k, v in self.shopfloor_material_standard.items()}
        return self._sf_compute_standard_per_unit()

    def _sf_compute_standard_per_unit(self):
        """``{product id: component qty per finished unit}`` (product's unit, per unit of
        the order's unit): the BOM's, kits exploded; components added to the order by
        hand count with their demand."""
        self.ensure_one()
        result = {}
        if self.bom_id:
            tree = self._sf_bom_tree(self.bom_id, self.product_id)
            result = al.standard_quantities(tree, 1.0, self._sf_uom(self.product_uom_id))
        qty = self.product_qty or 1.0
        extra = defaultdict(float)
        for move in self.move_raw_ids:
            if move.state == "cancel" or move.scrapped or move.product_id.id in result:
                continue
            extra[move.product_id.id] += move.product_qty / qty
        result.update(extra)
        return result

    # ------------------------------------------------------------------
    # Material status
    # ------------------------------------------------------------------
    def _sf_material_consumed(self, product_ids=None):
        """``{(product id, lot id or None): qty}`` consumed by the order (done raw
        moves into production, scraps excluded)."""
        self.ensure_one()
        self.env["stock.move.line"].flush_model()
        self.env["stock.move"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """SELECT ml.product_id, ml.lot_id, SUM(ml.quantity_product_uom)
                     FROM stock_move_line ml
                     JOIN stock_move m ON m.id = ml.move_id
                     JOIN stock_location d ON d.id = m.location_dest_id
                    WHERE m.raw_material_production_id = %s AND m.state = 'done'
                      AND d.usage = 'production' AND %s
                 GROUP BY 1, 2""",
                self.id,
                SQL("ml.product_id = ANY(%s)", list(product_ids)) if product_ids else SQL("TRUE"),
            )
        )
        return {(product, lot): qty for product, lot, qty in rows}

    def _sf_material_info(self, product_ids=None):
        """Per component: BOM standard, allowance, issued, returned, scrapped, consumed,
        approved extra and what may still be issued (all in the product's unit)."""
        self.ensure_one()
        per_unit = self._sf_standard_per_unit()
        if product_ids is not None:
            per_unit = {p: q for p, q in per_unit.items() if p in product_ids}
        Move = self.env["shopfloor.material.move"].sudo()  # totals of the order's ledger
        totals = defaultdict(float)
        for product, kind, qty in Move._read_group(
            [("production_id", "=", self.id), ("product_id", "in", list(per_unit))],
            ["product_id", "kind"],
            ["qty:sum"],
        ):
            totals[(product.id, kind)] = qty
        Request = self.env["shopfloor.material.request"].sudo()  # approved extra, summed
        approved = {
            product.id: qty
            for product, qty in Request._read_group(
                [
                    ("production_id", "=", self.id),
                    ("state", "=", "approved"),
                    ("product_id", "in", list(per_unit)),
                ],
                ["product_id"],
                ["qty:sum"],
            )
        }
        consumed = defaultdict(float)
        for (product, _lot), qty in self._sf_material_consumed(per_unit).items():
            consumed[product] += qty
        tolerance = (self.company_id.shopfloor_material_tolerance or 0.0) / 100.0
        products = self.env["product.product"].browse(list(per_unit))
        result = {}
        for product in products:
            rounding = product.uom_id.rounding
            issued = totals[(product.id, "issue")]
            returned = totals[(product.id, "return")]
            scrapped = totals[(product.id, "scrap")]
            standard = per_unit[product.id] * (self.product_qty + self.shopfloor_planned_scrap_qty)
            info = {
                "product": product,
                "per_unit": per_unit[product.id],
                "standard": al.round_to(standard, rounding),
                "allowed_total": al.allowance(
                    per_unit[product.id],
                    self.product_qty,
                    self.shopfloor_planned_scrap_qty,
                    tolerance,
                    rounding=rounding,
                ),
                "issued": issued,
                "returned": returned,
                "scrapped": scrapped,
                "consumed": consumed[product.id],
                "approved_extra": approved.get(product.id, 0.0),
            }
            info["allowed"] = al.allowance(
                per_unit[product.id],
                self.product_qty,
                self.shopfloor_planned_scrap_qty,
                tolerance,
                issued=issued,
                returned=returned,
                approved_extra=info["approved_extra"],
                rounding=rounding,
            )
            info["on_line"] = al.returnable(
                issued, returned, consumed[product.id], scrapped, rounding
            )
            result[product.id] = info
        return result

    def _sf_material_needs(self):
        """The storekeeper's view of the order: one dict per component (JSON-ready)."""
        self.ensure_one()
        lines = []
        for info in self._sf_material_info().values():
            product = info.pop("product")
            lines.append(
                dict(
                    info,
                    product_id=product.id,
                    product=product.display_name,
                    barcode=product.barcode or None,
                    uom=product.uom_id.name,
                    tracking=product.tracking,
                )
            )
        return {
            "production": {
                "id": self.id,
                "name": self.name,
                "state": self.state,
                "product": self.product_id.display_name,
                "qty": self.product_qty,
                "planned_scrap": self.shopfloor_planned_scrap_qty,
                "manufacture_steps": self.picking_type_id.warehouse_id.manufacture_steps or None,
            },
            "lines": lines,
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_shopfloor_material_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_material.action_shopfloor_material_move"
        )
        action["domain"] = [("production_id", "=", self.id)]
        action["context"] = {"default_production_id": self.id}
        return action

    def action_view_shopfloor_material_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_material.action_shopfloor_material_request"
        )
        action["domain"] = [("production_id", "=", self.id)]
        action["context"] = {"default_production_id": self.id}
        action["name"] = _("Replenishments of %s", self.name)
        return action
