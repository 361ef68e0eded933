"""Finite-capacity planning service: Odoo data <-> the plain scheduler in tools/scheduler.

Times given to the scheduler are integer minutes from "now" (UTC, floored to the minute).
Work-center calendars come from ``resource.calendar._work_intervals_batch`` (attendances minus
time off of type "leave": public holidays, resource leaves), so shifts, breaks, holidays and
leaves are all available intervals. Planned work orders are written back the way Odoo's
``_plan_workorder`` does: one ``resource.calendar.leaves`` of type "other" per work order,
``date_start``/``date_finished`` computed from it, and the MO dates with ``force_date``.
"""

import logging
import math
import time
from collections import defaultdict
from datetime import timedelta

from pytz import timezone, utc

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from ..tools.scheduler import (
    OBJECTIVES,
    Calendar,
    SchedulerError,
    SearchControl,
    problem_from_dict,
    solve,
)

_logger = logging.getLogger(__name__)

OPEN_MO_STATES = ("confirmed", "progress", "to_close")
PLANNABLE_WO_STATES = ("pending", "waiting", "ready", "progress")


class _SameCursor:
    """``with`` on the current cursor, without closing or committing it (tests)."""

    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        return self.cr

    def __exit__(self, *exc):
        return False


class ShopfloorPlanner(models.AbstractModel):
    _name = "shopfloor.planner"
    _description = "Shop-floor Finite-capacity Planner"

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _get_param(self, key, default, cast=float):
        # sudo: planner settings are system parameters
        value = self.env["ir.config_parameter"].sudo().get_param(f"shopfloor_mp.{key}")
        try:
            return cast(value) if value not in (None, False, "") else default
        except (TypeError, ValueError):
            return default

    @api.model
    def _get_time_limit(self):
        return self._get_param("plan_time_limit", 12.0)

    @api.model
    def _get_objective(self):
        """The scheduler's objective (see tools/scheduler/model.py): ``late_jobs`` (fewest
        late MOs first) or ``tardiness`` (least weighted lateness first)."""
        value = self._get_param("plan_objective", "late_jobs", cast=str)
        return value if value in OBJECTIVES else "late_jobs"

    @api.model
    def _get_promise_percentile(self):
        return min(100.0, max(1.0, self._get_param("promise_percentile", 80.0)))

    # ------------------------------------------------------------------
    # Time conversions
    # ------------------------------------------------------------------
    @api.model
    def _origin(self):
        now = fields.Datetime.now()
        return now.replace(second=0, microsecond=0)

    @staticmethod
    def _to_min(origin, dt, up=False):
        seconds = (dt - origin).total_seconds()
        return int(math.ceil(seconds / 60.0) if up else math.floor(seconds / 60.0))

    @staticmethod
    def _to_dt(origin, minutes):
        return origin + timedelta(minutes=minutes)

    # ------------------------------------------------------------------
    # Problem building
    # ------------------------------------------------------------------
    @api.model
    def _get_open_productions(self):
        return self.env["mrp.production"].search(
            [
                ("state", "in", OPEN_MO_STATES),
                ("workorder_ids.state", "in", PLANNABLE_WO_STATES),
                ("company_id", "in", self.env.companies.ids),
            ]
        )

    @api.model
    def _get_calendar_intervals(self, workcenters, origin, days):
        """``{workcenter id: [(start, end) minutes]}`` over ``days`` days from ``origin``."""
        result = {}
        start = utc.localize(origin)
        stop = utc.localize(origin + timedelta(days=days))
        by_calendar = defaultdict(lambda: self.env["mrp.workcenter"])
        for wc in workcenters:
            if not wc.resource_calendar_id:
                raise UserError(_("There is no defined calendar on work center %s.", wc.name))
            by_calendar[wc.resource_calendar_id] |= wc
        for calendar, wcs in by_calendar.items():
            intervals = calendar._work_intervals_batch(
                start, stop, resources=wcs.resource_id, tz=timezone(calendar.tz or "UTC")
            )
            for wc in wcs:
                items = []
                for s, e, _recs in intervals[wc.resource_id.id]:
                    a = self._to_min(origin, s.astimezone(utc).replace(tzinfo=None), up=True)
                    b = self._to_min(origin, e.astimezone(utc).replace(tzinfo=None))
                    if b > a:
                        items.append((a, b))
                if not items:
                    raise UserError(
                        _(
                            "Work center %(wc)s has no working time in the next %(days)s days.",
                            wc=wc.name,
                            days=days,
                        )
                    )
                result[wc.id] = items
        return result

    @api.model
    def _get_component_release(self, productions, origin):
        """Earliest start per MO from the expected date of missing components."""
        release = {}
        waiting = productions.filtered(lambda mo: mo.reservation_state not in ("assigned", False))
        for mo in waiting:
            dates = [
                m.forecast_expected_date
                for m in mo.move_raw_ids
                if m.state not in ("done", "cancel") and m.forecast_expected_date
            ]
            if dates:
                release[mo.id] = max(0, self._to_min(origin, max(dates), up=True))
        return release

    @api.model
    def _prepare_problem(
        self, productions, origin, extra_jobs=None, pin_all=False, horizon_extra_days=0
    ):
        """Build the scheduler input for ``productions``.

        Planned work orders of other open MOs occupy their work centers (pinned), as do
        started work orders (until their remaining expected time is done) and locked ones.
        ``pin_all`` pins every planned work order (used by the delivery promise).
        Returns a dict: problem, origin, workorders by op id, productions by job id,
        work centers by resource id.
        """
        WO = self.env["mrp.workorder"]
        open_mos = self._get_open_productions() | productions
        others = open_mos - productions
        wos = open_mos.workorder_ids.filtered(lambda w: w.state in PLANNABLE_WO_STATES)
        other_wos = wos.filtered(lambda w: w.production_id in others and w.date_start)
        own_wos = wos.filtered(lambda w: w.production_id in productions)
        wos = own_wos | other_wos
        workcenters = wos.workcenter_id | own_wos.workcenter_id.alternative_workcenter_ids
        for extra in extra_jobs or []:
            for op in extra["ops"]:
                for mode in op["modes"]:
                    workcenters |= mode["workcenter"]
        total = sum(wos.mapped("duration_expected"))
        per_wc = total / max(1, len(workcenters))
        days = int(
            self._get_param("plan_horizon_days", 60, int)
            + per_wc / 480.0 * 3
            + max(0, horizon_extra_days)
        )
        intervals = self._get_calendar_intervals(workcenters, origin, days)
        release = self._get_component_release(productions, origin)
        resources = [
            {
                "id": str(wc.id),
                "capacity": max(1, wc.shopfloor_parallel_capacity or 1),
                "calendar": intervals[wc.id],
            }
            for wc in workcenters
        ]
        calendars = {wc.id: Calendar(intervals[wc.id]) for wc in workcenters}
        wo_by_op = {}
        mo_by_job = {}
        jobs = []
        wos_by_mo = defaultdict(lambda: WO)
        for wo in wos:
            wos_by_mo[wo.production_id] |= wo
        for mo in open_mos:
            mo_wos = wos_by_mo.get(mo)
            if not mo_wos:
                continue
            own = mo in productions
            ops = []
            for wo in mo_wos.sorted(lambda w: (w.sequence, w.id)):
                op = {"id": str(wo.id)}
                preds = wo.blocked_by_workorder_ids & mo_wos
                op["preds"] = [str(p.id) for p in preds]
                pin = None
                if wo.state == "progress" or ((not own or pin_all) and wo.date_start):
                    pin = self._pin_started(wo, origin, calendars)
                elif wo.shopfloor_locked and wo.date_start and wo.date_finished:
                    pin = {
                        "resource": str(wo.workcenter_id.id),
                        "start": self._to_min(origin, wo.date_start),
                        "end": self._to_min(origin, wo.date_finished, up=True),
                    }
                if not own and not pin:
                    continue
                op["pinned"] = pin
                if wo.operation_id.shopfloor_allow_overlap:
                    op["lag"] = max(0, wo.operation_id.shopfloor_overlap_lag)
                modes = [
                    {
                        "resource": str(wo.workcenter_id.id),
                        "duration": int(round(wo.duration_expected or 0)),
                    }
                ]
                if own and not pin:
                    for alt in wo.workcenter_id.alternative_workcenter_ids:
                        duration = wo._get_duration_expected(alternative_workcenter=alt)
                        modes.append({"resource": str(alt.id), "duration": int(round(duration))})
                op["modes"] = modes
                ops.append(op)
                wo_by_op[op["id"]] = wo
            known = {op["id"] for op in ops}
            for op in ops:
                op["preds"] = [p for p in op["preds"] if p in known]
            if not ops:
                continue
            job_id = f"MO{mo.id}"
            job = {"id": job_id, "ops": ops}
            if own:
                job["weight"] = mo._shopfloor_planning_weight()
                if mo.date_deadline:
                    job["due"] = self._to_min(origin, mo.date_deadline)
                job["release"] = release.get(mo.id, 0)
            jobs.append(job)
            mo_by_job[job_id] = mo
        for extra in extra_jobs or []:
            ops = []
            for op in extra["ops"]:
                ops.append(
                    {
                        "id": op["id"],
                        "modes": [
                            {"resource": str(m["workcenter"].id), "duration": m["duration"]}
                            for m in op["modes"]
                        ],
                    }
                )
            jobs.append({"id": extra["id"], "ops": ops, "release": extra.get("release", 0)})
        problem = problem_from_dict(
            {
                "origin": 0,
                "resources": resources,
                "jobs": jobs,
                "objective": self._get_objective(),
            }
        )
        return {
            "problem": problem,
            "origin": origin,
            "wo_by_op": wo_by_op,
            "mo_by_job": mo_by_job,
            "wc_by_res": {str(wc.id): wc for wc in workcenters},
            "productions": productions,
        }

    @api.model
    def _pin_started(self, wo, origin, calendars):
        """Occupancy of a started (or not re-planned) work order, in minutes."""
        cal = calendars.get(wo.workcenter_id.id)
        if wo.state == "progress":
            start = self._to_min(origin, wo.date_start) if wo.date_start else 0
            remaining = max(1, int(round((wo.duration_expected or 0) - (wo.duration or 0))))
            end = cal.add(0, remaining) if cal else remaining
            return {"resource": str(wo.workcenter_id.id), "start": min(start, 0), "end": end}
        return {
            "resource": str(wo.workcenter_id.id),
            "start": self._to_min(origin, wo.date_start),
            "end": self._to_min(origin, wo.date_finished or wo.date_start, up=True),
        }

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    @api.model
    def _solve(self, data, time_limit=None):
        try:
            return solve(
                data["problem"],
                time_limit=time_limit or self._get_time_limit(),
                control=self._get_search_control(),
            )
        except SchedulerError as exc:
            raise UserError(_("The plan cannot be computed: %s", exc)) from exc

    # ------------------------------------------------------------------
    # Early stop and live progress of a running plan
    # ------------------------------------------------------------------
    @api.model
    def _get_search_control(self):
        """The scheduler's early stop (the Stop button of the visual plan, no improvement for
        ``shopfloor_mp.plan_stall_seconds``, default 5, 0 = never) and its progress, sent
        to the planning user over the bus (``shopfloor.plan_progress``)."""
        self._set_stop_request(False)
        checked = {"at": 0.0, "stop": False, "sent": 0.0}

        def stop():  # also called from CP-SAT's watchdog thread: own cursor, no ORM cache
            now = time.monotonic()
            if not checked["stop"] and now - checked["at"] >= 1.0:
                checked["at"] = now
                checked["stop"] = self._get_stop_request()
            return checked["stop"]

        def progress(info):
            now = time.monotonic()
            if info["phase"] != "done" and now - checked["sent"] < 0.5:
                return
            checked["sent"] = now
            self._send_plan_progress(info)

        return SearchControl(
            stop=stop,
            on_progress=progress,
            stall_seconds=max(0.0, self._get_param("plan_stall_seconds", 5.0)),
        )

    def _stop_key(self):
        return f"shopfloor_mp.plan_stop.{self.env.uid}"

    def _other_transaction(self):
        """A cursor of its own: the Stop button commits in another request that the plan's
        (repeatable read) transaction would not see, and progress must reach the browser
        before the plan's transaction ends. In tests, the test cursor."""
        if self.env.registry.in_test_mode() or odoo_module.current_test:
            return _SameCursor(self.env.cr)
        return self.env.registry.cursor()

    def _get_stop_request(self):
        with self._other_transaction() as cr:
            cr.execute(
                SQL("SELECT value FROM ir_config_parameter WHERE key = %s", self._stop_key())
            )
            row = cr.fetchone()
        return bool(row and row[0] == "1")

    def _set_stop_request(self, flag):
        with self._other_transaction() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})  # a technical flag of this user's plan
            env["ir.config_parameter"].set_param(self._stop_key(), "1" if flag else False)

    def _send_plan_progress(self, info):
        with self._other_transaction() as cr:
            env = api.Environment(cr, self.env.uid, self.env.context)
            env.user._bus_send("shopfloor.plan_progress", info)

    @api.model
    def stop_plan(self):
        """Stop the running plan of this user: it keeps the best plan found so far."""
        self._check_planning_access()
        self._set_stop_request(True)
        return {}

    @api.model
    def _plan(self, productions=None, time_limit=None):
        """Plan ``productions`` (default: all open MOs) and write the plan back."""
        if productions is None:
            productions = self._get_open_productions()
        drafts = productions.filtered(lambda mo: mo.state == "draft")
        if drafts:
            drafts.action_confirm()
        productions = productions.filtered(lambda mo: mo.state in OPEN_MO_STATES)
        if not productions:
            return {"planned": 0, "late": 0, "tardiness_hours": 0.0, "method": "", "seconds": 0.0}
        t0 = time.monotonic()
        data = self._prepare_problem(productions, self._origin())
        t1 = time.monotonic()
        schedule = self._solve(data, time_limit)
        t2 = time.monotonic()
        self._apply_schedule(schedule, data)
        self.env.flush_all()
        t3 = time.monotonic()
        _logger.info(
            "finite plan of %s MOs: read %.1f s, solve %.1f s (%s), write %.1f s",
            len(productions),
            t1 - t0,
            t2 - t1,
            schedule.method,
            t3 - t2,
        )
        return self._summary(schedule, data)

    @api.model
    def _summary(self, schedule, data):
        own = [j for j, mo in data["mo_by_job"].items() if mo in data["productions"]]
        late = [j for j in own if j in schedule.jobs and schedule.jobs[j].tardiness > 0]
        return {
            "planned": len(own),
            "late": len(late),
            "tardiness_hours": round(sum(schedule.jobs[j].tardiness for j in late) / 60.0, 1),
            "makespan_hours": round(schedule.makespan / 60.0, 1),
            "method": schedule.method,
            "seconds": round(schedule.seconds, 2),
        }

    @api.model
    def _notify_result(self, result):
        message = _(
            "%(planned)s orders planned in %(seconds)s s (%(method)s): %(late)s late, "
            "%(tardiness_hours)s h total delay.",
            **result,
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Finite-capacity plan"),
                "message": message,
                "type": "warning" if result.get("late") else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def action_plan_all(self):
        return self._notify_result(self._plan())
