"""Handlers of ``wage/*``: what a worker earned today and this month, and disputes of a
wage line.

Thin: check who calls and the ids the client sends, then read the wage lines or open a
dispute (business rules in models/shopfloor_wage_*.py). Registered in
models/shopfloor_api.py.
"""

import pytz

from odoo import _, api, fields, models
from odoo.addons.shopfloor_mp.tools.api import error as mp_error
from odoo.addons.shopfloor_mp.tools.params import Params

from ..errors import error


class ShopfloorApiWage(models.AbstractModel):
    """What a worker earned today and this month, and disputes of a wage line."""

    _name = "shopfloor.api.wage"
    _description = "Shop-floor API: wages"

    @api.model
    def _today(self, ctx):
        tz = self.env["shopfloor.wage.line"]._sf_get_tz(ctx.company)
        now = ctx.now or fields.Datetime.now()
        return pytz.utc.localize(now).astimezone(tz).date()

    @api.model
    def _api_my(self, ctx, params):
        """``{"currency", "today": {...}, "month": {...}}``: totals and lines (read-only)."""
        p = Params(params)
        with_lines = p.bool("lines", default=True)
        if not ctx.employee:
            raise mp_error("SF_FORBIDDEN")
        today = self._today(ctx)
        month_start = today.replace(day=1)
        # read-only: the lines are brought up to date by the calls that change them
        # (report, pause, finish: models/mrp_workorder.py), never by a read
        Line = self.env["shopfloor.wage.line"].sudo()  # the worker's own lines, filtered below
        base = [("employee_id", "=", ctx.employee.id), ("company_id", "=", ctx.company.id)]
        result = {"currency": ctx.company.currency_id.name}
        for key, date_from in (("today", today), ("month", month_start)):
            domain = base + [("date", ">=", date_from), ("date", "<=", today)]
            groups = Line._read_group(
                domain, ["kind"], ["amount:sum", "qty_good:sum", "minutes:sum"]
            )
            block = {
                "date_from": fields.Date.to_string(date_from),
                "date_to": fields.Date.to_string(today),
                "amount": 0.0,
                "by_kind": {},
                "qty_good": 0.0,
                "minutes": 0.0,
            }
            for kind, amount, qty, minutes in groups:
                block["amount"] += amount
                block["qty_good"] += qty
                block["minutes"] += minutes
                block["by_kind"][kind] = amount
            block["amount"] = ctx.company.currency_id.round(block["amount"])
            if with_lines:
                block["lines"] = [line._sf_get_info() for line in Line.search(domain, limit=500)]
            result[key] = block
        return result

    @api.model
    def _api_dispute(self, ctx, params):
        p = Params(params)
        line_id = p.int("line_id")
        reason = p.str("reason", max_len=1000)
        if not ctx.employee:
            raise mp_error("SF_FORBIDDEN")
        line = self.env["shopfloor.wage.line"].sudo().browse(line_id)  # ownership checked next
        if not line.exists() or line.employee_id != ctx.employee or not line.active:
            raise error("SF_WAGE_LINE_UNKNOWN")
        Dispute = self.env["shopfloor.wage.dispute"].sudo()  # workers have no backend rights
        if Dispute.search_count([("line_id", "=", line.id), ("state", "=", "open")]):
            raise error("SF_WAGE_DISPUTE_OPEN")
        dispute = Dispute.create({"line_id": line.id, "reason": reason})
        dispute.message_post(
            body=_("Disputed by %(name)s from the mini-program.", name=ctx.employee.name)
        )
        return {"dispute_id": dispute.id, "state": dispute.state}
