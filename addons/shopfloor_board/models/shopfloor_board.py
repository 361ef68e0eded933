import datetime
import hmac
import secrets
import time
import zoneinfo

from odoo import _, api, fields, models
from odoo.addons.shopfloor_mp.models.shopfloor_token import hash_secret
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import board as board_tools

BUS_TYPE = "shopfloor.board/changed"
# Live status rows of shopfloor_oee per (database, work center), kept LIVE_TTL seconds in
# each server process: a hundred boards showing the same work centers compute them once
# (a board's page fetches again LIVE_TTL+ seconds after a ping, so nothing stays behind).
LIVE_TTL = 2.0
_LIVE_CACHE = {}
# Pages that change slowly are kept a while per board and process (seconds).
PAGE_TTL = {"oee": 60.0, "late": 10.0}
_PAGE_CACHE = {}


def _lang_selection(model):
    return [("zh_CN", "中文"), ("en_US", "English")]


class ShopfloorBoard(models.Model):
    """A big screen on the shop floor, opened without login by a secret link.

    The link's token is shown once (``action_generate_link``) and stored hashed. The
    board's data is read by ``_get_board_data``; each page comes from a provider,
    ``_get_board_page_data(code, ...)``: bridge addons add pages (andon exceptions,
    quality) by adding a ``shopfloor.board.page`` record and extending
    ``_get_board_pages`` and ``_get_board_page_data``."""

    _name = "shopfloor.board"
    _description = "Shop-floor Board"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        string="Work Centers",
        check_company=True,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Empty: every work center of the company.",
    )
    page_ids = fields.Many2many(
        "shopfloor.board.page",
        string="Pages",
        default=lambda self: self.env["shopfloor.board.page"].search([]),
        help="The pages the board rotates through, in their order.",
    )
    rotation_seconds = fields.Integer(
        "Rotation (s)", default=20, required=True, help="Seconds each page is shown."
    )
    oee_days = fields.Integer("OEE Days", default=7, required=True, help="Days of the OEE trend.")
    risk_hours = fields.Integer(
        "At Risk Within (h)",
        default=24,
        required=True,
        help="An order whose deadline is this close and whose plan is not complete is at risk.",
    )
    lang = fields.Selection(_lang_selection, "Language", default="zh_CN", required=True)
    # The secret is never stored: only its hash (a board token opens this board only).
    token_hash = fields.Char(copy=False, index=True, groups="base.group_system")
    token_date = fields.Datetime("Link Created", copy=False, readonly=True)
    has_token = fields.Boolean("Has a Link", compute="_compute_has_token")

    _sql_constraints = [
        ("rotation_min", "CHECK (rotation_seconds >= 5)", "A page is shown at least 5 seconds."),
        ("oee_days_range", "CHECK (oee_days BETWEEN 1 AND 60)", "OEE trend: 1 to 60 days."),
    ]

    @api.depends("token_date")
    def _compute_has_token(self):
        for board in self:
            board.has_token = bool(board.token_date)

    @api.constrains("page_ids")
    def _check_pages(self):
        known = self._get_board_pages()
        for board in self:
            unknown = board.page_ids.filtered(lambda p: p.code not in known)
            if unknown:
                raise ValidationError(
                    _("No installed module provides the page %s.", unknown[0].display_name)
                )

    # ---------------------------------------------------------------------------------
    # secret link
    # ---------------------------------------------------------------------------------
    def _generate_token(self):
        """A new secret for this board (the former link stops working): returned once."""
        self.ensure_one()
        self.check_access("write")
        secret = secrets.token_urlsafe(32)
        # sudo: token_hash is readable by administrators only; the manager may set it
        self.sudo().write(
            {
                "token_hash": hash_secret(secret),
                "token_date": fields.Datetime.now(),
            }
        )
        return secret

    def _get_board_url(self, secret):
        self.ensure_one()
        return f"{self.get_base_url()}/shopfloor/board/{secret}"

    def action_generate_link(self):
        self.ensure_one()
        url = self._get_board_url(self._generate_token())
        wizard = self.env["shopfloor.board.link.wizard"].create({"board_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Board Link"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            # shown on this screen only: the browser holds it, the database does not
            "context": dict(
                self.env.context,
                shopfloor_shown_secret=url,
                shopfloor_shown_secret_id=wizard.id,
            ),
        }

    def action_revoke_link(self):
        # sudo: token_hash is readable by administrators only; the manager may clear it
        self.check_access("write")
        self.sudo().write({"token_hash": False, "token_date": False})

    @api.model
    def _find_by_token(self, secret):
        """The active board opened by ``secret``, as superuser (the caller is a public
        page), or an empty recordset."""
        if not secret or not isinstance(secret, str) or len(secret) > 200:
            return self.browse()
        digest = hash_secret(secret)
        # sudo: the page has no user; the hash identifies one board, read for it only
        board = self.sudo().search([("token_hash", "=", digest)], limit=1)
        if not board or not hmac.compare_digest(board.token_hash or "", digest):
            return self.browse()
        return board

    # ---------------------------------------------------------------------------------
    # live updates
    # ---------------------------------------------------------------------------------
    @api.model
    def _get_workcenter_channels(self, workcenters):
        """``{work center id: bus channel}``. One channel per work center, whatever the
        number of boards showing it: a report makes one bus row. The name is an HMAC of
        the id with the database secret: a board learns the channels of its own work
        centers only, and they carry no data anyway."""
        # sudo: the database secret is a system parameter
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        return {
            wc_id: "shopfloor.board.wc/"
            + hmac.new(secret.encode(), f"board-wc-{wc_id}".encode(), "sha256").hexdigest()[:32]
            for wc_id in workcenters.ids
        }

    @api.model
    def _notify_workcenters(self, workcenters):
        """Ping the boards of ``workcenters`` once at commit (no data on the bus: the
        boards fetch theirs with their token)."""
        if not workcenters:
            return
        data = self.env.cr.precommit.data
        pending = data.get("shopfloor_board.wc_ids")
        if pending is None:
            pending = data["shopfloor_board.wc_ids"] = set()
            self.env.cr.precommit.add(self._flush_notifications)
        pending.update(workcenters.ids)

    @api.model
    def _flush_notifications(self):
        wc_ids = self.env.cr.precommit.data.pop("shopfloor_board.wc_ids", set())
        if not wc_ids:
            return
        channels = self._get_workcenter_channels(self.env["mrp.workcenter"].browse(sorted(wc_ids)))
        Bus = self.env["bus.bus"].sudo()  # sudo: bus rows are the framework's own table
        for channel in channels.values():
            Bus._sendone(channel, BUS_TYPE, {})

    # ---------------------------------------------------------------------------------
    # data
    # ---------------------------------------------------------------------------------
    @api.model
    def _get_board_pages(self):
        """``{code: method}`` of the page providers installed. A bridge addon adds its page:
        ``pages = super()._get_board_pages(); pages["andon"] = self._board_page_andon``."""
        return {
            "workshop": self._board_page_workshop,
            "plan": self._board_page_plan,
            "late": self._board_page_late,
            "oee": self._board_page_oee,
        }

    def _get_board_page_data(self, code, ctx):
        """The data of one page (JSON-serialisable) or None when no provider knows it."""
        provider = self._get_board_pages().get(code)
        return provider(ctx) if provider else None

    def _get_board_workcenters(self):
        """The board's work centers, read as superuser within the board's company."""
        self.ensure_one()
        board = self.sudo()
        if board.workcenter_ids:
            return board.workcenter_ids.filtered(
                lambda w: w.active and w.company_id in (board.company_id, w.browse().company_id)
            )
        return (
            self.env["mrp.workcenter"]
            .sudo()
            .search([("company_id", "in", [board.company_id.id, False])], order="sequence, id")
        )

    def _get_board_tz(self):
        self.ensure_one()
        # sudo: the company's calendar time zone only (the page has no user)
        company = self.sudo().company_id
        name = company.resource_calendar_id.tz or company.partner_id.tz or "UTC"
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return datetime.timezone.utc

    def _prepare_board_context(self, now=None):
        """What every page provider gets: the moment, the day and the work centers."""
        self.ensure_one()
        live = not now
        now = now or fields.Datetime.now()
        tz = self._get_board_tz()
        local = now.replace(tzinfo=datetime.timezone.utc).astimezone(tz)
        day_start = datetime.datetime.combine(local.date(), datetime.time(), tzinfo=tz)
        return {
            "now": now,
            "live": live,
            "tz": tz,
            "local_now": local.replace(tzinfo=None),
            "day_start": day_start.astimezone(datetime.timezone.utc).replace(tzinfo=None),
            "local_day_start": day_start.replace(tzinfo=None),
            "workcenters": self._get_board_workcenters(),
        }

    def _get_board_lang(self):
        """The board's language for the server's labels, when installed (else English)."""
        self.ensure_one()
        installed = dict(self.env["res.lang"].get_installed())
        return self.lang if self.lang in installed else "en_US"

    def _get_board_config(self):
        """What the page needs to start (no secret in it)."""
        self.ensure_one()
        board = self.sudo().with_context(lang=self._get_board_lang())
        return {
            "name": board.name,
            "lang": board.lang,
            "rotation": board.rotation_seconds,
            "tz": str(board._get_board_tz()),
            "channels": list(
                self._get_workcenter_channels(board._get_board_workcenters()).values()
            ),
            "pages": [{"code": p.code, "name": p.name} for p in board.page_ids],
        }

    def _get_board_data(self, now=None):
        """Everything the board shows, computed as superuser for this board only:
        its company's records of its work centers (the page has no user)."""
        self.ensure_one()
        board = self.sudo().with_company(self.company_id).with_context(lang=self._get_board_lang())
        ctx = board._prepare_board_context(now)
        known = board._get_board_pages()
        pages = []
        for page in board.page_ids.filtered(lambda p: p.code in known):
            pages.append(
                {
                    "code": page.code,
                    "name": page.name,
                    "data": board._get_cached_page_data(page.code, ctx),
                }
            )
        return {
            "board": board.name,
            "as_of": fields.Datetime.to_string(ctx["now"]) + "Z",
            "local_as_of": ctx["local_now"].strftime("%H:%M"),
            "pages": pages,
        }

    def _get_cached_page_data(self, code, ctx):
        """A page's data, kept PAGE_TTL[code] seconds for live reads (the OEE trend of
        finished shifts does not change every few seconds)."""
        ttl = PAGE_TTL.get(code)
        if not ttl or not ctx.get("live"):
            return self._get_board_page_data(code, ctx)
        key = (self.env.cr.dbname, self.id, code, self.write_date)
        now = time.monotonic()
        hit = _PAGE_CACHE.get(key)
        if hit and hit[0] > now:
            return hit[1]
        if len(_PAGE_CACHE) > 5000:
            _PAGE_CACHE.clear()
        data = self._get_board_page_data(code, ctx)
        _PAGE_CACHE[key] = (now + ttl, data)
        return data

    # ---------------------------------------------------------------------------------
    # page providers
    # ---------------------------------------------------------------------------------
    def _board_page_workshop(self, ctx):
        wcs = ctx["workcenters"]
        if not wcs:
            return {"tiles": []}
        live = self._get_live_status(wcs, ctx)
        # the oldest work order in progress per work center, and who has an open time log
        # there: two SQL aggregations, whatever the number of work orders in progress
        self.env["mrp.workorder"].flush_model(["workcenter_id", "state", "date_start"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (workcenter_id) workcenter_id, id FROM mrp_workorder
                 WHERE workcenter_id = ANY(%s) AND state = 'progress'
                 ORDER BY workcenter_id, date_start NULLS LAST, id
                """,
                wcs.ids,
            )
        )
        wo_ids = dict(self.env.cr.fetchall())
        wos = self.env["mrp.workorder"].browse(list(wo_ids.values()))
        wo_by_wc = {wo.workcenter_id.id: wo for wo in wos}
        self.env["mrp.workcenter.productivity"].flush_model(
            ["workcenter_id", "employee_id", "date_end"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT workcenter_id, employee_id FROM mrp_workcenter_productivity
                 WHERE workcenter_id = ANY(%s) AND date_end IS NULL AND employee_id IS NOT NULL
                """,
                wcs.ids,
            )
        )
        pairs = self.env.cr.fetchall()
        employees = self.env["hr.employee"].browse({emp for _wc, emp in pairs})
        names = {e["id"]: e["name"] for e in employees.read(["name"])}
        operators = {}
        for wc_id, emp_id in pairs:
            operators.setdefault(wc_id, []).append(names.get(emp_id, ""))
        state_labels = dict(self._get_tile_state_labels())
        tiles = []
        for wc in wcs:
            row = live.get(wc.id, {})
            wo = wo_by_wc.get(wc.id)
            state = board_tools.tile_state(row.get("state"), bool(wo))
            qty = wo.qty_production if wo else 0.0
            done = wo.qty_produced if wo else 0.0
            tiles.append(
                {
                    "id": wc.id,
                    "name": wc.name,
                    "code": wc.code or "",
                    "state": state,
                    "state_label": state_labels[state],
                    "since": row.get("since") and fields.Datetime.to_string(row["since"]) + "Z",
                    "workorder": wo and f"{wo.production_id.name} · {wo.name}" or "",
                    "product": wo and wo.product_id.display_name or "",
                    "operators": sorted(set(operators.get(wc.id, []))),
                    "qty_done": done,
                    "qty": qty,
                    "progress": round(board_tools.ratio(done, qty), 1),
                    # no run time and nothing produced today: no OEE to show (not 0 %)
                    "oee": round(row["oee"], 1)
                    if row.get("run_minutes") or row.get("produced")
                    else None,
                    "target": wc.oee_target,
                }
            )
        counts = {s: sum(1 for t in tiles if t["state"] == s) for s in board_tools.TILE_STATES}
        return {"tiles": tiles, "counts": counts}

    def _get_live_status(self, wcs, ctx):
        """``{work center id: live row}`` (shopfloor_oee's ``_oee_live_status``), shared by
        the boards for LIVE_TTL seconds; computed afresh for an explicit moment (tests)."""
        if not ctx.get("live"):
            return {row["id"]: row for row in wcs._oee_live_status(ctx["now"])}
        db, now = self.env.cr.dbname, time.monotonic()
        rows, missing = {}, []
        for wc_id in wcs.ids:
            hit = _LIVE_CACHE.get((db, wc_id))
            if hit and hit[0] > now:
                rows[wc_id] = hit[1]
            else:
                missing.append(wc_id)
        if missing:
            if len(_LIVE_CACHE) > 20000:
                _LIVE_CACHE.clear()
            for row in wcs.browse(missing)._oee_live_status(ctx["now"]):
                rows[row["id"]] = row
                _LIVE_CACHE[(db, row["id"])] = (now + LIVE_TTL, row)
        return rows

    def _get_tile_state_labels(self):
        return [
            ("running", _("Running")),
            ("paused", _("Paused")),
            ("down", _("Down")),
            ("idle", _("Idle")),
        ]

    def _board_page_plan(self, ctx):
        wcs = ctx["workcenters"]
        day_start, local_day_start = ctx["day_start"], ctx["local_day_start"]
        day_end = day_start + datetime.timedelta(days=1)
        if not wcs:
            return {"hours": [], "lines": []}
        offset = local_day_start - day_start  # local = utc + offset (today)
        wos = self.env["mrp.workorder"].search_read(
            [
                ("workcenter_id", "in", wcs.ids),
                ("state", "not in", ("cancel",)),
                ("date_start", "<", day_end),
                ("date_finished", ">", day_start),
            ],
            ["workcenter_id", "date_start", "date_finished", "qty_production"],
        )
        self.env["shopfloor.report"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT workcenter_id,
                       EXTRACT(HOUR FROM (date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s))::int,
                       SUM(qty_good)
                  FROM shopfloor_report
                 WHERE state = 'done' AND workcenter_id = ANY(%(wcs)s)
                   AND company_id = %(company)s AND date >= %(start)s AND date < %(end)s
                 GROUP BY 1, 2
                """,
                tz=str(ctx["tz"]),
                wcs=wcs.ids,
                company=self.company_id.id,
                start=day_start,
                end=day_end,
            )
        )
        actual = {(wc, hour): qty for wc, hour, qty in self.env.cr.fetchall()}
        all_hours = board_tools.hour_buckets(local_day_start, 0, 23)
        plan = {}
        for wo in wos:
            spread = board_tools.spread_over_hours(
                wo["qty_production"],
                wo["date_start"] + offset,
                wo["date_finished"] + offset,
                all_hours,
            )
            acc = plan.setdefault(wo["workcenter_id"][0], [0.0] * 24)
            for i, q in enumerate(spread):
                acc[i] += q
        used = [h for (_wc, h) in actual] + [
            i for vals in plan.values() for i, q in enumerate(vals) if q
        ]
        first = min(used + [8, ctx["local_now"].hour])
        last = max(used + [17, ctx["local_now"].hour])
        hours = list(range(first, last + 1))
        lines = []
        for wc in wcs:
            p = plan.get(wc.id, [0.0] * 24)
            cells = [
                {"hour": h, "plan": round(p[h], 1), "actual": actual.get((wc.id, h), 0.0)}
                for h in hours
            ]
            lines.append(
                {
                    "id": wc.id,
                    "name": wc.name,
                    "cells": cells,
                    "plan": round(sum(p), 1),
                    "plan_to_now": round(sum(p[: ctx["local_now"].hour + 1]), 1),
                    "actual": sum(c["actual"] for c in cells),
                }
            )
        return {"hours": hours, "now_hour": ctx["local_now"].hour, "lines": lines}

    def _board_page_late(self, ctx):
        wcs = ctx["workcenters"]
        now = ctx["now"]
        risk_limit = now + datetime.timedelta(hours=self.risk_hours)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("confirmed", "progress", "to_close")),
            ("date_deadline", "!=", False),
            "|",
            ("date_deadline", "<", risk_limit),
            ("shopfloor_is_late", "=", True),
        ]
        # sudo: whether the board is limited to some work centers (its own setting)
        if self.sudo().workcenter_ids:
            domain.append(("workorder_ids.workcenter_id", "in", wcs.ids))
        mos = self.env["mrp.production"].search(domain, order="date_deadline, id", limit=30)
        orders = []
        for mo in mos:
            if mo.date_deadline < now:
                status, reason = "late", _("Past its deadline")
            elif mo.shopfloor_is_late:
                status, reason = "risk", _("The plan ends after the deadline")
            elif not mo.shopfloor_in_plan:
                status, reason = "risk", _("Not fully planned, deadline close")
            else:
                continue
            orders.append(
                {
                    "id": mo.id,
                    "name": mo.name,
                    "product": mo.product_id.display_name,
                    "qty": mo.product_qty,
                    "qty_done": mo.qty_produced,
                    "deadline": fields.Datetime.to_string(mo.date_deadline) + "Z",
                    "expected": mo.shopfloor_expected_finish
                    and fields.Datetime.to_string(mo.shopfloor_expected_finish) + "Z",
                    "late_hours": mo.shopfloor_late_hours,
                    "status": status,
                    "reason": reason,
                }
            )
        return {
            "orders": orders,
            "late": sum(1 for o in orders if o["status"] == "late"),
            "risk": sum(1 for o in orders if o["status"] == "risk"),
        }

    def _board_page_oee(self, ctx):
        """OEE per day over the board's work centers: the ratios of the day's sums
        (shopfloor.oee.kpi aggregates them by their numerators and denominators)."""
        wcs = ctx["workcenters"]
        first_day = (ctx["local_day_start"] - datetime.timedelta(days=self.oee_days - 1)).date()
        groups = self.env["shopfloor.oee.kpi"]._read_group(
            [
                ("workcenter_id", "in", wcs.ids),
                ("company_id", "=", self.company_id.id),
                ("date", ">=", first_day),
            ],
            ["date:day"],
            ["oee:sum", "availability:sum", "performance:sum", "quality:sum", "good_qty:sum"],
        )
        by_day = {day: rest for day, *rest in groups}
        days = []
        for n in range(self.oee_days):
            day = first_day + datetime.timedelta(days=n)
            vals = by_day.get(day)
            days.append(
                {
                    "date": fields.Date.to_string(day),
                    "oee": round(vals[0], 1) if vals else None,
                    "availability": round(vals[1], 1) if vals else None,
                    "performance": round(vals[2], 1) if vals else None,
                    "quality": round(vals[3], 1) if vals else None,
                    "good": vals[4] if vals else 0.0,
                }
            )
        targets = [wc.oee_target for wc in wcs if wc.oee_target]
        return {"days": days, "target": max(targets) if targets else 0.0}
