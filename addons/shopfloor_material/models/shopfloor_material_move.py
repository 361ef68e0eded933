from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_is_zero

from ..errors import error
from ..tools import allowance as al


class ShopfloorMaterialMove(models.Model):
    """One material movement of a manufacturing order: issue (领料) to the line, return
    (退料) to the store, or scrap (料废) on the line.

    Never a side table alone: every line is the business record of a done Odoo stock
    move (or stock scrap) and is created by :meth:`_sf_issue`, :meth:`_sf_return` or
    :meth:`_sf_scrap`, which check the rules under a row lock on the order's component.
    """

    _name = "shopfloor.material.move"
    _description = "Material Issue, Return or Scrap"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    kind = fields.Selection(
        [("issue", "Issue"), ("return", "Return"), ("scrap", "Scrap")],
        required=True,
        readonly=True,
        index=True,
    )
    production_id = fields.Many2one(
        "mrp.production",
        "Manufacturing Order",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    product_id = fields.Many2one(
        "product.product", "Component", required=True, readonly=True, index=True
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True, index="btree_not_null")
    qty = fields.Float(
        "Quantity", digits="Product Unit of Measure", readonly=True, help="In the product's unit."
    )
    unit_cost = fields.Float(
        "Unit Cost", digits="Product Price", readonly=True, help="The product's cost when moved."
    )
    value = fields.Float(compute="_compute_value", store=True, digits="Product Price")
    location_id = fields.Many2one("stock.location", "From", readonly=True)
    location_dest_id = fields.Many2one("stock.location", "To", readonly=True)
    stock_move_id = fields.Many2one("stock.move", readonly=True, index="btree_not_null")
    scrap_id = fields.Many2one("stock.scrap", readonly=True, index="btree_not_null")
    request_id = fields.Many2one(
        "shopfloor.material.request", "Replenishment", readonly=True, index="btree_not_null"
    )
    employee_id = fields.Many2one("hr.employee", "Employee", readonly=True, index=True)
    user_id = fields.Many2one("res.users", "User", readonly=True, default=lambda s: s.env.user)
    workorder_id = fields.Many2one("mrp.workorder", "Operation", readonly=True)
    defect_type_id = fields.Many2one("shopfloor.defect.type", "Defect Type", readonly=True)
    defect_category = fields.Selection(related="defect_type_id.category", store=True)
    piece_qty = fields.Float(
        "Operation Units",
        digits="Product Unit of Measure",
        readonly=True,
        help="Scrap at an operation: the finished units the scrapped material makes "
        "(quantity / BOM quantity per unit). They count as scrapped units of the operation "
        "for the wage rules, by the defect category.",
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)
    request_uid = fields.Char("Request Id", readonly=True, copy=False)
    note = fields.Char(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company, index=True
    )

    _sql_constraints = [
        ("qty_positive", "CHECK (qty > 0)", "A material movement moves a positive quantity."),
        (
            "request_uid_uniq",
            "unique (company_id, request_uid)",
            "This request id was already used.",
        ),
    ]

    @api.depends("qty", "unit_cost")
    def _compute_value(self):
        for move in self:
            move.value = move.qty * move.unit_cost

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                # sudo: the sequence is configuration, numbering is for everybody
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("shopfloor.material.move") or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Material movements are stock history: they cannot be deleted."))

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _sf_find_retry(self, request_uid, company):
        """The movement a request id already made (a retry gets it back)."""
        if not request_uid:
            return self.browse()
        return (
            self.sudo()
            .search(  # sudo: any earlier call of this id, whoever made it
                [("request_uid", "=", request_uid), ("company_id", "=", company.id)], limit=1
            )
            .sudo(False)
        )

    @api.model
    def _sf_check_production(self, production):
        if production.state not in ("confirmed", "progress", "to_close"):
            state = dict(production._fields["state"]._description_selection(self.env)).get(
                production.state, production.state
            )
            raise error("SF_MAT_MO_STATE", production=production.name, state=state)

    @api.model
    def _sf_check_component(self, production, product):
        raws = production.move_raw_ids.filtered(
            lambda m: m.product_id == product and m.state != "cancel" and not m.scrapped
        )
        if not raws:
            raise error(
                "SF_MAT_NOT_COMPONENT", product=product.display_name, production=production.name
            )
        return raws

    @api.model
    def _sf_check_lot(self, product, lot, qty):
        if float_is_zero(qty, precision_rounding=product.uom_id.rounding) or qty < 0:
            raise error("SF_MAT_QTY_ZERO")
        if product.tracking == "none":
            if lot:
                raise error("SF_MAT_LOT_MISMATCH", lot=lot.name, product=product.display_name)
            return self.env["stock.lot"]
        if not lot:
            raise error("SF_MAT_LOT_REQUIRED", product=product.display_name)
        if lot.product_id != product:
            raise error("SF_MAT_LOT_MISMATCH", lot=lot.name, product=product.display_name)
        if product.tracking == "serial" and qty != 1:
            raise error("SF_MAT_SERIAL_QTY")
        return lot

    @api.model
    def _sf_lock_component(self, production, product):
        """Serialise every material movement of one component of one order.

        The first raw move of the component is locked (SELECT ... FOR UPDATE) and
        updated: a concurrent transaction waits for the lock, then fails to update a
        row changed since its snapshot (REPEATABLE READ) and is retried by Odoo with a
        fresh snapshot that sees our issue. So two scanners taking the last units at the
        same moment never both succeed.
        """
        self.env["stock.move"].flush_model()
        row = self.env.execute_query(
            SQL(
                """SELECT id FROM stock_move
                    WHERE raw_material_production_id = %s AND product_id = %s
                 ORDER BY id LIMIT 1 FOR UPDATE""",
                production.id,
                product.id,
            )
        )
        if row:
            self.env.cr.execute(
                SQL(
                    "UPDATE stock_move SET shopfloor_material_seq ="
                    " COALESCE(shopfloor_material_seq, 0) + 1 WHERE id = %s",
                    row[0][0],
                )
            )
            self.env["stock.move"].browse(row[0][0]).invalidate_recordset(
                ["shopfloor_material_seq"]
            )

    @api.model
    def _sf_get_locations(self, production):
        """(store, line side) of the order: the pick-components route's locations with 2
        and 3 steps, the warehouse's line-side location with 1 step."""
        warehouse = production.picking_type_id.warehouse_id
        if warehouse.manufacture_steps in ("pbm", "pbm_sam"):
            return warehouse.lot_stock_id, warehouse.pbm_loc_id
        if not warehouse.shopfloor_line_location_id:
            raise error("SF_MAT_NO_LINE_LOCATION", warehouse=warehouse.name)
        return warehouse.lot_stock_id, warehouse.shopfloor_line_location_id

    # ------------------------------------------------------------------
    # Stock moves
    # ------------------------------------------------------------------
    @api.model
    def _sf_fill_and_done(self, moves, location, product, lot):
        """Reserve exactly ``lot`` (or any stock) from ``location`` for ``moves`` and
        validate them; SF_MAT_NO_STOCK when the location holds less."""
        # the operation type may have reserved at confirmation (any lot): drop it, the
        # scanned lot is what moves
        moves.filtered("move_line_ids")._do_unreserve()
        for move in moves:
            need = move.product_qty
            taken = move._update_reserved_quantity(need, location, lot_id=lot, strict=False)
            if al.exceeds(need, taken, product.uom_id.rounding):
                available = self.env["stock.quant"]._get_available_quantity(
                    product, location, lot_id=lot or None
                )
                raise error(
                    "SF_MAT_NO_STOCK",
                    available=available,
                    uom=product.uom_id.name,
                    product=product.display_name,
                    location=location.display_name,
                )
            move.move_line_ids.picked = True
            move.picked = True
        moves._action_done(cancel_backorder=True)
        return moves

    @api.model
    def _sf_prepare_stock_move(self, production, product, qty, src, dest, picking_type):
        return {
            "name": production.name,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": qty,
            "location_id": src.id,
            "location_dest_id": dest.id,
            "picking_type_id": picking_type.id,
            "origin": production.name,
            "group_id": production.procurement_group_id.id,
            "company_id": production.company_id.id,
            "warehouse_id": production.picking_type_id.warehouse_id.id,
        }

    @api.model
    def _sf_stock_issue(self, production, raws, product, qty, lot, store, line):
        """Move ``qty`` from the store to the line; returns the done stock moves."""
        # sudo: the stock move is the effect of an issue checked above; workers and
        # their API user need no inventory rights for it
        Move = self.env["stock.move"].sudo()
        warehouse = production.picking_type_id.warehouse_id
        todo = Move.browse()
        remaining = qty
        picking = self.env["stock.picking"]
        if warehouse.manufacture_steps in ("pbm", "pbm_sam"):
            picking_type = warehouse.pbm_type_id
            # the pick-components transfer Odoo created: take the scanned quantity out
            # of its open moves (split), so the transfer shows what was issued
            picks = (
                raws.sudo()
                .move_orig_ids.filtered(
                    lambda m: (
                        m.state not in ("done", "cancel")
                        and m.product_id == product
                        and m.location_dest_id == line
                    )
                )
                .sorted("id")
            )
            for pick in picks:
                if not al.exceeds(remaining, 0.0, product.uom_id.rounding):
                    break
                picking = picking or pick.picking_id
                if pick.move_line_ids:
                    pick._do_unreserve()
                take = min(remaining, pick.product_qty)
                if al.exceeds(pick.product_qty, take, product.uom_id.rounding):
                    todo |= Move.create(pick._split(take))._action_confirm(merge=False)
                else:
                    todo |= pick
                remaining -= take
        else:
            # no operation type: an internal move of the order's, not a transfer of its own
            picking_type = self.env["stock.picking.type"]
        if al.exceeds(remaining, 0.0, product.uom_id.rounding):
            vals = self._sf_prepare_stock_move(
                production, product, remaining, store, line, picking_type
            )
            if warehouse.manufacture_steps in ("pbm", "pbm_sam"):
                vals["move_dest_ids"] = [fields.Command.link(m.id) for m in raws]
                if picking and picking.state not in ("done", "cancel"):
                    vals["picking_id"] = picking.id
            todo |= Move.create(vals)._action_confirm(merge=False)
        return self._sf_fill_and_done(todo, store, product, lot)

    @api.model
    def _sf_stock_return(self, production, raws, product, qty, lot, store, line):
        # sudo: the stock move is the effect of a return checked above
        raws = raws.sudo().filtered(lambda m: m.state not in ("done", "cancel"))
        raws._do_unreserve()  # what the order reserved on the line may go back
        move = (
            self.env["stock.move"]
            .sudo()
            .create(
                self._sf_prepare_stock_move(
                    production, product, qty, line, store, self.env["stock.picking.type"]
                )
            )
            ._action_confirm(merge=False)
        )
        self._sf_fill_and_done(move, line, product, lot)
        raws._action_assign()
        return move

    @api.model
    def _sf_stock_scrap(self, production, raws, product, qty, lot, line, defect, workorder):
        raws = raws.sudo().filtered(lambda m: m.state not in ("done", "cancel"))
        raws._do_unreserve()
        # sudo: the scrap is the effect of a material scrap checked above
        scrap = (
            self.env["stock.scrap"]
            .sudo()
            .create(
                {
                    "product_id": product.id,
                    "product_uom_id": product.uom_id.id,
                    "scrap_qty": qty,
                    "lot_id": lot.id,
                    "production_id": production.id,
                    "workorder_id": workorder.id,
                    "location_id": line.id,
                    "origin": production.name,
                    "company_id": production.company_id.id,
                    "shopfloor_defect_type_id": defect.id,
                }
            )
        )
        available = self.env["stock.quant"]._get_available_quantity(
            product, line, lot_id=lot or None, strict=False
        )
        if al.exceeds(qty, available, product.uom_id.rounding):
            raise error(
                "SF_MAT_NO_STOCK",
                available=available,
                uom=product.uom_id.name,
                product=product.display_name,
                location=line.display_name,
            )
        scrap.do_scrap()
        raws._action_assign()
        return scrap

    # ------------------------------------------------------------------
    # The three movements
    # ------------------------------------------------------------------
    def _sf_prepare_vals(self, kind, production, product, qty, lot, **kw):
        vals = {
            "kind": kind,
            "production_id": production.id,
            "product_id": product.id,
            "lot_id": lot.id,
            "qty": qty,
            "unit_cost": product.standard_price,
            "company_id": production.company_id.id,
        }
        vals.update(kw)
        return vals

    @api.model
    def _sf_issue(
        self, production, product, qty, lot=None, employee=None, request_uid=None, request=None
    ):
        """Issue ``qty`` (product's unit) of ``product`` to ``production``'s line.

        Raises SF_MAT_OVER_ISSUE beyond the allowance, unless it executes the approved
        replenishment ``request``. A retry with the same ``request_uid`` returns the
        first issue and moves nothing.
        """
        retry = self._sf_find_retry(request_uid, production.company_id)
        if retry:
            return retry
        lot = lot or self.env["stock.lot"]
        self._sf_check_production(production)
        raws = self._sf_check_component(production, product)
        self._sf_check_lot(product, lot, qty)
        self._sf_lock_component(production, product)
        info = production._sf_material_info([product.id])[product.id]
        if not request and al.exceeds(qty, info["allowed"], product.uom_id.rounding):
            raise error(
                "SF_MAT_OVER_ISSUE",
                allowed=info["allowed"],
                uom=product.uom_id.name,
                product=product.display_name,
            )
        store, line = self._sf_get_locations(production)
        stock_moves = self._sf_stock_issue(production, raws, product, qty, lot, store, line)
        return self.create(
            self._sf_prepare_vals(
                "issue",
                production,
                product,
                qty,
                lot,
                location_id=store.id,
                location_dest_id=line.id,
                stock_move_id=stock_moves[:1].id,
                employee_id=employee.id if employee else False,
                request_id=request.id if request else False,
                request_uid=request_uid,
            )
        )

    @api.model
    def _sf_get_returnable(self, production, product, lot):
        """Issued and not returned, consumed or scrapped, of this lot (or all)."""
        domain = [("production_id", "=", production.id), ("product_id", "=", product.id)]
        if lot:
            domain.append(("lot_id", "=", lot.id))
        totals = dict.fromkeys(("issue", "return", "scrap"), 0.0)
        for kind, qty in self.sudo()._read_group(domain, ["kind"], ["qty:sum"]):
            totals[kind] = qty
        consumed = sum(
            qty
            for (p, lot_id), qty in production._sf_material_consumed([product.id]).items()
            if not lot or lot_id == lot.id
        )
        return al.returnable(
            totals["issue"], totals["return"], consumed, totals["scrap"], product.uom_id.rounding
        )

    @api.model
    def _sf_return(self, production, product, qty, lot=None, employee=None, request_uid=None):
        """Return to the store at most what was issued (of the same lot) and not consumed."""
        retry = self._sf_find_retry(request_uid, production.company_id)
        if retry:
            return retry
        lot = lot or self.env["stock.lot"]
        self._sf_check_production(production)
        raws = self._sf_check_component(production, product)
        self._sf_check_lot(product, lot, qty)
        self._sf_lock_component(production, product)
        returnable = self._sf_get_returnable(production, product, lot)
        if al.exceeds(qty, returnable, product.uom_id.rounding):
            raise error(
                "SF_MAT_RETURN_EXCEEDS",
                returnable=returnable,
                uom=product.uom_id.name,
                product=product.display_name,
            )
        store, line = self._sf_get_locations(production)
        move = self._sf_stock_return(production, raws, product, qty, lot, store, line)
        return self.create(
            self._sf_prepare_vals(
                "return",
                production,
                product,
                qty,
                lot,
                location_id=line.id,
                location_dest_id=store.id,
                stock_move_id=move.id,
                employee_id=employee.id if employee else False,
                request_uid=request_uid,
            )
        )

    @api.model
    def _sf_scrap(
        self,
        production,
        product,
        qty,
        defect_type,
        lot=None,
        employee=None,
        workorder=None,
        request_uid=None,
        note=False,
    ):
        """Scrap material on the line (料废 or 工废 by the defect type's category)."""
        retry = self._sf_find_retry(request_uid, production.company_id)
        if retry:
            return retry
        lot = lot or self.env["stock.lot"]
        workorder = workorder or self.env["mrp.workorder"]
        if not defect_type:
            raise error("SF_MAT_DEFECT_REQUIRED")
        self._sf_check_production(production)
        raws = self._sf_check_component(production, product)
        self._sf_check_lot(product, lot, qty)
        self._sf_lock_component(production, product)
        available = self._sf_get_returnable(production, product, lot)
        if al.exceeds(qty, available, product.uom_id.rounding):
            raise error(
                "SF_MAT_SCRAP_EXCEEDS",
                available=available,
                uom=product.uom_id.name,
                product=product.display_name,
            )
        _store, line = self._sf_get_locations(production)
        per_unit = production._sf_standard_per_unit().get(product.id)
        piece_qty = qty / per_unit if workorder and employee and per_unit else 0.0
        scrap = self._sf_stock_scrap(
            production, raws, product, qty, lot, line, defect_type, workorder
        )
        return self.create(
            self._sf_prepare_vals(
                "scrap",
                production,
                product,
                qty,
                lot,
                location_id=line.id,
                location_dest_id=scrap.scrap_location_id.id,
                stock_move_id=scrap.move_ids[:1].id,
                scrap_id=scrap.id,
                employee_id=employee.id if employee else False,
                workorder_id=workorder.id,
                defect_type_id=defect_type.id,
                piece_qty=piece_qty,
                request_uid=request_uid,
                note=note,
            )
        )

    def _sf_get_info(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "production_id": self.production_id.id,
            "production": self.production_id.name,
            "product_id": self.product_id.id,
            "product": self.product_id.display_name,
            "lot": self.lot_id.name or None,
            "qty": self.qty,
            "uom": self.product_uom_id.name,
            "stock_move_id": self.stock_move_id.id or None,
            "date": fields.Datetime.to_string(self.date),
        }
