"""Finite-capacity planner: writing a plan back to the work orders and orders, in bulk
(the way Odoo's ``_plan_workorder`` does, without a write per work order)."""

from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL


class ShopfloorPlanner(models.AbstractModel):
    _inherit = "shopfloor.planner"

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
