# Run inside `odoo shell` by bench/oee/run (``env`` is given by the shell).
# ruff: noqa: F821
import datetime
import statistics
import time

from odoo import Command
from odoo.sql_db import db_connect
from odoo.tools import SQL

N_WC = 50
DAYS = 90
EVENTS_PER_WC = 10_000  # ~500,000 machine states in all
STEP = DAYS * 86400 // EVENTS_PER_WC  # seconds between two state changes
LOGS = 400_000  # Odoo time logs for the native OEE compute
cr = env.cr


def say(msg):
    print(f"bench {msg}", flush=True)


now = datetime.datetime.utcnow().replace(microsecond=0)
start = now - datetime.timedelta(days=DAYS)

# ---- setup: calendar, shifts, work centers ---------------------------------------------
Calendar = env["resource.calendar"]
calendar = Calendar.search([("name", "=", "bench oee 24/7")], limit=1)
if not calendar:
    att = []
    for d in range(7):
        for h_from, h_to, period in (
            (0, 11.5, "morning"),
            (12, 19.5, "afternoon"),
            (20, 24, "afternoon"),
        ):
            att.append(
                Command.create(
                    {
                        "name": f"{d} {h_from}",
                        "dayofweek": str(d),
                        "hour_from": h_from,
                        "hour_to": h_to,
                        "day_period": period,
                    }
                )
            )
    calendar = Calendar.create(
        {"name": "bench oee 24/7", "tz": "Asia/Shanghai", "attendance_ids": [Command.clear()] + att}
    )
Shift = env["shopfloor.oee.shift"]
shifts = Shift.search([("code", "like", "BENCH-%")])
if not shifts:
    shifts = Shift.create(
        [
            {"name": "Early", "code": "BENCH-1", "hour_from": 6, "hour_to": 14},
            {"name": "Late", "code": "BENCH-2", "hour_from": 14, "hour_to": 22},
            {"name": "Night", "code": "BENCH-3", "hour_from": 22, "hour_to": 6},
            {"name": "Day (12 h)", "code": "BENCH-4", "hour_from": 8, "hour_to": 20},
            {"name": "Night (12 h)", "code": "BENCH-5", "hour_from": 20, "hour_to": 8},
        ]
    )
shifts.is_default = False  # only the bench work centers work them
three, two = shifts[:3], shifts[3:]
Wc = env["mrp.workcenter"]
wcs = Wc.search([("code", "like", "BENCH-%")], order="code")
if len(wcs) < N_WC:
    wcs |= Wc.create(
        [
            {
                "name": f"Bench WC {i:02d}",
                "code": f"BENCH-{i:02d}",
                "oee_calendar_id": calendar.id,
                "oee_ideal_cycle_time": 20.0 + i % 7,
                "oee_count_source": "machine",
                "oee_shift_ids": [Command.set((three if i % 2 else two).ids)],
            }
            for i in range(len(wcs), N_WC)
        ]
    )
wcs = wcs[:N_WC]
ids = wcs.ids
company = env.company.id
uid = env.uid
env.flush_all()

