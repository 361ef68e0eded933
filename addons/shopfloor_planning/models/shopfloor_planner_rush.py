"""Finite-capacity planner: rush orders, inserted with the least disruption of the plan
(impact preview, then apply)."""

from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools.scheduler import SchedulerError, replan_with_insertion
from .shopfloor_planner import OPEN_MO_STATES


class ShopfloorPlanner(models.AbstractModel):
    _inherit = "shopfloor.planner"

    # ------------------------------------------------------------------
    # Rush orders: minimal-disruption insertion with an impact preview
    # ------------------------------------------------------------------
    @api.model
    def _rush_preview(self, rush, origin=None):
        """Re-plan all open MOs with ``rush`` first; the others keep their work centers and
        are placed again in their previous order (pushed later, or pulled into freed gaps).

        Returns ``(schedule, data, impact)``; ``impact`` is a list of dicts per MO that
        moves: production, old/new finish, shift hours, late before/after (hours).
        """
        productions = self._get_open_productions() | rush
        rush = rush.filtered(lambda mo: mo.state in OPEN_MO_STATES)
        if not rush:
            raise UserError(_("Confirm the rush order before planning it."))
        origin = origin or self._origin()
        data = self._prepare_problem(productions, origin)
        previous = {}
        for op_id, wo in data["wo_by_op"].items():
            if wo.date_start and wo.production_id not in rush:
                previous[op_id] = (str(wo.workcenter_id.id), self._to_min(origin, wo.date_start))
        urgent = [j for j, mo in data["mo_by_job"].items() if mo in rush]
        for job in data["problem"].jobs:
            if job.id in urgent:
                job.weight = max(job.weight, 50)
        try:
            schedule = replan_with_insertion(data["problem"], previous, urgent_jobs=urgent)
        except SchedulerError as exc:
            raise UserError(_("The plan cannot be computed: %s", exc)) from exc
        impact = []
        for job_id, mo in data["mo_by_job"].items():
            if job_id not in schedule.jobs:
                continue
            new_finish = self._to_dt(origin, schedule.jobs[job_id].end)
            old_finish = max(
                (wo.date_finished for wo in mo.workorder_ids if wo.date_finished), default=False
            )
            deadline = mo.date_deadline
            late_before = 0.0
            if deadline:
                # not planned yet: already late when its deadline has passed
                before = old_finish or self._to_dt(origin, 0)
                late_before = max(0.0, (before - deadline).total_seconds() / 3600.0)
            late_after = (
                max(0.0, (new_finish - deadline).total_seconds() / 3600.0) if deadline else 0.0
            )
            shift = (new_finish - old_finish).total_seconds() / 3600.0 if old_finish else 0.0
            if mo in rush or abs(shift) >= 1 / 60.0 or not old_finish:
                impact.append(
                    {
                        "production": mo,
                        "is_rush": mo in rush,
                        "old_finish": old_finish,
                        "new_finish": new_finish,
                        "shift_hours": round(shift, 2),
                        "late_before_hours": round(late_before, 2),
                        "late_after_hours": round(late_after, 2),
                    }
                )
        return schedule, data, impact

    @api.model
    def _rush_apply(self, rush, schedule, data):
        rush.write({"shopfloor_urgent": True})
        self._apply_schedule(schedule, data)
        return self._summary(schedule, data)
