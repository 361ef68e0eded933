"""Handlers of ``andon/*``: raise, acknowledge, on site, resolve, verify, close, list.

Thin: parse and check the ids the client sends (company, role), then call the
exception's ``_sf_*`` methods where the loop's rules live. Registered in
models/shopfloor_api.py.
"""

import base64
import binascii

from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.addons.shopfloor_mp.tools.params import Params, bad
from odoo.tools.translate import LazyTranslate

from ..errors import error
from ..models.shopfloor_andon_exception import OPEN_STATES

_lt = LazyTranslate(__name__)

MAX_PHOTO_KB = 2048


class ShopfloorApiAndon(models.AbstractModel):
    _name = "shopfloor.api.andon"
    _description = "Shop-floor API: andon"

    # ------------------------------------------------------------------------------
    # lookups
    # ------------------------------------------------------------------------------
    @api.model
    def _require_employee(self, ctx):
        if not ctx.employee:
            raise ShopfloorError("SF_FORBIDDEN", _lt("You are not allowed to do this here."))

    @api.model
    def _get_exception(self, ctx, p):
        exc = self.env["shopfloor.andon.exception"].browse(p.int("exception_id"))
        # another company's or a deleted exception: same answer as an unknown one
        if not exc.sudo().exists() or exc.sudo().company_id != ctx.company:
            raise error("SF_ANDON_UNKNOWN")
        return exc

    @api.model
    def _get_type(self, ctx, p):
        Type = self.env["shopfloor.andon.type"]
        type_id = p.int("type_id", required=False)
        if type_id:
            atype = Type.browse(type_id)
            if not atype.sudo().exists() or atype.sudo().company_id != ctx.company:
                raise error("SF_ANDON_TYPE_UNKNOWN")
            if not atype.active:
                raise error("SF_ANDON_TYPE_UNKNOWN")
            return atype
        code = p.str("type", required=False, max_len=64)
        if not code:
            raise bad("type_id", "required")
        atype = Type.search([("code", "=", code), ("company_id", "=", ctx.company.id)], limit=1)
        if not atype:
            raise error("SF_ANDON_TYPE_UNKNOWN")
        return atype

    @api.model
    def _check_company(self, ctx, record, code="SF_UNKNOWN_CODE"):
        rec = record.sudo()
        if not rec.exists():
            raise ShopfloorError(code, _lt("This code is unknown."))
        if "company_id" in rec._fields and rec.company_id and rec.company_id != ctx.company:
            raise ShopfloorError("SF_OTHER_COMPANY", _lt("This code belongs to another company."))
        return record

    @api.model
    def _get_workcenter_of_equipment(self, ctx, equipment):
        return self.env["mrp.workcenter"].search(
            [
                ("oee_equipment_id", "=", equipment.id),
                ("company_id", "in", [ctx.company.id, False]),
            ],
            limit=1,
        )

    @api.model
    def _get_target(self, ctx, p):
        """``{"workcenter_id", "workorder_id", "production_id", "equipment_id"}`` of the
        raise: from a work order id, a work center id or a scanned code."""
        workorder = self.env["mrp.workorder"]
        equipment = self.env["maintenance.equipment"]
        workcenter = self.env["mrp.workcenter"]
        if p.int("workorder_id", required=False):
            workorder = self._check_company(ctx, workorder.browse(p.int("workorder_id")))
        elif p.int("workcenter_id", required=False):
            workcenter = self._check_company(ctx, workcenter.browse(p.int("workcenter_id")))
        elif p.str("code", required=False, max_len=512):
            record = self.env["shopfloor.code"]._resolve(p.str("code", max_len=512), ctx.company)
            if record._name == "mrp.workorder":
                workorder = record
            elif record._name == "mrp.workcenter":
                workcenter = record
            elif record._name == "maintenance.equipment":
                equipment = record
                workcenter = self._get_workcenter_of_equipment(ctx, record)
            elif record._name == "mrp.production":
                workorder = record.workorder_ids.filtered(
                    lambda w: w.state not in ("done", "cancel")
                )[:1]
        if workorder:
            workcenter = workorder.workcenter_id
        if not workcenter:
            raise error("SF_ANDON_NO_TARGET")
        equipment = equipment or workcenter.oee_equipment_id
        return {
            "workcenter_id": workcenter.id,
            "workorder_id": workorder.id or False,
            "production_id": workorder.production_id.id or False,
            "equipment_id": equipment.id or False,
        }

    @api.model
    def _get_photo(self, p):
        photo = p.str("photo", required=False, max_len=MAX_PHOTO_KB * 1400)
        if not photo:
            return False
        if photo.startswith("data:") and "," in photo:
            photo = photo.split(",", 1)[1]
        try:
            raw = base64.b64decode(photo, validate=True)
        except (binascii.Error, ValueError):
            raise error("SF_ANDON_PHOTO_INVALID", max_kb=MAX_PHOTO_KB)
        if len(raw) > MAX_PHOTO_KB * 1024 or not raw.startswith((b"\xff\xd8", b"\x89PNG")):
            raise error("SF_ANDON_PHOTO_INVALID", max_kb=MAX_PHOTO_KB)
        return base64.b64encode(raw)

    # ------------------------------------------------------------------------------
    # read
    # ------------------------------------------------------------------------------
    def _api_types(self, ctx, params):
        types = self.env["shopfloor.andon.type"].search([("company_id", "=", ctx.company.id)])
        return {"types": types._sf_get_info()}

    def _api_list(self, ctx, params):
        """Open exceptions (and resolved ones awaiting verification) of the company;
        ``state`` all for every one; ``mine``: raised by me or waiting for me."""
        p = Params(params)
        state = p.str("state", required=False, default="open", max_len=16)
        if state not in ("open", "all"):
            raise bad("state", "one_of", values="open, all")
        domain = [("company_id", "=", ctx.company.id)]
        if state == "open":
            domain.append(("state", "in", OPEN_STATES + ("resolved", "verified")))
        wc_id = p.int("workcenter_id", required=False)
        if wc_id:
            domain.append(("workcenter_id", "=", wc_id))
        Exception_ = self.env["shopfloor.andon.exception"]
        exceptions = Exception_.search(
            domain, limit=min(p.int("limit", required=False, default=100), 500)
        )
        if p.bool("mine", default=False):
            self._require_employee(ctx)
            exceptions = exceptions.filtered(
                lambda e: (
                    e.raised_by_employee_id == ctx.employee or e._sf_is_responder(ctx.employee)
                )
            )
        return {"exceptions": exceptions._sf_get_info()}

    def _api_get(self, ctx, params):
        exc = self._get_exception(ctx, Params(params))
        return {"exception": exc._sf_get_info(with_log=True)[0]}

    # ------------------------------------------------------------------------------
    # the loop
    # ------------------------------------------------------------------------------
    def _api_raise(self, ctx, params):
        """One tap: ``type_id`` (or ``type`` code) and where (``workorder_id``,
        ``workcenter_id`` or a scanned ``code``), optional ``note`` and ``photo``."""
        p = Params(params)
        self._require_employee(ctx)
        atype = self._get_type(ctx, p)
        vals = self._get_target(ctx, p)
        vals.update(
            type_id=atype.id,
            note=p.str("note", required=False, max_len=1000) or False,
            photo=self._get_photo(p),
            priority="1" if p.bool("urgent", default=False) else "0",
        )
        exc, duplicate = self.env["shopfloor.andon.exception"]._sf_raise(
            vals, employee=ctx.employee, now=ctx.now
        )
        return {"exception": exc._sf_get_info()[0], "duplicate": duplicate}

    def _step(self, ctx, params, action, check):
        p = Params(params)
        self._require_employee(ctx)
        exc = self._get_exception(ctx, p)
        check(exc, p)
        exc._sf_transition(
            action,
            employee=ctx.employee,
            now=ctx.now,
            note=p.str("note", required=False, max_len=1000),
            **self._get_extra_vals(ctx, exc, p, action),
        )
        return {"exception": exc._sf_get_info()[0]}

    def _get_extra_vals(self, ctx, exc, p, action):
        if action != "resolve":
            return {}
        cause_id = p.int("cause_id", required=False)
        if not cause_id:
            return {}
        cause = self.env["shopfloor.andon.cause"].browse(cause_id)
        if (
            not cause.sudo().exists()
            or cause.sudo().company_id not in (ctx.company, self.env["res.company"])
            or cause.category not in (False, exc.category)
        ):
            raise bad("cause_id", "not_of_type")
        return {"cause_id": cause.id}

    def _api_ack(self, ctx, params):
        def check(exc, p):
            if not exc._sf_is_responder(ctx.employee):
                raise error("SF_ANDON_NOT_RESPONDER")

        return self._step(ctx, params, "ack", check)

    def _api_onsite(self, ctx, params):
        """The responder scans the machine's QR (its work center's or its equipment's)."""

        def check(exc, p):
            if not exc._sf_is_responder(ctx.employee):
                raise error("SF_ANDON_NOT_RESPONDER")
            record = self.env["shopfloor.code"]._resolve(p.str("code", max_len=512), ctx.company)
            machines = {("mrp.workcenter", exc.workcenter_id.id)}
            for equipment in exc.equipment_id | exc.workcenter_id.oee_equipment_id:
                machines.add(("maintenance.equipment", equipment.id))
            if (record._name, record.id) not in machines:
                raise error("SF_ANDON_WRONG_MACHINE")

        return self._step(ctx, params, "onsite", check)

    def _api_resolve(self, ctx, params):
        def check(exc, p):
            if not exc._sf_is_responder(ctx.employee):
                raise error("SF_ANDON_NOT_RESPONDER")

        return self._step(ctx, params, "resolve", check)

    def _api_verify(self, ctx, params):
        def check(exc, p):
            if not exc._sf_may_verify(ctx.employee):
                raise error("SF_ANDON_NOT_VERIFIER")

        return self._step(ctx, params, "verify", check)

    def _api_close(self, ctx, params):
        def check(exc, p):
            if not exc._sf_may_verify(ctx.employee):
                raise error("SF_ANDON_NOT_VERIFIER")

        return self._step(ctx, params, "close", check)