# ---- data: ~500,000 state events, counts, 400,000 Odoo time logs (fresh every run) ------
t0 = time.perf_counter()
cr.execute(SQL("DELETE FROM shopfloor_oee_kpi WHERE workcenter_id = ANY(%s)", ids))
cr.execute(SQL("DELETE FROM shopfloor_oee_state_event WHERE workcenter_id = ANY(%s)", ids))
cr.execute(SQL("DELETE FROM shopfloor_oee_count WHERE workcenter_id = ANY(%s)", ids))
cr.execute(SQL("DELETE FROM mrp_workcenter_productivity WHERE workcenter_id = ANY(%s)", ids))
states = ["running"] * 14 + ["idle", "idle", "down", "setup", "planned_stop", "offline"]
cr.execute(
    SQL(
        """
        INSERT INTO shopfloor_oee_state_event
            (workcenter_id, state, date_start, date_end, duration, source, company_id,
             create_uid, create_date, write_uid, write_date)
        SELECT wc, st, ds, CASE WHEN i = %(n)s - 1 THEN NULL ELSE ds + %(step)s * interval '1 second' END,
               CASE WHEN i = %(n)s - 1 THEN 0 ELSE %(step)s / 60.0 END,
               'machine', %(company)s, %(uid)s, now(), %(uid)s, now()
          FROM unnest(%(ids)s::int[]) wc,
               generate_series(0, %(n)s - 1) i,
               LATERAL (SELECT %(start)s + (i * %(step)s) * interval '1 second' AS ds,
                               (%(states)s::varchar[])[1 + mod(abs(hashint4(i * 31 + wc)), 20)] AS st) x
        """,
        ids=ids,
        n=EVENTS_PER_WC - EVENTS_PER_WC // 20,
        step=STEP * 20 // 19,
        start=start,
        states=states,
        company=company,
        uid=uid,
    )
)
# 5 % worker reports overlapping the machine's states (down over running, duplicates)
cr.execute(
    SQL(
        """
        INSERT INTO shopfloor_oee_state_event
            (workcenter_id, state, date_start, date_end, duration, source, company_id,
             create_uid, create_date, write_uid, write_date)
        SELECT wc, 'down', ds, ds + interval '10 minutes', 10, 'worker', %(company)s,
               %(uid)s, now(), %(uid)s, now()
          FROM unnest(%(ids)s::int[]) wc, generate_series(0, %(n)s - 1) i,
               LATERAL (SELECT %(start)s + (i * %(step)s + 301) * interval '1 second' AS ds) x
        """,
        ids=ids,
        n=EVENTS_PER_WC // 20,
        step=STEP * 20,
        start=start,
        company=company,
        uid=uid,
    )
)
cr.execute(
    SQL(
        """
        INSERT INTO shopfloor_oee_count
            (workcenter_id, date, qty_good, qty_reject, source, company_id,
             create_uid, create_date, write_uid, write_date)
        SELECT wc, %(start)s + h * interval '1 hour' + interval '59 minutes', 95, mod(h, 3), 'machine',
               %(company)s, %(uid)s, now(), %(uid)s, now()
          FROM unnest(%(ids)s::int[]) wc, generate_series(0, %(hours)s - 1) h
        """,
        ids=ids,
        start=start,
        hours=DAYS * 24,
        company=company,
        uid=uid,
    )
)
productive = env.ref("mrp.block_reason7")
blocked = env.ref("mrp.block_reason1")
per_wc = LOGS // N_WC
cr.execute(
    SQL(
        """
        INSERT INTO mrp_workcenter_productivity
            (workcenter_id, company_id, user_id, loss_id, loss_type, date_start, date_end,
             duration, create_uid, create_date, write_uid, write_date)
        SELECT wc, %(company)s, %(uid)s,
               CASE WHEN mod(i, 5) = 0 THEN %(blocked)s ELSE %(productive)s END,
               CASE WHEN mod(i, 5) = 0 THEN 'availability' ELSE 'productive' END,
               ds, ds + interval '5 minutes', 5, %(uid)s, now(), %(uid)s, now()
          FROM unnest(%(ids)s::int[]) wc, generate_series(0, %(n)s - 1) i,
               LATERAL (SELECT %(now)s - interval '28 days' + i * interval '6 minutes' AS ds) x
        """,
        ids=ids,
        n=per_wc,
        now=now,
        company=company,
        uid=uid,
        blocked=blocked.id,
        productive=productive.id,
    )
)
cr.execute("ANALYZE shopfloor_oee_state_event")
cr.execute("ANALYZE shopfloor_oee_count")
cr.execute("ANALYZE mrp_workcenter_productivity")
cr.execute(SQL("SELECT count(*) FROM shopfloor_oee_state_event WHERE workcenter_id = ANY(%s)", ids))
n_events = cr.fetchone()[0]
say(
    f"setup: {n_events} events, counts and {per_wc * N_WC} time logs in {time.perf_counter() - t0:.1f} s"
)

