import datetime
import logging

import pytz

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import oee

_logger = logging.getLogger(__name__)

PCT = {"aggregator": "avg", "digits": (16, 2)}


def _ranges_literal(intervals):
    """Intervals -> tsmultirange literal stored on the KPI row."""
    parts = [f'["{s:%Y-%m-%d %H:%M:%S}","{e:%Y-%m-%d %H:%M:%S}")' for s, e in intervals]
    return "{" + ",".join(parts) + "}"


def _int_array(ids):
    """A PostgreSQL int[] literal: one parameter, fast for thousands of ids."""
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


def _to_second(value):
    """Aware datetime -> naive UTC rounded to the nearest second."""
    value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return (value + datetime.timedelta(microseconds=500000)).replace(microsecond=0)


def _minutes(expr):
    """SQL: total minutes of a tsmultirange expression."""
    return SQL(
        "(SELECT COALESCE(SUM(EXTRACT(EPOCH FROM upper(x) - lower(x))), 0) / 60.0 "
        "FROM unnest(%s) x)",
        expr,
    )


class ShopfloorOeeKpi(models.Model):
    _name = "shopfloor.oee.kpi"
    _inherit = ["mail.thread", "mail.activity.mixin", "shopfloor.oee.ratio.mixin"]
    _description = "OEE per Shift"
    _order = "date_start desc, workcenter_id"
    _check_company_auto = True

    workcenter_id = fields.Many2one(
        "mrp.workcenter", required=True, index=True, readonly=True, ondelete="cascade"
    )
    shift_id = fields.Many2one(
        # restrict: a shift's KPI history survives it (archive the shift instead)
        "shopfloor.oee.shift",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    date = fields.Date(required=True, index=True, readonly=True, help="Local day the shift starts.")
    date_start = fields.Datetime(string="Shift Start", required=True, readonly=True)
    date_end = fields.Datetime(string="Shift End", required=True, readonly=True)
    product_id = fields.Many2one(
        "product.product", readonly=True, help="Product with the largest counted quantity."
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    planned_ranges = fields.Text(
        readonly=True, help="Planned production intervals of the shift (calendar)."
    )
    # times in minutes
    calendar_time = fields.Float(string="Calendar Time (min)", readonly=True)
    planned_time = fields.Float(string="Planned Production Time (min)", readonly=True)
    planned_stop_time = fields.Float(string="Planned Stops (min)", readonly=True)
    busy_time = fields.Float(string="Planned Busy Time (min)", readonly=True)
    run_time = fields.Float(string="Run Time (min)", readonly=True)
    idle_time = fields.Float(string="Idle Time (min)", readonly=True)
    down_time = fields.Float(string="Down Time (min)", readonly=True)
    setup_time = fields.Float(string="Setup Time (min)", readonly=True)
    offline_time = fields.Float(string="Offline Time (min)", readonly=True)
    unknown_time = fields.Float(string="No Data (min)", readonly=True)
    ideal_time = fields.Float(string="Ideal Production Time (min)", readonly=True)
    # quantities
    good_qty = fields.Float(string="Good Quantity", readonly=True)
    reject_qty = fields.Float(string="Rejected Quantity", readonly=True)
    produced_qty = fields.Float(string="Produced Quantity", readonly=True)
    failure_count = fields.Integer(string="Breakdowns", readonly=True)
    # ratios (percent)
    availability = fields.Float(readonly=True, **PCT)
    performance = fields.Float(readonly=True, **PCT)
    quality = fields.Float(readonly=True, **PCT)
    oee = fields.Float(string="OEE", readonly=True, **PCT)
    teep = fields.Float(string="TEEP", readonly=True, **PCT)
    mtbf = fields.Float(string="MTBF (min)", readonly=True, aggregator="avg")
    mttr = fields.Float(string="MTTR (min)", readonly=True, aggregator="avg")
    performance_warning = fields.Boolean(
        readonly=True,
        help="Performance above 100 %: the ideal cycle time is too long, or counts without "
        "run time.",
    )
    target = fields.Float(string="OEE Target", readonly=True, aggregator="avg")
    below_target = fields.Boolean(readonly=True)
    computed_at = fields.Datetime(readonly=True)
    notified = fields.Boolean(readonly=True, copy=False)
    loss_ids = fields.One2many("shopfloor.oee.loss", "kpi_id", string="Losses", readonly=True)

    _sql_constraints = [
        (
            "wc_shift_date_uniq",
            "unique(workcenter_id, shift_id, date)",
            "One OEE record per work center, shift and day.",
        ),
    ]

    def _get_oee_ratio_defs(self):
        """Over several shifts, days or work centers the ratios are those of the sums
        (ISO 22400): A = run / planned busy time, P = ideal production time / run,
        Q = good / produced, OEE = A x P x Q, TEEP = OEE x planned / calendar time."""
        return {
            "availability": (["run_time"], ["busy_time"], 100),
            "performance": (["ideal_time"], ["run_time"], 100),
            "quality": (["good_qty"], ["produced_qty"], 100),
            "oee": (["ideal_time", "good_qty"], ["busy_time", "produced_qty"], 100),
            "teep": (
                ["ideal_time", "good_qty", "planned_time"],
                ["busy_time", "produced_qty", "calendar_time"],
                100,
            ),
            "mtbf": (["run_time"], ["failure_count"], 1),
            "mttr": (["down_time"], ["failure_count"], 1),
        }

    @api.depends("workcenter_id", "shift_id", "date")
    def _compute_display_name(self):
        for kpi in self:
            kpi.display_name = f"{kpi.workcenter_id.name} {kpi.date} {kpi.shift_id.name}"

    # ---------------------------------------------------------------------------------
    # shift rows and planned time (calendar)
    # ---------------------------------------------------------------------------------
    @api.model
    def _get_shifts(self, workcenter):
        if workcenter.oee_shift_ids:
            return workcenter.oee_shift_ids
        return self.env["shopfloor.oee.shift"].search(
            [
                ("company_id", "in", workcenter.company_id.ids or self.env.company.ids),
                ("is_default", "=", True),
            ]
        )

    @api.model
    def _calendar_intervals(self, workcenters, start, end):
        """Work intervals (naive UTC) per work center id, one batch per calendar."""
        utc = datetime.timezone.utc
        result = {}
        for calendar in workcenters.mapped(lambda w: w.oee_calendar_id or w.resource_calendar_id):
            wcs = workcenters.filtered(
                lambda w, c=calendar: (w.oee_calendar_id or w.resource_calendar_id) == c
            )
            # the calendar's time zone, as the shift hours (not each resource's own)
            batch = calendar._work_intervals_batch(
                start.replace(tzinfo=utc),
                end.replace(tzinfo=utc),
                resources=wcs.resource_id,
                tz=pytz.timezone(calendar.tz or "UTC"),
            )
            for wc in wcs:
                # to the second: a day ending at 24:00 is 23:59:59.999999 in Odoo
                result[wc.id] = oee.normalize(
                    (_to_second(s), _to_second(e)) for s, e, _rec in batch[wc.resource_id.id]
                )
        return result

    @api.model
    def _ensure_kpis(self, workcenters, date_from, date_to):
        """Create (or refresh the planned time of) the shift rows of the work centers whose
        shift windows overlap [date_from, date_to] (naive UTC). Returns the rows."""
        windows = self._get_windows(workcenters, date_from, date_to)
        if not windows:
            return self.browse()
        existing = {
            (k.workcenter_id.id, k.shift_id.id, k.date): k
            for k in self.search(
                [
                    ("workcenter_id", "in", list({w[0] for w in windows})),
                    ("date", ">=", min(w[2] for w in windows)),
                    ("date", "<=", max(w[2] for w in windows)),
                ]
            )
        }
        companies = {wc.id: wc.company_id.id for wc in workcenters}
        vals_list, rows = [], self.browse()
        for wc_id, shift, day, start, end, ranges in windows:
            row = existing.get((wc_id, shift.id, day))
            if row:
                if row.planned_ranges != ranges:
                    row.planned_ranges = ranges
                rows |= row
                continue
            vals_list.append(
                {
                    "workcenter_id": wc_id,
                    "shift_id": shift.id,
                    "date": day,
                    "date_start": start,
                    "date_end": end,
                    "company_id": companies[wc_id] or self.env.company.id,
                    "planned_ranges": ranges,
                    "calendar_time": (end - start).total_seconds() / 60.0,
                }
            )
        return rows | self.create(vals_list)

    # ---------------------------------------------------------------------------------
    # the SQL aggregation
    # ---------------------------------------------------------------------------------
    @api.model
    def _kpi_ctes(self, windows, now, bounds):
        """The CTEs computing every window's state multiranges, counts and losses.

        ``windows`` is an SQL query returning (id, wc, ws, we, planned): the window id, its
        work center, start, end (already cut at ``now``) and planned multirange. Events are
        matched to windows through the UTC days both touch (generate_series), clipped to
        the window (tsrange), merged per state (range_agg) and resolved by priority with
        multirange differences: planned stop > down > setup > idle > running > offline.
        """
        wcs, day0, max_we = _int_array(bounds[0]), bounds[1], bounds[2]
        # constant bounds, so that a few windows (live status) read only their days
        count_sources = [
            SQL(
                "SELECT c.workcenter_id, c.date, c.product_id, c.qty_good AS good, "
                "c.qty_reject AS reject FROM shopfloor_oee_count c "
                "WHERE c.workcenter_id = ANY(%s) AND c.date >= %s AND c.date < %s",
                wcs,
                day0,
                max_we,
            )
        ]
        if "shopfloor.report" in self.env and "qty_scrap" in self.env["shopfloor.report"]._fields:
            count_sources.append(
                SQL(
                    "SELECT r.workcenter_id, r.date, r.product_id, r.qty_good, r.qty_scrap "
                    "FROM shopfloor_report r JOIN mrp_workcenter rw ON rw.id = r.workcenter_id "
                    "WHERE r.state = 'done' AND rw.oee_count_source IN ('reports', 'both') "
                    "AND r.workcenter_id = ANY(%s) AND r.date >= %s AND r.date < %s",
                    wcs,
                    day0,
                    max_we,
                )
            )
        counts = SQL(" UNION ALL ").join(count_sources)
        return SQL(
            """
            w AS MATERIALIZED (%(windows)s),
            wd AS MATERIALIZED (
                -- the UTC days a window touches: a shift lasts at most 24 h (25 h over a
                -- change of daylight saving time), so at most 3 days. Day offsets rather
                -- than generate_series, which PostgreSQL estimates at 1,000 rows a window
                -- and which then misleads the plan of every later join.
                SELECT w.id, w.wc, w.ws, w.we, w.ws::date + o.n AS day
                  FROM w CROSS JOIN (VALUES (0), (1), (2)) o(n)
                 WHERE w.we > w.ws
                   AND w.ws::date + o.n <= (w.we - interval '1 microsecond')::date
            ),
            clipped AS (
                -- events matched on the day they start (hash join on work center and day)
                SELECT wd.id, e.state, e.reason_id,
                       tsrange(GREATEST(e.date_start, wd.ws),
                               LEAST(COALESCE(e.date_end, %(now)s), wd.we)) AS r
                  FROM shopfloor_oee_state_event e
                  JOIN wd ON wd.wc = e.workcenter_id AND wd.day = e.date_start::date
                 WHERE e.workcenter_id = ANY(%(wcs)s) AND e.date_start < %(max_we)s
                   AND e.date_start >= %(day0)s
                   AND e.date_start < wd.we AND COALESCE(e.date_end, %(now)s) > wd.ws
                UNION ALL
                -- and on the further days of the few events lasting over midnight
                SELECT wd.id, e.state, e.reason_id,
                       tsrange(GREATEST(e.date_start, wd.ws),
                               LEAST(COALESCE(e.date_end, %(now)s), wd.we)) AS r
                  FROM shopfloor_oee_state_event e
                  JOIN wd ON wd.wc = e.workcenter_id
                   AND wd.day > e.date_start::date
                   AND wd.day <= (COALESCE(e.date_end, %(now)s) - interval '1 microsecond')::date
                 WHERE e.workcenter_id = ANY(%(wcs)s) AND e.date_start < %(max_we)s
                   AND COALESCE(e.date_end, 'infinity'::timestamp) > %(day0)s
                   AND (e.date_end IS NULL
                        OR (e.date_end - interval '1 microsecond')::date > e.date_start::date)
                   AND (COALESCE(e.date_end, %(now)s) - interval '1 microsecond')::date
                       > e.date_start::date
                   AND e.date_start < wd.we AND COALESCE(e.date_end, %(now)s) > wd.ws
            ),
            g1 AS MATERIALIZED (
                -- merged (overlaps and duplicates counted once) per window, state and reason
                SELECT id, state, reason_id, range_agg(r) AS r
                  FROM clipped GROUP BY id, state, reason_id
            ),
            agg AS (
                SELECT id,
                       range_agg(r) FILTER (WHERE state = 'planned_stop') AS ps,
                       range_agg(r) FILTER (WHERE state = 'down') AS dn,
                       range_agg(r) FILTER (WHERE state = 'setup') AS su,
                       range_agg(r) FILTER (WHERE state = 'idle') AS idl,
                       range_agg(r) FILTER (WHERE state = 'running') AS run,
                       range_agg(r) FILTER (WHERE state = 'offline') AS off
                  FROM g1 GROUP BY id
            ),
            st0 AS (
                SELECT w.id, w.wc, w.ws, w.we, w.planned,
                       COALESCE(a.ps, '{}') * w.planned AS ps_e,
                       w.planned - COALESCE(a.ps, '{}') AS busy,
                       COALESCE(a.dn, '{}') AS dn, COALESCE(a.su, '{}') AS su,
                       COALESCE(a.idl, '{}') AS idl, COALESCE(a.run, '{}') AS run,
                       COALESCE(a.off, '{}') AS off
                  FROM w LEFT JOIN agg a ON a.id = w.id
            ),
            st AS (
                SELECT id, wc, ws, we, planned, ps_e, busy, dn,
                       dn * busy AS dn_e,
                       su * busy - dn AS su_e,
                       idl * busy - dn - su AS idl_e,
                       run * busy - dn - su - idl AS run_e,
                       off * busy - dn - su - idl - run AS off_e,
                       busy - dn - su - idl - run - off AS unk_e
                  FROM st0
            ),
            src AS (%(counts)s),
            cntp AS (
                SELECT w.id, s.product_id, SUM(s.good) AS good, SUM(s.reject) AS reject,
                       SUM((s.good + s.reject) * COALESCE(ic.cycle_time, wc.oee_ideal_cycle_time, 0)) AS ideal_s,
                       SUM(s.reject * COALESCE(ic.cycle_time, wc.oee_ideal_cycle_time, 0)) AS reject_s
                  FROM wd w
                  JOIN src s ON s.workcenter_id = w.wc AND s.date::date = w.day
                   AND s.date >= w.ws AND s.date < w.we
                  JOIN mrp_workcenter wc ON wc.id = w.wc
                  LEFT JOIN shopfloor_oee_ideal_cycle ic
                    ON ic.workcenter_id = w.wc AND ic.product_id = s.product_id
                 GROUP BY w.id, s.product_id
            ),
            cnt AS (
                SELECT id, SUM(good) AS good, SUM(reject) AS reject, SUM(ideal_s) AS ideal_s,
                       SUM(reject_s) AS reject_s,
                       (array_agg(product_id ORDER BY good + reject DESC NULLS LAST))[1] AS product_id
                  FROM cntp GROUP BY id
            ),
            m0 AS (
                SELECT st.id, st.wc, st.ws, st.we, d.*,
                       COALESCE(cnt.good, 0) AS good_qty, COALESCE(cnt.reject, 0) AS reject_qty,
                       COALESCE(cnt.ideal_s, 0) / 60.0 AS ideal_time,
                       COALESCE(cnt.reject_s, 0) / 60.0 AS reject_time,
                       cnt.product_id
                  FROM st
                  -- the minutes of every multirange in one pass
                 CROSS JOIN LATERAL (
                       SELECT COALESCE(SUM(x.len) FILTER (WHERE v.k = 1), 0) AS planned_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 2), 0) AS planned_stop_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 3), 0) AS busy_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 4), 0) AS run_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 5), 0) AS idle_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 6), 0) AS down_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 7), 0) AS setup_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 8), 0) AS offline_time,
                              COALESCE(SUM(x.len) FILTER (WHERE v.k = 9), 0) AS unknown_time,
                              count(*) FILTER (WHERE v.k = 10 AND x.r && st.busy) AS failure_count
                         FROM (VALUES (1, st.planned), (2, st.ps_e), (3, st.busy), (4, st.run_e),
                                      (5, st.idl_e), (6, st.dn_e), (7, st.su_e), (8, st.off_e),
                                      (9, st.unk_e), (10, st.dn)) v(k, mr)
                        CROSS JOIN LATERAL (
                              SELECT r, EXTRACT(EPOCH FROM upper(r) - lower(r)) / 60.0 AS len
                                FROM unnest(v.mr) r) x
                       ) d
                  LEFT JOIN cnt ON cnt.id = st.id
            ),
            m AS (
                SELECT m0.*, good_qty + reject_qty AS produced_qty,
                       CASE WHEN busy_time > 0 THEN run_time / busy_time ELSE 0 END AS a,
                       CASE WHEN run_time > 0 THEN ideal_time / run_time ELSE 0 END AS p,
                       CASE WHEN good_qty + reject_qty > 0
                            THEN good_qty / (good_qty + reject_qty) ELSE 0 END AS q
                  FROM m0
            ),
            losses AS (
                SELECT lr.id, lr.state, lr.reason_id,
                       %(loss_minutes)s AS minutes
                  FROM g1 lr JOIN st ON st.id = lr.id
                 WHERE lr.state <> 'running'
            )
            """,
            windows=windows,
            now=now,
            counts=counts,
            wcs=wcs,
            day0=day0,
            max_we=max_we,
            loss_minutes=_minutes(
                SQL(
                    "lr.r * CASE lr.state WHEN 'planned_stop' THEN st.ps_e "
                    "WHEN 'down' THEN st.dn_e WHEN 'setup' THEN st.su_e "
                    "WHEN 'idle' THEN st.idl_e ELSE st.off_e END"
                )
            ),
        )

    @api.model
    def _windows_sql(self, ids, now, extra=()):
        """Windows of the stored shift rows ``ids``, plus ``extra`` windows not stored
        (live status): tuples (negative id, work center id, start, end, planned literal)."""
        extra = list(extra)
        return SQL(
            """
            SELECT id, wc, ws, LEAST(we, %(now)s) AS we,
                   COALESCE(ranges, '{}')::tsmultirange
                       * tsmultirange(tsrange(ws, GREATEST(ws, LEAST(we, %(now)s)))) AS planned
              FROM (SELECT k.id, k.workcenter_id AS wc, k.date_start AS ws, k.date_end AS we,
                           k.planned_ranges AS ranges
                      FROM unnest(%(ids)s::int[]) AS sel(id)
                      JOIN shopfloor_oee_kpi k ON k.id = sel.id
                    UNION ALL
                    SELECT * FROM unnest(%(x_id)s::int[], %(x_wc)s::int[], %(x_ws)s::timestamp[],
                                         %(x_we)s::timestamp[], %(x_ranges)s::text[])
                   ) win
            """,
            ids=_int_array(ids),
            now=now,
            x_id=[x[0] for x in extra],
            x_wc=[x[1] for x in extra],
            x_ws=[x[2] for x in extra],
            x_we=[x[3] for x in extra],
            x_ranges=[x[4] for x in extra],
        )

    @api.model
    def _get_bounds(self, ids, now, extra=()):
        """(work center ids, first day, last end) of the windows: the events to read."""
        self.env.cr.execute(
            SQL(
                "SELECT array_agg(DISTINCT k.workcenter_id), min(k.date_start), "
                "max(LEAST(k.date_end, %s)) FROM unnest(%s::int[]) AS sel(id) "
                "JOIN shopfloor_oee_kpi k ON k.id = sel.id",
                now,
                _int_array(ids),
            )
        )
        wcs, first, last = self.env.cr.fetchone()
        wcs = set(wcs or [])
        for _id, wc, start, end, _ranges in extra:
            wcs.add(wc)
            first = min(first or start, start)
            last = max(last or min(end, now), min(end, now))
        first = first or now
        day0 = datetime.datetime.combine(first.date(), datetime.time())
        return sorted(wcs), day0, last or now

    @api.model
    def _get_windows(self, workcenters, date_from, date_to):
        """Shift windows of the work centers overlapping [date_from, date_to] (naive UTC),
        computed without storing them: list of (wc id, shift, local day, start, end,
        planned ranges literal)."""
        workcenters = workcenters.filtered("active")
        shifts = {wc.id: self._get_shifts(wc) for wc in workcenters}
        workcenters = workcenters.filtered(lambda w: shifts[w.id])
        if not workcenters:
            return []
        calendars = self._calendar_intervals(
            workcenters,
            date_from - datetime.timedelta(days=2),
            date_to + datetime.timedelta(days=2),
        )
        Shift = self.env["shopfloor.oee.shift"]
        out = []
        for wc in workcenters:
            tz = Shift._get_tz(wc)
            day = date_from.date() - datetime.timedelta(days=1)
            while day <= date_to.date() + datetime.timedelta(days=1):
                for shift in shifts[wc.id]:
                    start, end = shift._get_window(day, tz)
                    if end <= date_from or start > date_to:
                        continue
                    planned = oee.planned_time(start, end, calendars.get(wc.id))
                    out.append((wc.id, shift, day, start, end, _ranges_literal(planned)))
                day += datetime.timedelta(days=1)
        return out

    @api.model
    def _measure(self, kpi_ids, now, extra=()):
        """The KPIs of windows without storing them (live status): list of dicts."""
        settings = self._set_planner()
        self.env.cr.execute(
            SQL(
                "WITH %s SELECT id, wc, planned_time, busy_time, run_time, ideal_time, "
                "good_qty, reject_qty, produced_qty FROM m",
                self._kpi_ctes(
                    self._windows_sql(kpi_ids, now, extra),
                    now,
                    self._get_bounds(kpi_ids, now, extra),
                ),
            )
        )
        result = self.env.cr.dictfetchall()
        self._set_planner(settings)
        return result

    @api.model
    def _set_planner(self, settings=None):
        """Planner settings for the OEE statements, restored afterwards: hash joins on
        (work center, day) rather than re-sorting the events, memory for the aggregation,
        no JIT compilation (it costs more than it saves here). Returns the old settings."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT current_setting('enable_mergejoin'), current_setting('jit'), "
                "current_setting('work_mem')"
            )
        )
        old = cr.fetchone()
        new = settings or ("off", "off", "256MB")
        cr.execute(
            SQL(
                "SELECT set_config('enable_mergejoin', %s, true), set_config('jit', %s, true), "
                "set_config('work_mem', %s, true)",
                *new,
            )
        )
        return old

    def _recompute(self, now=None):
        """Recompute the KPIs of these shift rows in one SQL statement, with their losses.

        Rows and loss lines whose figures did not change are not rewritten.
        Returns the number of shift rows that changed.
        """
        if not self:
            return 0
        now = now or fields.Datetime.now()
        for model in (
            "shopfloor.oee.kpi",
            "shopfloor.oee.state.event",
            "shopfloor.oee.count",
            "shopfloor.oee.ideal.cycle",
            "mrp.workcenter",
        ):
            self.env[model].flush_model()
        if "shopfloor.report" in self.env:
            self.env["shopfloor.report"].flush_model()
        ref = self.env.ref
        speed = ref("shopfloor_oee.loss_reason_speed", raise_if_not_found=False)
        reject = ref("shopfloor_oee.loss_reason_reject", raise_if_not_found=False)
        nodata = ref("shopfloor_oee.loss_reason_no_data", raise_if_not_found=False)
        cr = self.env.cr
        settings = self._set_planner()
        cr.execute(
            SQL(
                """
                WITH %(ctes)s,
                upd AS (
                    UPDATE shopfloor_oee_kpi k
                       SET planned_time = m.planned_time,
                           planned_stop_time = m.planned_stop_time,
                           busy_time = m.busy_time, run_time = m.run_time,
                           idle_time = m.idle_time, down_time = m.down_time,
                           setup_time = m.setup_time, offline_time = m.offline_time,
                           unknown_time = m.unknown_time, ideal_time = m.ideal_time,
                           good_qty = m.good_qty, reject_qty = m.reject_qty,
                           produced_qty = m.produced_qty, product_id = m.product_id,
                           failure_count = m.failure_count,
                           availability = 100 * m.a, performance = 100 * m.p,
                           quality = 100 * m.q, oee = 100 * m.a * m.p * m.q,
                           teep = CASE WHEN k.calendar_time > 0
                                       THEN 100 * m.a * m.p * m.q * m.planned_time / k.calendar_time
                                       ELSE 0 END,
                           mtbf = CASE WHEN m.failure_count > 0
                                       THEN m.run_time / m.failure_count ELSE 0 END,
                           mttr = CASE WHEN m.failure_count > 0
                                       THEN m.down_time / m.failure_count ELSE 0 END,
                           performance_warning = m.p > 1 OR (m.produced_qty > 0 AND m.run_time = 0),
                           target = wc.oee_target,
                           below_target = m.busy_time > 0 AND 100 * m.a * m.p * m.q < wc.oee_target,
                           computed_at = %(now)s,
                           write_date = %(now)s, write_uid = %(uid)s
                      FROM m JOIN mrp_workcenter wc ON wc.id = m.wc
                     WHERE k.id = m.id
                       AND (k.planned_time, k.planned_stop_time, k.busy_time, k.run_time,
                            k.idle_time, k.down_time, k.setup_time, k.offline_time,
                            k.unknown_time, k.ideal_time, k.good_qty, k.reject_qty,
                            k.failure_count, k.product_id, k.target)
                           IS DISTINCT FROM
                           (m.planned_time, m.planned_stop_time, m.busy_time, m.run_time,
                            m.idle_time, m.down_time, m.setup_time, m.offline_time,
                            m.unknown_time, m.ideal_time, m.good_qty, m.reject_qty,
                            m.failure_count::int, m.product_id, wc.oee_target)
                 RETURNING k.id
                ),
                all_losses AS (
                    SELECT l.* FROM (
                        SELECT id, state, reason_id, minutes FROM losses
                        UNION ALL
                        SELECT id, 'running', %(speed)s::int, GREATEST(run_time - ideal_time, 0) FROM m
                        UNION ALL
                        SELECT id, 'running', %(reject)s::int, reject_time FROM m
                        UNION ALL
                        SELECT id, 'offline', %(nodata)s::int, unknown_time FROM m
                    ) l WHERE l.minutes > 0.001
                ),
                del AS (
                    DELETE FROM shopfloor_oee_loss l
                     USING w
                     WHERE l.kpi_id = w.id
                       AND NOT EXISTS (
                           SELECT 1 FROM all_losses a
                            WHERE a.id = l.kpi_id AND a.state = l.state
                              AND COALESCE(a.reason_id, 0) = COALESCE(l.reason_id, 0))
                 RETURNING l.id
                ),
                ins AS (
                    -- only new or changed lines: a conflict locks its row even when the
                    -- update's condition is false
                    INSERT INTO shopfloor_oee_loss (kpi_id, state, reason_id, minutes)
                    SELECT a.id, a.state, a.reason_id, a.minutes
                      FROM all_losses a
                      LEFT JOIN shopfloor_oee_loss o
                        ON o.kpi_id = a.id AND o.state = a.state
                       AND COALESCE(o.reason_id, 0) = COALESCE(a.reason_id, 0)
                     WHERE o.id IS NULL OR abs(o.minutes - a.minutes) > 0.0001
                        ON CONFLICT (kpi_id, state, (COALESCE(reason_id, 0)))
                        DO UPDATE SET minutes = EXCLUDED.minutes
                 RETURNING id
                )
                SELECT (SELECT count(*) FROM upd), (SELECT count(*) FROM ins),
                       (SELECT count(*) FROM del)
                """,
                ctes=self._kpi_ctes(
                    self._windows_sql(self.ids, now), now, self._get_bounds(self.ids, now)
                ),
                now=now,
                uid=self.env.uid,
                speed=speed.id if speed else None,
                reject=reject.id if reject else None,
                nodata=nodata.id if nodata else None,
            )
        )
        updated, written, deleted = cr.fetchone()
        self._set_planner(settings)
        self.invalidate_model()
        self.env["shopfloor.oee.loss"].invalidate_model()
        _logger.debug(
            "OEE: %s shift rows changed, %s loss lines written, %s removed",
            updated,
            written,
            deleted,
        )
        return updated

    @api.model
    def _recompute_range(self, workcenters, date_from, date_to, now=None):
        """Make sure the shift rows of [date_from, date_to] exist and recompute them."""
        rows = self._ensure_kpis(workcenters, date_from, date_to)
        rows._recompute(now=now)
        return rows

    # ---------------------------------------------------------------------------------
    # cron, activities, actions
    # ---------------------------------------------------------------------------------
    @api.model
    def _cron_recompute(self, days=None):
        """Recompute the shifts of the last days (late counts and events included) and
        warn the responsible persons of the shifts below target."""
        days = days or int(
            # sudo: the recompute window is a system parameter
            self.env["ir.config_parameter"].sudo().get_param("shopfloor_oee.recompute_days", 2)
        )
        now = fields.Datetime.now()
        workcenters = self.env["mrp.workcenter"].search([("active", "=", True)])
        rows = self._recompute_range(workcenters, now - datetime.timedelta(days=days), now, now)
        rows._notify_below_target(now)

    def _notify_below_target(self, now=None):
        now = now or fields.Datetime.now()
        todo = self.filtered(
            lambda k: (
                k.below_target
                and not k.notified
                and k.date_end <= now
                and k.workcenter_id.oee_responsible_id
            )
        )
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for kpi in todo:
            kpi.activity_schedule(
                activity_type_id=activity_type.id if activity_type else False,
                summary=_(
                    "OEE %(oee).1f %% below target %(target).1f %%",
                    oee=kpi.oee,
                    target=kpi.target,
                ),
                note=_(
                    "Shift %(shift)s of %(date)s on %(workcenter)s: availability %(a).1f %%, "
                    "performance %(p).1f %%, quality %(q).1f %%.",
                    shift=kpi.shift_id.name,
                    date=kpi.date,
                    workcenter=kpi.workcenter_id.name,
                    a=kpi.availability,
                    p=kpi.performance,
                    q=kpi.quality,
                ),
                user_id=kpi.workcenter_id.oee_responsible_id.id,
            )
        todo.write({"notified": True})

    def action_recompute(self):
        self._recompute()
        return True

    def action_open_events(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("State Events"),
            "res_model": "shopfloor.oee.state.event",
            "view_mode": "list,form,pivot",
            "domain": [
                ("workcenter_id", "=", self.workcenter_id.id),
                ("date_start", "<", self.date_end),
                "|",
                ("date_end", "=", False),
                ("date_end", ">", self.date_start),
            ],
            "context": {"default_workcenter_id": self.workcenter_id.id},
        }

    def action_open_counts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Part Counts"),
            "res_model": "shopfloor.oee.count",
            "view_mode": "list,form",
            "domain": [
                ("workcenter_id", "=", self.workcenter_id.id),
                ("date", ">=", self.date_start),
                ("date", "<", self.date_end),
            ],
            "context": {"default_workcenter_id": self.workcenter_id.id},
        }

    def action_open_losses(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Loss Pareto"),
            "res_model": "shopfloor.oee.loss",
            "view_mode": "graph,list,pivot",
            "domain": [("kpi_id", "=", self.id)],
        }
