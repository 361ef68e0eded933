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
from odoo.exceptions import AccessError, UserError
from odoo.modules import module as odoo_module
from odoo.tools import SQL

from ..tools.scheduler import (
    OBJECTIVES,
    Calendar,
    SchedulerError,
    SearchControl,
    problem_from_dict,
    replan_with_insertion,
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
    def _apply_schedule(self, schedule, data):
        """Write planned dates (and alternative work centers) back to the work orders.

        Same records as Odoo's ``_plan_workorder``: one calendar leave of type "other" per
        work order. Done in bulk: the leaves are created (or moved) in one statement and
        the work orders' ``leave_id`` set with one UPDATE followed by the ORM's
        ``modified`` (a write per work order costs ~10 ms of dependency triggers).
        """
        origin = data["origin"]
        WO = self.env["mrp.workorder"]
        Leave = self.env["resource.calendar.leaves"].sudo()  # as Odoo's _set_dates: planning slots
        to_create = []
        create_wos = []
        moved = {}  # leave id -> (start, end, resource id, calendar id)
        moved_wos = WO
        by_new_wc = defaultdict(lambda: WO)
        plans = []
        for op_id, wo in data["wo_by_op"].items():
            plan = schedule.ops[op_id]
            if plan.pinned or wo.production_id not in data["productions"]:
                continue
            wc = data["wc_by_res"][plan.resource]
            if wo.workcenter_id != wc:
                by_new_wc[wc] |= wo
            plans.append((wo, wc, plan))
        for wc, wos in by_new_wc.items():
            wos.write({"workcenter_id": wc.id})  # Odoo moves their leaves, recomputes durations
        for wo, wc, plan in plans:
            start = self._to_dt(origin, plan.start)
            end = self._to_dt(origin, plan.end)
            if wo.leave_id:
                leave = wo.leave_id
                if (leave.date_from, leave.date_to, leave.resource_id) != (
                    start,
                    end,
                    wc.resource_id,
                ):
                    moved[leave.id] = (start, end, wc.resource_id.id, wc.resource_calendar_id.id)
                    moved_wos |= wo
            else:
                to_create.append(
                    {
                        "name": wo.display_name,
                        "calendar_id": wc.resource_calendar_id.id,
                        "date_from": start,
                        "date_to": end,
                        "resource_id": wc.resource_id.id,
                        "time_type": "other",
                    }
                )
                create_wos.append(wo.id)
        self.env.flush_all()
        if moved:
            ids = list(moved)
            self.env.cr.execute(
                SQL(
                    """UPDATE resource_calendar_leaves AS l
                          SET date_from = v.date_from, date_to = v.date_to,
                              resource_id = v.resource_id, calendar_id = v.calendar_id,
                              write_uid = %s, write_date = NOW() AT TIME ZONE 'UTC'
                         FROM (SELECT unnest(%s::int[]) AS id,
                                      unnest(%s::timestamp[]) AS date_from,
                                      unnest(%s::timestamp[]) AS date_to,
                                      unnest(%s::int[]) AS resource_id,
                                      unnest(%s::int[]) AS calendar_id) AS v
                        WHERE l.id = v.id""",
                    self.env.uid,
                    ids,
                    [moved[i][0] for i in ids],
                    [moved[i][1] for i in ids],
                    [moved[i][2] for i in ids],
                    [moved[i][3] for i in ids],
                )
            )
            leaves = Leave.browse(ids)
            fnames = ["date_from", "date_to", "resource_id", "calendar_id"]
            leaves.invalidate_recordset(fnames)
            leaves.modified(fnames)
            # date_start/date_finished depend on leave_id only: recompute from the moved leaves
            for fname in ("date_start", "date_finished"):
                self.env.add_to_compute(moved_wos._fields[fname], moved_wos)
        if to_create:
            leaves = Leave.create(to_create)
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """UPDATE mrp_workorder AS w SET leave_id = v.leave_id
                         FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::int[]) AS leave_id) AS v
                        WHERE w.id = v.id""",
                    create_wos,
                    leaves.ids,
                )
            )
            wos = WO.browse(create_wos)
            wos.invalidate_recordset(["leave_id"])
            wos.modified(["leave_id"])
        self.env.flush_all()
        self._apply_production_dates(schedule, data)
        return True

    @api.model
    def _apply_production_dates(self, schedule, data):
        """MO dates as ``_plan_workorders`` writes them (with ``force_date``): start (not
        for started MOs) and end of the plan, components' dates = start, finished
        products' date = end. In three UPDATEs, then the ORM's ``modified``."""
        origin = data["origin"]
        rows = []
        for job_id, mo in data["mo_by_job"].items():
            if mo not in data["productions"] or job_id not in schedule.jobs:
                continue
            jp = schedule.jobs[job_id]
            start = self._to_dt(origin, jp.start) if mo.state == "confirmed" else mo.date_start
            rows.append((mo.id, start, self._to_dt(origin, jp.end)))
        if not rows:
            return
        ids = [r[0] for r in rows]
        starts = [r[1] for r in rows]
        ends = [r[2] for r in rows]
        values = SQL(
            "SELECT unnest(%s::int[]) AS id, unnest(%s::timestamp[]) AS date_start, "
            "unnest(%s::timestamp[]) AS date_finished",
            ids,
            starts,
            ends,
        )
        self.env.cr.execute(
            SQL(
                """UPDATE mrp_production AS p
                      SET date_start = v.date_start, date_finished = v.date_finished,
                          write_uid = %s, write_date = NOW() AT TIME ZONE 'UTC'
                     FROM (%s) AS v
                    WHERE p.id = v.id""",
                self.env.uid,
                values,
            )
        )
        self.env.cr.execute(
            SQL(
                """UPDATE stock_move AS m SET date = v.date_start, date_deadline = v.date_start
                     FROM (%s) AS v
                    WHERE m.raw_material_production_id = v.id AND m.state NOT IN ('done', 'cancel')
                RETURNING m.id""",
                values,
            )
        )
        move_ids = [r[0] for r in self.env.cr.fetchall()]
        self.env.cr.execute(
            SQL(
                """UPDATE stock_move AS m SET date = v.date_finished
                     FROM (%s) AS v
                    WHERE m.production_id = v.id AND m.state NOT IN ('done', 'cancel')
                RETURNING m.id""",
                values,
            )
        )
        move_ids += [r[0] for r in self.env.cr.fetchall()]
        productions = self.env["mrp.production"].browse(ids)
        # shopfloor_expected_finish follows (computed from the work orders' dates)
        fnames = ["date_start", "date_finished"]
        productions.invalidate_recordset(fnames)
        productions.modified(fnames)
        moves = self.env["stock.move"].browse(move_ids)
        moves.invalidate_recordset(["date", "date_deadline"])
        moves.modified(["date", "date_deadline"])

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
