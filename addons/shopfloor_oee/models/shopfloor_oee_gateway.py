import datetime
import logging
import math
import random

from odoo import _, api, fields, models
from odoo.tools import SQL

from .shopfloor_oee_loss_reason import STATE_SELECTION

_logger = logging.getLogger(__name__)
STATES = {key for key, _label in STATE_SELECTION}
# a machine counter's increment per event: beyond this it is a gateway's mistake
MAX_COUNT = 1_000_000
MAX_ID = 2**31 - 1


def _event_id(raw):
    """The gateway's event id as text, or None when missing or not a short scalar."""
    value = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        return None
    value = str(value)
    return value if len(value) <= 64 else None


def _scalar(value, max_len=128):
    """A reference sent by a gateway (code, serial, id): text or a positive integer id;
    anything else (list, object, float, bool, huge number) is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value <= MAX_ID else None
    if isinstance(value, str) and value and len(value) <= max_len:
        return value
    return None


def _count(value):
    """A part count: a finite number within 0..MAX_COUNT (no "nan", "inf", 1e308)."""
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(value)
    # compare before any float conversion: float(10**400) itself raises
    if not 0 <= value <= MAX_COUNT or not math.isfinite(value):
        raise ValueError(value)
    return float(value)


class ShopfloorOeeGateway(models.AbstractModel):
    """Machine signals pushed by PLC / IoT gateways: state changes and part counts.

    A batch is a list of events; each has a unique ``id`` given by the gateway, so a batch
    sent twice (lost answer, retry) records nothing twice. Events may come late and out of
    order: a state change lasts until the next change of the same machine, whatever the
    arrival order. Timestamps ahead of the server by more than the allowed clock skew are
    refused; slightly ahead ones are set to the server time.
    """

    _name = "shopfloor.oee.gateway"
    _description = "OEE Machine Gateway Service"

    @api.model
    def _get_limits(self):
        # sudo: gateway limits are system parameters
        param = self.env["ir.config_parameter"].sudo().get_param
        return (
            datetime.timedelta(seconds=int(param("shopfloor_oee.max_clock_skew", 300))),
            datetime.timedelta(days=int(param("shopfloor_oee.max_late_days", 7))),
        )

    @api.model
    def _parse_ts(self, value):
        """ISO 8601 (with offset or Z; naive = UTC) or epoch seconds -> naive UTC."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise ValueError(value)
            return datetime.datetime.fromtimestamp(value, datetime.timezone.utc).replace(
                tzinfo=None
            )
        if not isinstance(value, str) or not value or len(value) > 64:
            raise ValueError(value)
        ts = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if ts.tzinfo:
            ts = ts.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return ts

    @api.model
    def _find_workcenter(self, value, company, cache):
        key = ("wc", value)
        if key not in cache:
            Workcenter = self.env["mrp.workcenter"]
            domain = [("company_id", "in", [company.id, False])]
            if isinstance(value, int) and not isinstance(value, bool):
                wc = Workcenter.search(domain + [("id", "=", value)], limit=1)
            elif isinstance(value, str) and value:
                wc = Workcenter.search(domain + [("code", "=", value)], limit=1)
            else:
                wc = Workcenter
            cache[key] = wc
        return cache[key]

    @api.model
    def _find_equipment(self, value, company, cache):
        key = ("eq", value)
        if key not in cache:
            Equipment = self.env["maintenance.equipment"]
            domain = [("company_id", "in", [company.id, False])]
            if isinstance(value, int) and not isinstance(value, bool):
                cache[key] = Equipment.search(domain + [("id", "=", value)], limit=1)
            else:
                cache[key] = Equipment.search(domain + [("serial_no", "=", value)], limit=1)
        return cache[key]

    @api.model
    def _find_product(self, value, cache):
        key = ("product", value)
        if key not in cache:
            Product = self.env["product.product"]
            if isinstance(value, int) and not isinstance(value, bool):
                cache[key] = Product.browse(value).exists()
            else:
                cache[key] = Product.search(
                    ["|", ("default_code", "=", value), ("barcode", "=", value)], limit=1
                )
        return cache[key]

    @api.model
    def _ingest(self, events, company=None, now=None):
        """Record a batch of machine events. Returns a JSON-serialisable summary:
        ``{"accepted": [...ids], "duplicates": [...ids], "rejected": [{id, code, message}]}``.
        """
        company = company or self.env.company
        now = now or fields.Datetime.now()
        skew, late = self._get_limits()
        if not isinstance(events, list):
            return {
                "accepted": [],
                "duplicates": [],
                "rejected": [
                    {"id": None, "code": "SF_OEE_BAD_EVENT", "message": _("Send a list of events.")}
                ],
            }
        Event = self.env["shopfloor.oee.state.event"]
        Count = self.env["shopfloor.oee.count"]
        event_ids = [_event_id(e) for e in events if _event_id(e)]
        known = set(
            Event.search([("uid", "in", event_ids), ("company_id", "=", company.id)]).mapped("uid")
        ) | set(
            Count.search([("uid", "in", event_ids), ("company_id", "=", company.id)]).mapped("uid")
        )
        cache, seen = {}, set()
        accepted, duplicates, rejected = [], [], []
        state_vals, count_vals = [], []

        def reject(event_id, code, message):
            rejected.append({"id": event_id, "code": code, "message": message})

        for raw in events:
            event_id = _event_id(raw)
            if not event_id:
                reject(None, "SF_OEE_BAD_EVENT", _("Every event needs an id."))
                continue
            if event_id in known or event_id in seen:
                duplicates.append(event_id)
                continue
            refs = {key: _scalar(raw.get(key)) for key in ("workcenter", "equipment", "product")}
            texts_ok = all(
                raw.get(key) in (None, "")
                or (isinstance(raw[key], str) and len(raw[key]) <= 64)
                or (key == "reason" and _scalar(raw[key]))
                for key in ("state", "reason", "type")
            )
            if not texts_ok or any(raw.get(k) is not None and not refs[k] for k in refs):
                reject(event_id, "SF_OEE_BAD_EVENT", _("Invalid value in the event."))
                continue
            wc = self._find_workcenter(refs["workcenter"], company, cache)
            if not wc:
                reject(event_id, "SF_OEE_UNKNOWN_WORKCENTER", _("Unknown work center."))
                continue
            try:
                ts = self._parse_ts(raw.get("ts"))
            except (TypeError, ValueError, OverflowError, OSError):
                reject(event_id, "SF_OEE_BAD_EVENT", _("Invalid or missing timestamp 'ts'."))
                continue
            if ts > now + skew:
                reject(
                    event_id,
                    "SF_OEE_CLOCK_SKEW",
                    _("The timestamp is ahead of the server clock by more than allowed."),
                )
                continue
            if ts < now - late:
                reject(event_id, "SF_OEE_TOO_OLD", _("The event is too old to be recorded."))
                continue
            ts = min(ts, now)
            equipment = self.env["maintenance.equipment"]
            if refs["equipment"]:
                equipment = self._find_equipment(refs["equipment"], company, cache)
            kind = raw.get("type") or ("state" if "state" in raw or "reason" in raw else "count")
            if kind == "state":
                state = raw.get("state")
                reason = self.env["shopfloor.oee.loss.reason"]
                if raw.get("reason"):
                    reason = reason._get_by_code(str(raw["reason"]), company)
                    if not state and reason:
                        state = reason.state
                if state not in STATES:
                    reject(event_id, "SF_OEE_BAD_EVENT", _("Unknown machine state."))
                    continue
                state_vals.append(
                    {
                        "uid": event_id,
                        "workcenter_id": wc.id,
                        "equipment_id": equipment.id or False,
                        "state": state,
                        "reason_id": reason.id or False,
                        "date_start": ts,
                        "source": "machine",
                        "company_id": company.id,
                    }
                )
            elif kind == "count":
                try:
                    good = _count(raw.get("good"))
                    bad = _count(raw.get("reject"))
                except ValueError:
                    reject(event_id, "SF_OEE_BAD_EVENT", _("Invalid quantities."))
                    continue
                product = self.env["product.product"]
                if refs["product"]:
                    product = self._find_product(refs["product"], cache)
                count_vals.append(
                    {
                        "uid": event_id,
                        "workcenter_id": wc.id,
                        "equipment_id": equipment.id or False,
                        "date": ts,
                        "qty_good": good,
                        "qty_reject": bad,
                        "product_id": product.id or False,
                        "source": "machine",
                        "company_id": company.id,
                    }
                )
            else:
                reject(event_id, "SF_OEE_BAD_EVENT", _("Unknown event type."))
                continue
            seen.add(event_id)
            accepted.append(event_id)
        new_events = Event.create(state_vals)
        Count.create(count_vals)
        self._relink_machine_states(new_events)
        touched = {}
        for vals in state_vals:
            wc_id = vals["workcenter_id"]
            touched[wc_id] = min(touched.get(wc_id, vals["date_start"]), vals["date_start"])
        for vals in count_vals:
            wc_id = vals["workcenter_id"]
            touched[wc_id] = min(touched.get(wc_id, vals["date"]), vals["date"])
        if touched:
            Kpi = self.env["shopfloor.oee.kpi"]
            wcs = self.env["mrp.workcenter"].browse(list(touched))
            Kpi._recompute_range(wcs, min(touched.values()), now, now)
        return {"accepted": accepted, "duplicates": duplicates, "rejected": rejected}

    @api.model
    def _relink_machine_states(self, new_events):
        """Each machine state lasts until the next change of the same machine (work center
        and equipment), in time order whatever the arrival order: window function LEAD over
        the machine's events from the change before the earliest new one."""
        if not new_events:
            return
        new_events.flush_recordset()
        streams = {}
        for ev in new_events:
            key = (ev.workcenter_id.id, ev.equipment_id.id or 0)
            streams[key] = min(streams.get(key, ev.date_start), ev.date_start)
        for (wc_id, eq_id), date_from in streams.items():
            self.env.cr.execute(
                SQL(
                    """
                    WITH bound AS (
                        SELECT COALESCE(max(date_start), %(from)s) AS d
                          FROM shopfloor_oee_state_event
                         WHERE source = 'machine' AND workcenter_id = %(wc)s
                           AND COALESCE(equipment_id, 0) = %(eq)s AND date_start < %(from)s
                    ),
                    s AS (
                        SELECT e.id, LEAD(e.date_start) OVER (ORDER BY e.date_start, e.id) AS nxt
                          FROM shopfloor_oee_state_event e, bound
                         WHERE e.source = 'machine' AND e.workcenter_id = %(wc)s
                           AND COALESCE(e.equipment_id, 0) = %(eq)s AND e.date_start >= bound.d
                    )
                    UPDATE shopfloor_oee_state_event e
                       SET date_end = s.nxt,
                           duration = CASE WHEN s.nxt IS NULL THEN 0
                                      ELSE EXTRACT(EPOCH FROM s.nxt - e.date_start) / 60.0 END
                      FROM s
                     WHERE e.id = s.id AND e.date_end IS DISTINCT FROM s.nxt
                    """,
                    wc=wc_id,
                    eq=eq_id,
                    **{"from": date_from},
                )
            )
        self.env["shopfloor.oee.state.event"].invalidate_model(["date_end", "duration"])

    @api.model
    def _demo_generate(self, workcenter_xmlids, days=3, seed=7):
        """Demo data: a few days of machine signals for the given work centers, sent through
        :meth:`_ingest` as a gateway would (states, counts, one breakdown each)."""
        rnd = random.Random(seed)
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        start = now - datetime.timedelta(days=days)
        plan = [
            # state, reason code, weight, minutes from, minutes to
            ("running", None, 70, 20, 90),
            ("idle", "JAM", 8, 3, 15),
            ("idle", "NO_OPERATOR", 4, 5, 20),
            ("setup", "CHANGEOVER", 6, 15, 40),
            ("down", "MATERIAL", 4, 10, 30),
            ("planned_stop", "MEETING", 2, 15, 30),
        ]
        for xmlid in workcenter_xmlids:
            wc = self.env.ref(xmlid, raise_if_not_found=False)
            if not wc:
                continue
            ict = wc.oee_ideal_cycle_time or 30.0
            # the machine is switched off outside its production calendar
            work = self.env["shopfloor.oee.kpi"]._calendar_intervals(wc, start, now)[wc.id]
            events, t, n = [], start, 0
            breakdown_at = start + datetime.timedelta(hours=rnd.randint(8, days * 24 - 8))
            while t < now:
                current = [iv for iv in work if iv[0] <= t < iv[1]]
                if not current:
                    n += 1
                    events.append(
                        {
                            "id": f"demo-{wc.id}-{n}",
                            "workcenter": wc.id,
                            "ts": fields.Datetime.to_string(t),
                            "state": "offline",
                        }
                    )
                    t = min([iv[0] for iv in work if iv[0] > t] or [now])
                    continue
                if breakdown_at and t >= breakdown_at:
                    state, reason, minutes = "down", "MECH", rnd.randint(45, 120)
                    breakdown_at = None
                else:
                    state, reason, _w, low, high = rnd.choices(plan, [p[2] for p in plan])[0]
                    minutes = rnd.randint(low, high)
                n += 1
                events.append(
                    {
                        "id": f"demo-{wc.id}-{n}",
                        "workcenter": wc.id,
                        "ts": fields.Datetime.to_string(t),
                        "state": state,
                        "reason": reason,
                    }
                )
                end = min(t + datetime.timedelta(minutes=minutes), now, current[0][1])
                if state == "running":
                    # the counter reports every 10 minutes while the machine runs
                    chunk_start = t
                    while chunk_start < end:
                        chunk_end = min(chunk_start + datetime.timedelta(minutes=10), end)
                        seconds = (chunk_end - chunk_start).total_seconds()
                        produced = round(seconds / ict * rnd.uniform(0.75, 0.97))
                        reject = round(produced * rnd.uniform(0.0, 0.04))
                        n += 1
                        events.append(
                            {
                                "id": f"demo-{wc.id}-{n}",
                                "workcenter": wc.id,
                                "ts": fields.Datetime.to_string(
                                    chunk_end - datetime.timedelta(seconds=1)
                                ),
                                "good": produced - reject,
                                "reject": reject,
                            }
                        )
                        chunk_start = chunk_end
                t = end
            self.with_company(wc.company_id)._ingest(events, company=wc.company_id, now=now)
        # the breakdown requests belong to the demo data: uninstalling removes them before
        # the demo equipment they point to
        requests = (
            self.env["shopfloor.oee.state.event"]
            .search([("uid", "=like", "demo-%"), ("maintenance_request_id", "!=", False)])
            .maintenance_request_id
        )
        self.env["ir.model.data"]._update_xmlids(
            [
                {
                    "xml_id": f"shopfloor_oee.demo_breakdown_request_{request.id}",
                    "record": request,
                    "noupdate": True,
                }
                for request in requests
            ]
        )
        return True