# ---- shift rows (calendar planned time, ORM) --------------------------------------------
Kpi = env["shopfloor.oee.kpi"]
t0 = time.perf_counter()
rows = Kpi._ensure_kpis(wcs, start, now)
env.flush_all()
cr.commit()
cr.execute("ANALYZE shopfloor_oee_kpi")
say(f"shift rows: {len(rows)} created in {time.perf_counter() - t0:.1f} s")

# ---- the measure: recompute every shift's KPIs (SQL aggregation) ------------------------
# Every timed run starts from blank figures and no loss lines, so that it writes all of
# them (a full recompute, as after a changed ideal cycle time), not only what changed.
runs = []
for _i in range(3):
    cr.execute(SQL("DELETE FROM shopfloor_oee_loss WHERE kpi_id = ANY(%s)", rows.ids))
    cr.execute(
        SQL(
            "UPDATE shopfloor_oee_kpi SET planned_time = NULL, run_time = NULL, oee = NULL "
            "WHERE id = ANY(%s)",
            rows.ids,
        )
    )
    cr.commit()
    with db_connect(cr.dbname).cursor() as vcr:  # VACUUM runs outside a transaction
        vcr._cnx.autocommit = True
        vcr.execute("VACUUM ANALYZE shopfloor_oee_kpi, shopfloor_oee_loss")
    env.invalidate_all()
    t0 = time.perf_counter()
    rows._recompute(now=now)
    cr.commit()
    runs.append(time.perf_counter() - t0)
seconds = statistics.median(runs)
say(f"full recompute of {len(rows)} shifts: " + ", ".join(f"{r:.2f}" for r in runs) + " s")
# the cron's case: the same recompute when nothing changed (computed, nothing rewritten)
t0 = time.perf_counter()
rows._recompute(now=now)
cr.commit()
warm = time.perf_counter() - t0
say(f"recompute with nothing changed: {warm:.2f} s")
cr.execute(
    SQL(
        "SELECT round(avg(oee)::numeric, 1), round(avg(availability)::numeric, 1), "
        "round(avg(performance)::numeric, 1), round(avg(quality)::numeric, 1), "
        "count(*) FROM shopfloor_oee_loss l JOIN shopfloor_oee_kpi k ON k.id = l.kpi_id "
        "WHERE k.id = ANY(%s)",
        rows.ids,
    )
)
say("avg OEE %s %% (A %s, P %s, Q %s), %s loss lines" % cr.fetchone())

# ---- live status of the 50 work centers --------------------------------------------------
live_runs = []
for _i in range(5):
    env.invalidate_all()
    t0 = time.perf_counter()
    live = wcs._oee_live_status()
    live_runs.append((time.perf_counter() - t0) * 1000)
live_ms = statistics.median(live_runs)
say(f"live status: {len(live)} work centers, " + ", ".join(f"{r:.0f}" for r in live_runs) + " ms")
say("live sample: " + str({k: live[0][k] for k in ("state", "oee", "availability")}))

# ---- Odoo's own work-center OEE (productive / (productive + blocked) over a month) ------
native_runs = []
for _i in range(3):
    env.invalidate_all()
    t0 = time.perf_counter()
    values = wcs.mapped("oee")
    native_runs.append((time.perf_counter() - t0) * 1000)
native_ms = min(native_runs)
say(
    f"native oee: {len(values)} work centers, sample {values[0]} %, "
    + ", ".join(f"{r:.0f}" for r in native_runs)
    + " ms"
)
cr.commit()
print(
    f"BENCH oee events={n_events} shifts={len(rows)} seconds={seconds:.2f} "
    f"warm_seconds={warm:.2f} live_ms={live_ms:.0f} native_ms={native_ms:.0f}",
    flush=True,
)
