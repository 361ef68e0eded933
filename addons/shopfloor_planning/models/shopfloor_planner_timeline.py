"""Finite-capacity planner: the visual plan (timeline client action): planned work orders,
conflicts, moving and locking work orders, and its RPC entry points."""

from collections import defaultdict
from datetime import timedelta

from pytz import utc

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .shopfloor_planner import OPEN_MO_STATES, PLANNABLE_WO_STATES


class ShopfloorPlanner(models.AbstractModel):
    _inherit = "shopfloor.planner"

    # ------------------------------------------------------------------
    # Timeline (visual plan)
    # ------------------------------------------------------------------
    @api.model
    def _get_timeline_data(self, date_from=None, date_to=None):
        """Planned work orders of open MOs for the timeline, with conflicts and lateness."""
        wos = self.env["mrp.workorder"].search(
            [
                ("state", "in", PLANNABLE_WO_STATES),
                ("date_start", "!=", False),
                ("production_id.state", "in", OPEN_MO_STATES),
            ],
            order="date_start",
        )
        if date_from:
            wos = wos.filtered(lambda w: w.date_finished >= fields.Datetime.to_datetime(date_from))
        if date_to:
            wos = wos.filtered(lambda w: w.date_start <= fields.Datetime.to_datetime(date_to))
        conflicts = set()
        by_wc = defaultdict(list)
        for wo in wos:
            by_wc[wo.workcenter_id].append(wo)
        for wc, items in by_wc.items():
            cap = max(1, wc.shopfloor_parallel_capacity or 1)
            running = []
            for wo in items:
                running = [r for r in running if r.date_finished > wo.date_start]
                if len(running) >= cap:
                    conflicts.add(wo.id)
                    conflicts.update(r.id for r in running)
                running.append(wo)
        for wo in wos:
            for pred in wo.blocked_by_workorder_ids:
                if (
                    pred.date_finished
                    and pred.state != "done"
                    and pred.date_finished > wo.date_start
                ):
                    conflicts.add(wo.id)
        records = []
        for wo in wos:
            mo = wo.production_id
            records.append(
                {
                    "id": wo.id,
                    "name": wo.name,
                    "production_id": mo.id,
                    "production": mo.name,
                    "product": mo.product_id.display_name,
                    "workcenter_id": wo.workcenter_id.id,
                    "workcenter": wo.workcenter_id.display_name,
                    "start": fields.Datetime.to_string(wo.date_start),
                    "end": fields.Datetime.to_string(wo.date_finished),
                    "state": wo.state,
                    "locked": wo.shopfloor_locked,
                    "urgent": mo.shopfloor_urgent,
                    "late": mo.shopfloor_is_late,
                    "late_hours": mo.shopfloor_late_hours,
                    "deadline": fields.Datetime.to_string(mo.date_deadline)
                    if mo.date_deadline
                    else False,
                    "conflict": wo.id in conflicts,
                }
            )
        workcenters = wos.workcenter_id | self.env["mrp.workcenter"].search(
            [("company_id", "in", [False, *self.env.companies.ids])]
        )
        return {
            "workorders": records,
            "workcenters": [
                {"id": wc.id, "name": wc.display_name} for wc in workcenters.sorted("sequence")
            ],
            "now": fields.Datetime.to_string(fields.Datetime.now()),
        }

    @api.model
    def _next_working_time(self, workcenter, dt):
        """First working moment of ``workcenter`` at or after ``dt`` (naive UTC), with the
        leaves ``_calculate_date_finished`` takes into account; ``dt`` when none is found."""
        calendar = workcenter.resource_calendar_id
        if not calendar:
            return dt
        begin = utc.localize(dt)
        for days in (14, 90):
            intervals = calendar._work_intervals_batch(
                begin,
                begin + timedelta(days=days),
                domain=[("time_type", "in", ["leave", "other"])],
            )[False]
            for start, stop, _recs in intervals:
                if stop > begin:
                    return max(start, begin).astimezone(utc).replace(tzinfo=None)
        return dt

    @api.model
    def _move_workorder(self, workorder_id, start, workcenter_id=None, lock=True):
        """Drag and drop: move (and maybe reassign) one work order, keep its duration."""
        wo = self.env["mrp.workorder"].browse(int(workorder_id)).exists()
        if not wo or wo.state not in ("pending", "waiting", "ready"):
            raise UserError(_("Only work orders that have not started can be moved."))
        start = fields.Datetime.to_datetime(start)
        vals = {}
        if workcenter_id and int(workcenter_id) != wo.workcenter_id.id:
            wc = self.env["mrp.workcenter"].browse(int(workcenter_id))
            allowed = wo.workcenter_id | wo.workcenter_id.alternative_workcenter_ids
            if wo.operation_id:
                allowed |= (
                    wo.operation_id.workcenter_id
                    | wo.operation_id.workcenter_id.alternative_workcenter_ids
                )
            if wc not in allowed:
                raise UserError(
                    _(
                        "%(wo)s cannot run on %(wc)s: it is not an alternative work center.",
                        wo=wo.display_name,
                        wc=wc.display_name,
                    )
                )
            vals["workcenter_id"] = wc.id
        if vals:
            wo.write(vals)
        # not in the past, and at the first working moment of the work center from there: a
        # bar dropped at night starts with the next shift (as Odoo computes its end)
        start = self._next_working_time(wo.workcenter_id, max(start, self._origin()))
        wo.write({"date_start": start, "date_finished": wo._calculate_date_finished(start)})
        if lock:
            wo.shopfloor_locked = True
        mo = wo.production_id
        finish = max(mo.workorder_ids.filtered("date_finished").mapped("date_finished"))
        mo.with_context(force_date=True).write({"date_finished": finish})
        return True

    # ------------------------------------------------------------------
    # Public entry points of the timeline client action (RPC)
    # ------------------------------------------------------------------
    @api.model
    def _check_planning_access(self):
        if not self.env.user.has_group("mrp.group_mrp_user"):
            raise AccessError(_("Only manufacturing users can see and change the plan."))

    @api.model
    def get_timeline_data(self):
        self._check_planning_access()
        return self._get_timeline_data()

    @api.model
    def move_workorder(self, workorder_id, start, workcenter_id=False):
        self._check_planning_access()
        self._move_workorder(workorder_id, start, workcenter_id=workcenter_id or None)
        mo = self.env["mrp.workorder"].browse(int(workorder_id)).production_id
        if mo.shopfloor_is_late:
            message = _(
                "Work order moved and locked in the plan: %(mo)s is late by %(hours)s h.",
                mo=mo.name,
                hours=round(mo.shopfloor_late_hours, 1),
            )
        else:
            message = _("Work order moved and locked in the plan.")
        return {"message": message, "late": mo.shopfloor_is_late}

    @api.model
    def toggle_lock(self, workorder_id):
        self._check_planning_access()
        wo = self.env["mrp.workorder"].browse(int(workorder_id)).exists()
        wo.action_shopfloor_toggle_lock()
        return {}

    @api.model
    def replan_all(self):
        self._check_planning_access()
        result = self._plan()
        return dict(result, message=self._notify_result(result)["params"]["message"])
