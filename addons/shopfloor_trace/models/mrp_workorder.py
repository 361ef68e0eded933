from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from ..errors import error
from ..tools import quality


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    quality_check_ids = fields.One2many(
        "shopfloor.quality.check", "workorder_id", string="Quality Checks"
    )
    quality_check_todo_count = fields.Integer(
        "Checks To Do", compute="_compute_quality_check_todo_count"
    )

    @api.depends("quality_check_ids.state")
    def _compute_quality_check_todo_count(self):
        for wo in self:
            wo.quality_check_todo_count = len(
                wo.quality_check_ids.filtered(lambda c: c.state != "pass")
            )

    # ------------------------------------------------------------------
    # Hooks on the shop-floor actions of shopfloor_mp
    # ------------------------------------------------------------------
    def _sf_start(self, employee, date):
        result = super()._sf_start(employee, date)
        self._sf_create_receipt_checks(date)
        return result

    def _sf_report(
        self,
        employee,
        qty_good,
        qty_scrap,
        defect_type,
        date,
        note=False,
        source="scan",
        correction_of=None,
    ):
        self.ensure_one()
        if correction_of is None:
            self._sf_check_lot_hold()
            if qty_good > 0:
                self._sf_check_blocking()
        if (
            qty_good
            and self.product_id.tracking == "serial"
            and self._sf_is_last_operation()
            and not float_is_zero(qty_good % 1, precision_digits=6)
        ):
            raise error("SF_TRACE_BAD_SERIAL")
        processed_before = self.qty_produced + self.shopfloor_qty_scrap
        report = super()._sf_report(
            employee,
            qty_good,
            qty_scrap,
            defect_type,
            date,
            note=note,
            source=source,
            correction_of=correction_of,
        )
        lots = self._sf_assign_lots(report, correction_of)
        if correction_of is None:
            self._sf_create_due_checks(report, processed_before, date, lots)
        return report

    def _sf_finish(self, employee, date):
        self.ensure_one()
        if not (self.shopfloor_active_employee_ids - employee):
            self._sf_check_blocking()
        return super()._sf_finish(employee, date)

    def _sf_update_production_qty(self):
        result = super()._sf_update_production_qty()
        if not self._sf_is_last_operation():
            return result
        production = self.production_id
        tracking = production.product_id.tracking
        if tracking != "none":
            lots = production._sf_get_produced_lots()
            if lots and production.lot_producing_id not in lots:
                production.lot_producing_id = lots[0]
            qty = self.qty_produced
            if tracking == "serial":
                # Odoo makes a serial product one unit per MO: split when closing
                qty = min(qty, 1.0)
            if production.qty_producing != qty:
                production.qty_producing = qty
                production._set_qty_producing(False)
        self._sf_reserve_component_lots()
        return result

    def _sf_reserve_component_lots(self):
        """Odoo adds lot-less move lines when the quantity producing grows step by step:
        reserve the lots of tracked components again for what is consumed now, so the
        genealogy links the real lots (and the MO can close)."""
        production = self.production_id
        moves = production.move_raw_ids.filtered(
            lambda m: (
                m.has_tracking != "none"
                and m.state not in ("done", "cancel")
                and any(not line.lot_id and line.quantity for line in m.move_line_ids)
            )
        )
        if not moves:
            return
        wanted = {move: move.quantity for move in moves}
        moves.picked = False
        moves._do_unreserve()
        moves._action_assign()
        for move, qty in wanted.items():
            move._set_quantity_done(qty)
            move.picked = True

    def _sf_get_quality_status(self):
        self.ensure_one()
        checks = self.quality_check_ids.filtered(lambda c: c.state != "pass")
        return {
            "quality_checks": [check._sf_get_info() for check in checks],
            "quality_blocking": any(check.blocking for check in checks),
        }

    def _sf_get_info(self, employee=None):
        info = super()._sf_get_info(employee)
        info.update(self._sf_get_quality_status())
        production = self.production_id
        tracking = production.product_id.tracking
        info.update(
            tracking=tracking,
            # the worker may number the lot / serials of good units reported here
            lot_entry=tracking != "none" and self._sf_is_last_operation(),
            lot=production.lot_producing_id.name or None,
        )
        return info

    def _sf_get_status(self, employee=None):
        status = super()._sf_get_status(employee)
        status.update(self._sf_get_quality_status())
        return status

    # ------------------------------------------------------------------
    # Quality
    # ------------------------------------------------------------------
    def _sf_check_blocking(self):
        """Blocking checks of this operation that have not passed stop it."""
        self.ensure_one()
        pending = self.quality_check_ids.filtered(lambda c: c.blocking and c.state != "pass")
        if pending:
            raise error("SF_QC_BLOCKING", checks=", ".join(pending.mapped("name")))

    def _sf_check_lot_hold(self):
        """A batch (lot-tracked) on hold stops; a held serial only holds its own unit."""
        self.ensure_one()
        production = self.production_id
        if production.product_id.tracking != "lot":
            return
        lot = production.lot_producing_id
        if lot.shopfloor_hold:
            raise error("SF_QC_LOT_ON_HOLD", lot=lot.name)

    def _prepare_quality_check_vals(self, point, date, report=None, lot=None, qty=0.0):
        self.ensure_one()
        return {
            "point_id": point.id,
            "workorder_id": self.id,
            "production_id": self.production_id.id,
            "product_id": self.product_id.id,
            "lot_id": (lot or self.production_id.lot_producing_id).id,
            "report_id": report.id if report else False,
            "qty_at": qty,
            "date_due": date,
            "company_id": self.company_id.id,
        }

    def _sf_create_receipt_checks(self, date):
        """Component receipt checks: once per MO, when its operation starts."""
        self.ensure_one()
        Check = self.env["shopfloor.quality.check"]
        points = self.env["shopfloor.quality.point"]._get_points(self, ["receipt"])
        if not points:
            return Check
        done_points = Check.search(
            [("production_id", "=", self.production_id.id), ("point_id", "in", points.ids)]
        ).point_id
        return Check.create(
            [
                self._prepare_quality_check_vals(point, date)
                for point in points
                if point not in done_points
            ]
        )

    def _sf_create_due_checks(self, report, processed_before, date, lots):
        """Checks falling due with ``report``: first article at the first unit, periodic
        every N units or T minutes, final at the last operation (one per lot/serial)."""
        self.ensure_one()
        Check = self.env["shopfloor.quality.check"]
        points = self.env["shopfloor.quality.point"]._get_points(
            self, ["first", "periodic", "final"]
        )
        if not points:
            return Check
        processed_after = self.qty_produced + self.shopfloor_qty_scrap
        existing = self.quality_check_ids
        vals_list = []
        for point in points:
            mine = existing.filtered(lambda c, p=point: c.point_id == p)
            if point.trigger == "first":
                if not mine and processed_before <= 0 < processed_after:
                    vals_list.append(
                        self._prepare_quality_check_vals(point, date, report, qty=processed_after)
                    )
            elif point.trigger == "periodic":
                due = quality.periodic_crossings(
                    processed_before, processed_after, point.periodic_qty
                )
                if not due and point.periodic_minutes:
                    last = max(mine.mapped("date_due")) if mine else self.date_start
                    minutes = (date - last).total_seconds() / 60.0 if last else None
                    due = quality.periodic_time_due(
                        minutes if mine else None, point.periodic_minutes
                    )
                if due:
                    vals_list.append(
                        self._prepare_quality_check_vals(point, date, report, qty=processed_after)
                    )
            elif point.trigger == "final" and self._sf_is_last_operation() and report.qty_good:
                for lot in lots or [None]:
                    vals_list.append(
                        self._prepare_quality_check_vals(
                            point, date, report, lot=lot, qty=processed_after
                        )
                    )
        return Check.create(vals_list)

    # ------------------------------------------------------------------
    # Traceability: lots and serials of the finished units
    # ------------------------------------------------------------------
    def _sf_assign_lots(self, report, correction_of=None):
        """Lots of the good units of a last-operation report: a new serial per unit,
        or the MO's batch lot. Returns the lots."""
        self.ensure_one()
        production = self.production_id
        product = production.product_id
        Lot = self.env["stock.lot"]
        # numbers typed or scanned by the worker (API lot_name / serial_names)
        given = self.env.context.get("sf_trace_lot_names") if correction_of is None else None
        if product.tracking == "none" or not report.qty_good or not self._sf_is_last_operation():
            if given:
                raise error("SF_TRACE_LOT_NOT_HERE")
            return Lot
        if given and self.env.context.get("sf_trace_lot_kind") != product.tracking:
            raise error("SF_TRACE_LOT_NOT_HERE")
        reused = correction_of.lot_ids if correction_of else Lot
        if product.tracking == "lot":
            if given:
                lots = self._sf_get_given_lot(given[0])
            else:
                lots = production.lot_producing_id or reused[:1] or self._sf_create_lots(1)
        else:
            count = int(round(report.qty_good))
            if given:
                lots = self._sf_create_given_serials(given, count)
            else:
                lots = reused[:count]
                if len(lots) < count:
                    lots |= self._sf_create_lots(count - len(lots))
        report.lot_ids = lots
        self._sf_update_production_qty()
        return lots

    def _sf_get_given_lot(self, name):
        """The batch lot the worker named: the order's own (a second number for the same
        batch is refused), an existing lot of the product, or a new one."""
        production = self.production_id
        current = production.lot_producing_id
        if current:
            if current.name != name:
                raise error("SF_TRACE_LOT_MISMATCH", lot=current.name)
            return current
        # sudo: workers read and create the lots of what they produce (no inventory rights)
        Lot = self.env["stock.lot"].sudo()
        lot = Lot.search(
            [
                ("name", "=", name),
                ("product_id", "=", production.product_id.id),
                ("company_id", "in", (False, self.company_id.id)),
            ],
            limit=1,
        )
        if not lot:
            lot = Lot.create(
                {
                    "name": name,
                    "product_id": production.product_id.id,
                    "company_id": self.company_id.id,
                }
            )
        return lot.sudo(False)

    def _sf_create_given_serials(self, names, count):
        """One new serial per good unit, numbered by the worker."""
        if len(names) != count:
            raise error("SF_TRACE_SERIAL_COUNT", expected=count, given=len(names))
        product = self.production_id.product_id
        seen = set()
        for name in names:
            if name in seen:
                raise error("SF_TRACE_SERIAL_EXISTS", serial=name)
            seen.add(name)
        # sudo: workers create the serials of what they produce (no inventory rights)
        Lot = self.env["stock.lot"].sudo()
        taken = Lot.search(
            [
                ("name", "in", names),
                ("product_id", "=", product.id),
                ("company_id", "in", (False, self.company_id.id)),
            ],
            limit=1,
        )
        if taken:
            raise error("SF_TRACE_SERIAL_EXISTS", serial=taken.name)
        lots = Lot.create(
            [{"name": n, "product_id": product.id, "company_id": self.company_id.id} for n in names]
        )
        return lots.sudo(False)

    def _sf_create_lots(self, count):
        self.ensure_one()
        product = self.production_id.product_id
        Sequence = self.env["ir.sequence"].sudo()  # lot numbering is shared configuration
        # sudo: workers create the lots of what they produce (no inventory rights)
        return (
            self.env["stock.lot"]
            .sudo()
            .create(
                [
                    {
                        "name": Sequence.next_by_code("shopfloor.trace.lot"),
                        "product_id": product.id,
                        "company_id": self.company_id.id,
                    }
                    for _i in range(count)
                ]
            )
            .sudo(False)
        )

    def _sf_create_scrap(self, report):
        """Scrap of a tracked product: the batch lot, or a new serial per unit."""
        product = self.production_id.product_id
        if product.tracking == "none":
            return super()._sf_create_scrap(report)
        if product.tracking == "lot":
            production = self.production_id
            if not production.lot_producing_id:
                production.lot_producing_id = self._sf_create_lots(1)
            return super(
                MrpWorkorder,
                self.with_context(sf_trace_scrap_lot_ids=production.lot_producing_id.ids),
            )._sf_create_scrap(report)
        count = int(round(report.qty_scrap))
        if count != report.qty_scrap:
            raise error("SF_TRACE_BAD_SERIAL")
        serials = self._sf_create_lots(count)
        scraps = super(
            MrpWorkorder, self.with_context(sf_trace_scrap_lot_ids=serials.ids)
        )._sf_create_scrap(report)
        return scraps[:1]  # the report links one scrap; the others share its origin

    @api.ondelete(at_uninstall=False)
    def _unlink_quality_checks(self):
        """Checks done keep their order from being deleted; the checks still to do go."""
        # sudo: the deleting user may not delete checks; only those still to do are removed
        checks = self.sudo().quality_check_ids
        if any(check.state != "todo" for check in checks):
            raise UserError(_("Quality checks were done here: cancel the order instead."))
        checks.unlink()
