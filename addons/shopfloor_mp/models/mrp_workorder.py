from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, float_round, html2plaintext

from ..tools.api import dt, error
from ..tools.params import bad


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    shopfloor_report_ids = fields.One2many("shopfloor.report", "workorder_id", string="Reports")
    shopfloor_qty_scrap = fields.Float(
        "Scrapped", digits="Product Unit of Measure", readonly=True, copy=False
    )
    shopfloor_allow_over_report = fields.Boolean(related="operation_id.shopfloor_allow_over_report")
    shopfloor_active_employee_ids = fields.Many2many(
        "hr.employee",
        compute="_compute_shopfloor_active_employee_ids",
        string="Working Now",
    )

    @api.depends("time_ids.date_end", "time_ids.employee_id")
    def _compute_shopfloor_active_employee_ids(self):
        for wo in self:
            wo.shopfloor_active_employee_ids = wo.time_ids.filtered(
                lambda t: not t.date_end and t.loss_type in ("productive", "performance")
            ).employee_id

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _sf_open_logs(self, employee, productive=None):
        """Open time logs of ``employee`` on this work order (pauses are kept with
        ``shopfloor_workorder_id`` and no ``workorder_id``, see ``_sf_pause``)."""
        domain = [("employee_id", "=", employee.id), ("date_end", "=", False)]
        if productive is True:
            domain += [("workorder_id", "=", self.id)]
        elif productive is False:
            domain += [("shopfloor_workorder_id", "=", self.id), ("workorder_id", "=", False)]
        else:
            domain += [
                "|",
                ("workorder_id", "=", self.id),
                ("shopfloor_workorder_id", "=", self.id),
            ]
        return self.env["mrp.workcenter.productivity"].search(domain)

    def _sf_previous_workorders(self):
        """Operations whose output feeds this one (Odoo's work-order dependencies)."""
        self.ensure_one()
        return self.blocked_by_workorder_ids.filtered(lambda w: w.state != "cancel")

    def _sf_get_available_qty(self):
        """How many more units (good + scrap) this operation may still report.

        The first operation may process the MO quantity; operation n may process what
        operation n-1 has passed on as good. Returns (available, passed_on).
        """
        self.ensure_one()
        previous = self._sf_previous_workorders()
        if previous:
            passed = min(previous.mapped("qty_produced"))
        else:
            passed = self.qty_production
        used = self.qty_produced + self.shopfloor_qty_scrap
        return max(passed - used, 0.0), passed

    def _sf_check_can_work(self):
        self.ensure_one()
        if self.state == "done":
            raise error("SF_WO_DONE")
        if self.state == "cancel":
            raise error("SF_WO_CANCELLED")
        if self.production_id.state in ("draft", "cancel", "done"):
            raise error("SF_MO_NOT_READY")

    def _sf_prepare_time_log(self, employee, date, loss=None):
        vals = self._prepare_timeline_vals(self.duration, date)
        vals.update(
            employee_id=employee.id,
            description=_("Scan report: %s", employee.name),
        )
        if loss:
            # A pause: kept off the work order so its duration (and cost) counts
            # productive time only, but linked to it for OEE and the worker's history.
            vals.update(
                loss_id=loss.id,
                workorder_id=False,
                shopfloor_workorder_id=self.id,
                description=_(
                    "Paused by %(name)s: %(reason)s", name=employee.name, reason=loss.name
                ),
            )
        return vals

    # ------------------------------------------------------------------
    # Shop-floor actions: override points for other addons (call super()).
    # ------------------------------------------------------------------
    def _sf_start(self, employee, date):
        """``employee`` starts (or resumes) working on this operation at ``date``."""
        self.ensure_one()
        self._sf_check_can_work()
        if self._sf_open_logs(employee, productive=True):
            raise error("SF_WO_ALREADY_STARTED")
        self._sf_open_logs(employee, productive=False).write({"date_end": date})
        self.env["mrp.workcenter.productivity"].create(self._sf_prepare_time_log(employee, date))
        if self.state != "progress":
            vals = {"state": "progress"}
            if self.leave_id and (not self.date_start or self.date_start > date):
                # a planned operation starting early: the plan follows reality
                vals["date_start"] = date
                vals["date_finished"] = fields.Datetime.add(
                    date, minutes=self.duration_expected or 1
                )
            # Unplanned operations stay unplanned (no calendar leave is created on the
            # hot path); the actual start is in the time log.
            self.with_context(bypass_duration_calculation=True).write(vals)
        return True

    def _sf_pause(self, employee, loss, date):
        """``employee`` pauses with a productivity loss reason (open until resumed)."""
        self.ensure_one()
        self._sf_check_can_work()
        logs = self._sf_open_logs(employee, productive=True)
        if not logs:
            raise error("SF_WO_NOT_STARTED")
        logs.write({"date_end": date})
        self.env["mrp.workcenter.productivity"].create(
            self._sf_prepare_time_log(employee, date, loss=loss)
        )
        return True

    def _sf_resume(self, employee, date):
        self.ensure_one()
        if not self._sf_open_logs(employee, productive=False):
            raise error("SF_WO_NOT_PAUSED")
        return self._sf_start(employee, date)

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
        """Record good and scrap units of ``employee``; returns the shopfloor.report."""
        self.ensure_one()
        self._sf_check_can_work()
        if correction_of is None and not self._sf_open_logs(employee, productive=True):
            raise error("SF_WO_NOT_STARTED")
        if qty_good < 0 or qty_scrap < 0 or (qty_good + qty_scrap) <= 0:
            raise bad("qty_good", "positive")
        if qty_good + qty_scrap > max(self.qty_production, 1.0) * 10:
            raise error("SF_QTY_ABSURD", qty=qty_good + qty_scrap)
        if qty_scrap and not defect_type:
            raise error("SF_SCRAP_REASON_REQUIRED")
        rounding = self.product_uom_id.rounding
        if correction_of is None and not self.shopfloor_allow_over_report:
            available, passed = self._sf_get_available_qty()
            if float_compare(qty_good + qty_scrap, available, precision_rounding=rounding) > 0:
                raise error("SF_QTY_EXCEEDS_AVAILABLE", available=available, passed=passed)
        report = self.env["shopfloor.report"].create(
            self._prepare_shopfloor_report_vals(
                employee, qty_good, qty_scrap, defect_type, date, note, source, correction_of
            )
        )
        if not float_is_zero(qty_scrap, precision_rounding=rounding):
            report.scrap_id = self._sf_create_scrap(report)
        if correction_of is None:
            # the hot path: add this report (concurrent reports on this work order
            # conflict on its row and are retried by Odoo, so none is lost)
            self.write(
                {
                    "qty_produced": self.qty_produced + qty_good,
                    "shopfloor_qty_scrap": self.shopfloor_qty_scrap + qty_scrap,
                }
            )
            self._sf_update_production_qty()
        else:
            self._sf_update_quantities()
        return report

    def _prepare_shopfloor_report_vals(
        self, employee, qty_good, qty_scrap, defect_type, date, note, source, correction_of
    ):
        return {
            "workorder_id": self.id,
            "workcenter_id": self.workcenter_id.id,
            "employee_id": employee.id,
            "qty_good": qty_good,
            "qty_scrap": qty_scrap,
            "defect_type_id": defect_type.id if defect_type else False,
            "date": date,
            "note": note,
            "source": source,
            "correction_of_id": correction_of.id if correction_of else False,
            "company_id": self.company_id.id,
        }

    def _sf_create_scrap(self, report):
        """Scrap of work in progress: the MO's product leaves the production location
        for the scrap location (no stock check: the units were never in stock)."""
        production = self.production_id
        scrap = (
            self.env["stock.scrap"]
            .sudo()  # workers have no inventory rights; the scrap is the report's effect
            .create(
                {
                    "product_id": production.product_id.id,
                    "product_uom_id": self.product_uom_id.id,
                    "scrap_qty": report.qty_scrap,
                    "workorder_id": self.id,
                    "location_id": production.production_location_id.id,
                    "origin": production.name,
                    "company_id": self.company_id.id,
                    "shopfloor_defect_type_id": report.defect_type_id.id,
                    "shopfloor_report_id": report.id,
                }
            )
        )
        scrap.do_scrap()
        return scrap

    def _sf_update_quantities(self):
        """Totals of the valid reports -> work order, and the last operation's good
        quantity -> the MO's quantity being produced."""
        groups = self.env["shopfloor.report"]._read_group(
            [("workorder_id", "in", self.ids), ("state", "=", "done")],
            ["workorder_id"],
            ["qty_good:sum", "qty_scrap:sum"],
        )
        totals = {wo.id: (good, scrap) for wo, good, scrap in groups}
        for wo in self:
            good, scrap = totals.get(wo.id, (0.0, 0.0))
            wo.write({"qty_produced": good, "shopfloor_qty_scrap": scrap})
            wo._sf_update_production_qty()

    def _sf_is_last_operation(self):
        self.ensure_one()
        return not self.needed_by_workorder_ids.filtered(lambda w: w.state != "cancel")

    def _sf_update_production_qty(self):
        """The last operation's good quantity is what the MO has produced."""
        self.ensure_one()
        production = self.production_id
        if not self._sf_is_last_operation() or production.product_id.tracking != "none":
            return  # tracked products: lots/serials are produced by shopfloor_trace
        if production.qty_producing != self.qty_produced:
            production.qty_producing = self.qty_produced
            production._set_qty_producing(False)

    def _sf_finish(self, employee, date):
        """``employee`` finishes this operation: their time log closes; when nobody
        else is still working on it, the work order is done (Odoo's button_finish),
        and finishing the last operation may finish the MO (setting)."""
        self.ensure_one()
        self._sf_check_can_work()
        logs = self._sf_open_logs(employee)
        if not logs and employee not in self.time_ids.employee_id:
            raise error("SF_WO_NOT_STARTED")
        logs.write({"date_end": date})
        others = self.env["mrp.workcenter.productivity"].search_count(
            [
                ("workorder_id", "=", self.id),
                ("date_end", "=", False),
                ("employee_id", "!=", employee.id),
            ],
            limit=1,
        )
        if others:
            return {"workorder_done": False, "production_done": False}
        self._sf_close_operation(date)
        production_done = False
        if self._sf_is_last_operation() and self._sf_finish_mo_on_last_operation():
            production_done = self.production_id._sf_try_mark_done()
        return {"workorder_done": True, "production_done": production_done}

    def _sf_close_operation(self, date):
        """Mark the operation done at ``date``, as Odoo's button_finish does, with two
        differences: the shop floor's reported quantity is kept (button_finish would
        fall back to the MO quantity when nothing was reported), and an operation that
        was never planned is not given a plan after the fact (no calendar leave, no MO
        date rewrite): its real start and end are in its time logs."""
        self.ensure_one()
        production = self.production_id
        moves = self.move_raw_ids | production.move_byproduct_ids.filtered(
            lambda m: m.operation_id == self.operation_id
        )
        producing = production.qty_producing or production.product_qty
        for move in moves.filtered(lambda m: not m.picked and m.state not in ("done", "cancel")):
            move._set_quantity_done(
                float_round(
                    producing * move.unit_factor, precision_rounding=move.product_uom.rounding
                )
            )
        moves.picked = True
        self.time_ids.filtered(lambda t: not t.date_end).write({"date_end": date})
        vals = {
            "state": "done",
            "costs_hour": self.workcenter_id.costs_hour,
            "qty_produced": self.qty_produced,
        }
        if self.leave_id:
            vals["date_finished"] = date
            if self.date_start and self.date_start > date:
                vals["date_start"] = min([*self.time_ids.mapped("date_start"), date])
        self.with_context(bypass_duration_calculation=True).write(vals)

    def _sf_finish_mo_on_last_operation(self):
        return (
            self.env["ir.config_parameter"]
            # sudo: a system parameter, read on behalf of the API user
            .sudo()
            .get_param("shopfloor_mp.finish_mo_on_last_operation", "True")
            == "True"
        )

    # ------------------------------------------------------------------
    # What the mini-program shows
    # ------------------------------------------------------------------
    def _sf_get_employee_state(self, employee):
        self.ensure_one()
        if not employee:
            return "idle"
        logs = self._sf_open_logs(employee)
        if logs.filtered("workorder_id"):
            return "working"
        return "paused" if logs else "idle"

    def _sf_get_allowed_actions(self, my_state):
        self.ensure_one()
        if self.state in ("done", "cancel") or self.production_state in ("draft", "cancel", "done"):
            return []
        return {
            "idle": ["start"],
            "working": ["report", "pause", "finish"],
            "paused": ["resume", "finish"],
        }[my_state]

    def _sf_get_expected_finish(self):
        """Done: when it finished; otherwise now + the remaining share of the
        expected duration (or the planned end when later)."""
        self.ensure_one()
        if self.state == "done":
            return self.date_finished
        now = fields.Datetime.now()
        qty = self.qty_production or 1.0
        remaining = max(qty - self.qty_produced - self.shopfloor_qty_scrap, 0.0)
        estimate = fields.Datetime.add(now, minutes=self.duration_expected * remaining / qty)
        return max(estimate, self.date_finished) if self.date_finished else estimate

    def _sf_get_status(self, employee=None):
        """The short answer to an action: where the operation and the worker stand."""
        self.ensure_one()
        my_state = self._sf_get_employee_state(employee)
        return {
            "id": self.id,
            "state": self.state,
            "qty_production": self.qty_production,
            "qty_good": self.qty_produced,
            "qty_scrap": self.shopfloor_qty_scrap,
            "my_state": my_state,
            "allowed_actions": self._sf_get_allowed_actions(my_state),
        }

    def _sf_get_summary(self):
        self.ensure_one()
        production = self.production_id
        return {
            "id": self.id,
            "name": self.name,
            "production": production.name,
            "product": production.product_id.display_name,
            "workcenter": self.workcenter_id.name,
            "state": self.state,
            "qty_production": self.qty_production,
            "qty_good": self.qty_produced,
            "qty_scrap": self.shopfloor_qty_scrap,
            "date_start": dt(self.date_start),
            "date_finished": dt(self.date_finished),
        }

    def _sf_get_info(self, employee=None):
        """Everything the worker needs after scanning this operation."""
        self.ensure_one()
        production = self.production_id
        my_state = self._sf_get_employee_state(employee)
        available, passed = self._sf_get_available_qty()
        previous = self._sf_previous_workorders()
        info = self._sf_get_summary()
        info.update(
            {
                "code": self.env["shopfloor.code"]._get_codes(self)[self.id],
                "production_id": production.id,
                "product_id": production.product_id.id,
                "workcenter_id": self.workcenter_id.id,
                "uom": self.product_uom_id.name,
                "qty_remaining": max(
                    self.qty_production - self.qty_produced - self.shopfloor_qty_scrap, 0.0
                ),
                "qty_available": available,
                "qty_passed_on": passed,
                "instructions": self._sf_get_instructions(),
                "previous": [
                    {"id": wo.id, "name": wo.name, "state": wo.state, "qty_good": wo.qty_produced}
                    for wo in previous
                ],
                "components_available": production.reservation_state == "assigned"
                or not production.move_raw_ids,
                # sudo: only the names of the employees working now (no HR rights needed)
                "working_now": self.shopfloor_active_employee_ids.sudo().mapped("name"),
                "my_state": my_state,
                "allowed_actions": self._sf_get_allowed_actions(my_state),
                "duration_expected": self.duration_expected,
            }
        )
        return info

    def _sf_get_instructions(self):
        self.ensure_one()
        operation = self.operation_id
        parts = [operation.shopfloor_instructions, operation.note]
        return "\n".join(html2plaintext(p) for p in parts if p and html2plaintext(p).strip())

    @api.ondelete(at_uninstall=False)
    def _unlink_shopfloor_reports(self):
        """Reports point at their work order with ondelete='restrict' (no SQL cascade past
        the reports' own guard): done reports keep a work order from being deleted; the
        cancelled ones go with it."""
        # sudo: the deleting user may not delete reports; only cancelled ones are removed
        reports = self.sudo().with_context(active_test=False).shopfloor_report_ids
        if any(report.state == "done" for report in reports):
            raise UserError(
                _("This operation has shop-floor reports: cancel the order instead of deleting it.")
            )
        reports.unlink()
