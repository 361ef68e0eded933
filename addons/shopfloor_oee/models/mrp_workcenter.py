import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from .shopfloor_oee_loss_reason import STATE_SELECTION

STATE_PRIORITY = ["planned_stop", "down", "setup", "idle", "running", "offline"]


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    oee_shift_ids = fields.Many2many(
        "shopfloor.oee.shift",
        "shopfloor_oee_shift_workcenter_rel",
        "workcenter_id",
        "shift_id",
        string="Shifts",
        help="Empty: the company's default shifts.",
    )
    oee_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Production Calendar",
        help="Planned production time (shifts, breaks, public holidays) for OEE. "
        "Empty: the work center's working hours.",
    )
    oee_equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Main Equipment",
        help="Equipment of the maintenance requests opened by breakdowns.",
    )
    oee_maintenance_team_id = fields.Many2one(
        "maintenance.team",
        string="Maintenance Team",
        help="Team of the breakdown requests (default: the equipment's team).",
    )
    oee_responsible_id = fields.Many2one(
        "res.users",
        string="OEE Responsible",
        help="Gets an activity when a shift's OEE is below the target.",
    )
    oee_ideal_cycle_time = fields.Float(
        string="Default Ideal Cycle Time (s)",
        help="Seconds per unit at the ideal speed, for products without their own line.",
    )
    oee_ideal_cycle_ids = fields.One2many(
        "shopfloor.oee.ideal.cycle", "workcenter_id", string="Ideal Cycle Times"
    )
    oee_count_source = fields.Selection(
        [
            ("machine", "Machine counts"),
            ("reports", "Worker reports"),
            ("both", "Both"),
        ],
        string="Counted Quantities From",
        default="both",
        required=True,
        help="Where produced and rejected quantities come from. Choose one source when a "
        "machine counts and workers also report, not to count twice.",
    )
    oee_state = fields.Selection(
        STATE_SELECTION + [("unknown", "No Data")],
        string="Machine State",
        compute="_compute_oee_live",
    )
    oee_state_since = fields.Datetime(string="State Since", compute="_compute_oee_live")
    oee_reason_id = fields.Many2one(
        "shopfloor.oee.loss.reason", string="State Reason", compute="_compute_oee_live"
    )
    oee_today = fields.Float(string="OEE Today", compute="_compute_oee_live", digits=(16, 1))
    oee_availability_today = fields.Float(
        string="Availability Today", compute="_compute_oee_live", digits=(16, 1)
    )
    oee_performance_today = fields.Float(
        string="Performance Today", compute="_compute_oee_live", digits=(16, 1)
    )
    oee_quality_today = fields.Float(
        string="Quality Today", compute="_compute_oee_live", digits=(16, 1)
    )
    oee_good_today = fields.Float(string="Good Today", compute="_compute_oee_live")

    def _compute_oee_live(self):
        live = {row["id"]: row for row in self._oee_live_status()}
        for wc in self:
            row = live.get(wc.id, {})
            wc.oee_state = row.get("state", "unknown")
            wc.oee_state_since = row.get("since")
            wc.oee_reason_id = row.get("reason_id")
            wc.oee_today = row.get("oee", 0.0)
            wc.oee_availability_today = row.get("availability", 0.0)
            wc.oee_performance_today = row.get("performance", 0.0)
            wc.oee_quality_today = row.get("quality", 0.0)
            wc.oee_good_today = row.get("good", 0.0)

    def _oee_current_states(self, now):
        """{work center id: (state, reason id, since)}: the state covering ``now``."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return {}
        self.env["shopfloor.oee.state.event"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (wc.id) wc.id, e.state, e.reason_id, e.date_start
                  FROM unnest(%(ids)s::int[]) wc(id)
                  JOIN LATERAL (
                        (SELECT state, reason_id, date_start FROM shopfloor_oee_state_event
                          WHERE workcenter_id = wc.id AND date_end IS NULL
                            AND date_start <= %(now)s)
                        UNION ALL
                        (SELECT state, reason_id, date_start FROM shopfloor_oee_state_event
                          WHERE workcenter_id = wc.id AND date_end > %(now)s
                            AND date_start <= %(now)s)
                       ) e ON TRUE
                 ORDER BY wc.id, array_position(%(prio)s::varchar[], e.state::varchar),
                          e.date_start DESC
                """,
                ids=ids,
                now=now,
                prio=STATE_PRIORITY,
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def _oee_live_status(self, now=None):
        """Current state and today's OEE of these work centers (one SQL aggregation)."""
        now = now or fields.Datetime.now()
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return []
        states = self._oee_current_states(now)
        Kpi = self.env["shopfloor.oee.kpi"]
        # today's shift rows (local day of each work center's calendar, UTC in the database)
        today_start = {}
        Shift = self.env["shopfloor.oee.shift"]
        for wc in self.browse(ids):
            tz = Shift._get_tz(wc)
            local = now.replace(tzinfo=datetime.timezone.utc).astimezone(tz)
            start = datetime.datetime.combine(local.date(), datetime.time(), tzinfo=tz)
            today_start[wc.id] = start.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        Kpi.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT k.id, k.workcenter_id FROM shopfloor_oee_kpi k
                  JOIN unnest(%s::int[], %s::timestamp[]) t(wc, day_start) ON t.wc = k.workcenter_id
                 WHERE k.date_start < %s AND k.date_end > t.day_start
                """,
                list(today_start),
                list(today_start.values()),
                now,
            )
        )
        rows = self.env.cr.fetchall()
        kpi_ids = [r[0] for r in rows]
        # work centers whose rows of today are not made yet (the cron makes them): their
        # windows are computed here, not stored (this may run in a read-only transaction)
        missing = self.browse(sorted(set(ids) - {r[1] for r in rows}))
        extra = []
        if missing:
            day_from = min(today_start[i] for i in missing.ids)
            for n, (wc_id, _shift, _day, start, end, ranges) in enumerate(
                Kpi._get_windows(missing, day_from, now), start=1
            ):
                if start < now and end > today_start[wc_id]:
                    extra.append((-n, wc_id, start, end, ranges))
        sums = {}
        for row in Kpi._measure(kpi_ids, now, extra) if kpi_ids or extra else []:
            acc = sums.setdefault(row["wc"], dict.fromkeys(row, 0.0))
            for key in ("busy_time", "run_time", "ideal_time", "good_qty", "produced_qty"):
                acc[key] += float(row[key] or 0.0)
        result = []
        for wc_id in ids:
            state, reason_id, since = states.get(wc_id, ("unknown", None, None))
            s = sums.get(wc_id, {})
            busy, run = s.get("busy_time", 0.0), s.get("run_time", 0.0)
            produced, good = s.get("produced_qty", 0.0), s.get("good_qty", 0.0)
            a = run / busy if busy else 0.0
            p = s.get("ideal_time", 0.0) / run if run else 0.0
            q = good / produced if produced else 0.0
            result.append(
                {
                    "id": wc_id,
                    "state": state,
                    "reason_id": reason_id,
                    "since": since,
                    "availability": 100 * a,
                    "performance": 100 * p,
                    "quality": 100 * q,
                    "oee": 100 * a * p * q,
                    "good": good,
                    "produced": produced,
                    "run_minutes": run,
                }
            )
        return result

    @api.model
    def _oee_live_json(self, workcenters=None):
        """Live status for the API: JSON-serialisable."""
        if workcenters is None:
            workcenters = self.search([("company_id", "in", self.env.companies.ids + [False])])
        rows = workcenters._oee_live_status()
        Reason = self.env["shopfloor.oee.loss.reason"]
        reasons = {r.id: r for r in Reason.browse([r["reason_id"] for r in rows if r["reason_id"]])}
        names = {wc.id: wc for wc in workcenters}
        out = []
        for row in rows:
            wc = names[row["id"]]
            reason = reasons.get(row["reason_id"], Reason)
            out.append(
                {
                    "workcenter_id": wc.id,
                    "workcenter": wc.name,
                    "code": wc.code or "",
                    "state": row["state"],
                    "reason": reason.name or "",
                    "reason_code": reason.code or "",
                    "since": row["since"] and fields.Datetime.to_string(row["since"]),
                    "oee": round(row["oee"], 1),
                    "availability": round(row["availability"], 1),
                    "performance": round(row["performance"], 1),
                    "quality": round(row["quality"], 1),
                    "good": row["good"],
                    "produced": row["produced"],
                    "target": wc.oee_target,
                }
            )
        return out

    def action_open_oee_kpis(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("shopfloor_oee.action_oee_kpi")
        action["domain"] = [("workcenter_id", "in", self.ids)]
        return action

    def action_open_oee_events(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_oee.action_oee_state_event"
        )
        action["domain"] = [("workcenter_id", "in", self.ids)]
        action["context"] = {"default_workcenter_id": self[:1].id}
        return action
