from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import quality


class ShopfloorQualityCheck(models.Model):
    """One check of a quality point on a work order, due from a scan report."""

    _name = "shopfloor.quality.check"
    _description = "Quality Check"
    _order = "date_due desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    point_id = fields.Many2one(
        "shopfloor.quality.point", required=True, index=True, ondelete="restrict"
    )
    trigger = fields.Selection(related="point_id.trigger", store=True)
    test_type = fields.Selection(related="point_id.test_type", store=True)
    blocking = fields.Boolean(related="point_id.blocking", store=True)
    norm = fields.Float(related="point_id.norm")
    tolerance_min = fields.Float(related="point_id.tolerance_min")
    tolerance_max = fields.Float(related="point_id.tolerance_max")
    norm_unit = fields.Char(related="point_id.norm_unit")
    instructions = fields.Html(related="point_id.instructions")
    picture = fields.Image(related="point_id.picture")
    # restrict: checks done are history; the work order's and the order's own guards
    # remove the checks still to do (no SQL cascade past _unlink_except_done)
    workorder_id = fields.Many2one(
        "mrp.workorder", index=True, ondelete="restrict", check_company=True
    )
    production_id = fields.Many2one(
        "mrp.production", index=True, ondelete="restrict", check_company=True
    )
    operation_id = fields.Many2one(related="workorder_id.operation_id", store=True)
    workcenter_id = fields.Many2one(related="workorder_id.workcenter_id", store=True)
    product_id = fields.Many2one("product.product", index=True)
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", index=True, check_company=True)
    report_id = fields.Many2one("shopfloor.report", string="Due From", readonly=True)
    qty_at = fields.Float("Due At Quantity", digits="Product Unit of Measure", readonly=True)
    state = fields.Selection(
        [("todo", "To Do"), ("pass", "Passed"), ("fail", "Failed")],
        default="todo",
        required=True,
        index=True,
    )
    measure = fields.Float(digits=(16, 4))
    defect_line_ids = fields.One2many(
        "shopfloor.quality.check.defect", "check_id", string="Defects"
    )
    defect_qty = fields.Float(compute="_compute_defect_qty", store=True)
    note = fields.Text()
    employee_id = fields.Many2one("hr.employee", string="Checked By", check_company=True)
    user_id = fields.Many2one("res.users", string="Checked By (User)")
    date_due = fields.Datetime("Due", default=fields.Datetime.now, required=True, index=True)
    date_done = fields.Datetime("Done")
    alert_ids = fields.One2many("shopfloor.quality.alert", "check_id", string="Alerts")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("defect_line_ids.qty")
    def _compute_defect_qty(self):
        for check in self:
            check.defect_qty = sum(check.defect_line_ids.mapped("qty"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("shopfloor.quality.check") or "/"
                )
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(check.state != "todo" for check in self):
            raise UserError(_("Checks that were done cannot be deleted."))

    # ------------------------------------------------------------------
    # Doing the check
    # ------------------------------------------------------------------
    def _prepare_result(self, result=None, measure=None, defects=None):
        """The state a check gets from what the inspector entered.

        ``result``: "pass" / "fail" (pass/fail and instructions; optional otherwise),
        ``measure``: the measured value (measurement), ``defects``: ``{defect type: qty}``.
        """
        self.ensure_one()
        if self.test_type == "measure":
            if measure is None:
                raise UserError(_("Enter the measured value."))
            passed = quality.measure_passes(measure, self.tolerance_min, self.tolerance_max)
            return "pass" if passed else "fail"
        if self.test_type == "defects":
            if result:
                return result
            return "fail" if any(qty > 0 for qty in (defects or {}).values()) else "pass"
        if result not in ("pass", "fail"):
            raise UserError(_("Say whether the check passed or failed."))
        return result

    def _do(self, result=None, measure=None, defects=None, note=None, employee=None, date=None):
        """Record the result of this check; a failure opens a quality alert."""
        self.ensure_one()
        if self.state == "pass":
            raise UserError(_("This check has already passed."))
        state = self._prepare_result(result, measure, defects)
        vals = {
            "state": state,
            "date_done": date or fields.Datetime.now(),
            "employee_id": employee.id if employee else False,
            "user_id": self.env.user.id,
        }
        if measure is not None:
            vals["measure"] = measure
        if note:
            vals["note"] = note
        if defects:
            vals["defect_line_ids"] = [fields.Command.clear()] + [
                fields.Command.create({"defect_type_id": defect.id, "qty": qty})
                for defect, qty in defects.items()
                if qty
            ]
        self.write(vals)
        if state == "fail":
            self._open_alert()
        return state

    def _open_alert(self):
        """A failed check: an alert for the point's team; the lot goes on hold when the
        point says so (or a critical defect was found)."""
        self.ensure_one()
        hold = self.point_id.hold_lot or any(
            line.defect_type_id.severity == "critical" for line in self.defect_line_ids
        )
        lot = self.lot_id or self.production_id.lot_producing_id
        # sudo: workers and inspectors open alerts, they do not manage them
        alert = (
            self.env["shopfloor.quality.alert"]
            .sudo()
            .create(
                {
                    "title": _("%(point)s failed", point=self.point_id.name),
                    "check_id": self.id,
                    "point_id": self.point_id.id,
                    "workorder_id": self.workorder_id.id,
                    "production_id": self.production_id.id,
                    "product_id": self.product_id.id,
                    "lot_id": lot.id,
                    "team_id": self.point_id.team_id.id,
                    "defect_type_id": self.defect_line_ids[:1].defect_type_id.id,
                    "lot_on_hold": bool(hold and lot),
                    "company_id": self.company_id.id,
                }
            )
        )
        if hold and lot:
            lot.sudo().shopfloor_hold = True  # sudo: a failed check holds the lot
        return alert

    def action_pass(self):
        for check in self:
            check._do(result="pass")
        return True

    def action_fail(self):
        for check in self:
            check._do(result="fail")
        return True

    def action_measure(self):
        for check in self:
            check._do(measure=check.measure)
        return True

    def action_reset(self):
        self.filtered(lambda c: c.state == "fail").write({"state": "todo", "date_done": False})
        return True

    def _sf_get_info(self):
        self.ensure_one()
        point = self.point_id
        return {
            "id": self.id,
            "name": self.name,
            "point_id": point.id,
            "point": point.name,
            "trigger": self.trigger,
            "type": self.test_type,
            "blocking": self.blocking,
            "state": self.state,
            "workorder_id": self.workorder_id.id or None,
            "lot": self.lot_id.name or None,
            "qty_at": self.qty_at,
            "norm": point.norm if self.test_type == "measure" else None,
            "lower": point.tolerance_min if self.test_type == "measure" else None,
            "upper": point.tolerance_max if self.test_type == "measure" else None,
            "unit": (point.norm_unit or None) if self.test_type == "measure" else None,
            "measure": self.measure if self.test_type == "measure" and self.date_done else None,
            "defect_types": [
                {"id": d.id, "code": d.code, "name": d.name} for d in point.defect_type_ids
            ],
            "instructions": point.instructions and str(point.instructions) or "",
        }
