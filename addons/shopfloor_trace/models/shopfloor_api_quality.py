import math

from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import RuleMessage, ShopfloorError
from odoo.addons.shopfloor_mp.tools.params import Params
from odoo.exceptions import UserError

from ..errors import REASONS, error


class ShopfloorApiQuality(models.AbstractModel):
    """Quality checks in the mini-program: the checks due on an operation, doing one."""

    _name = "shopfloor.api.quality"
    _description = "Shop-floor API: quality checks"

    @api.model
    def _get_workorder(self, ctx, p):
        return self.env["shopfloor.api.workorder"]._get_workorder(ctx, p)

    def api_checks(self, ctx, params):
        """Checks of a work order still to pass (``all``: every check)."""
        p = Params(params)
        workorder = self._get_workorder(ctx, p)
        checks = workorder.quality_check_ids
        if not p.bool("all"):
            checks = checks.filtered(lambda c: c.state != "pass")
        return {
            "workorder_id": workorder.id,
            "blocking": any(c.blocking and c.state != "pass" for c in checks),
            "checks": [check._sf_get_info() for check in checks],
        }

    @api.model
    def _get_check(self, ctx, p):
        """The check named by ``check_id``, or the due check of ``point_id`` on the work
        order (SF_QC_NOT_DUE when none is due there)."""
        Check = self.env["shopfloor.quality.check"]
        check_id = p.int("check_id", required=False)
        if check_id:
            check = self.env["shopfloor.api"]._get_record(
                ctx,
                "shopfloor.quality.check",
                check_id,
                "check_id",
                unknown=error("SF_QC_UNKNOWN_CHECK"),
            )
            workorder = check.workorder_id
            if workorder:
                self.env["shopfloor.api.workorder"]._check_access(ctx, workorder)
            if check.state == "pass":
                raise error("SF_QC_ALREADY_DONE")
            return check
        workorder = self._get_workorder(ctx, p)
        domain = [("workorder_id", "=", workorder.id), ("state", "!=", "pass")]
        point_id = p.int("point_id", required=False)
        if point_id:
            # another company's or unknown point: no check due here, like any other id
            point = self.env["shopfloor.api"]._get_record(
                ctx, "shopfloor.quality.point", point_id, "point_id", unknown=error("SF_QC_NOT_DUE")
            )
            domain.append(("point_id", "=", point.id))
        check = Check.search(domain, order="date_due, id", limit=1)
        if not check:
            raise error("SF_QC_NOT_DUE")
        return check

    @api.model
    def _get_defects(self, ctx, p, check):
        raw = p.raw("defects")
        if raw is None:
            return None
        if not isinstance(raw, list):
            raise error("SF_QC_BAD_RESULT", reason=REASONS["defects_list"])
        defects = {}
        for item in raw:
            if not isinstance(item, dict):
                raise error("SF_QC_BAD_RESULT", reason=REASONS["defect_object"])
            q = Params(item)
            try:
                defect = self.env["shopfloor.api"]._get_record(
                    ctx, "shopfloor.defect.type", q.int("defect_type_id"), "defect_type_id"
                )
            except ShopfloorError as exc:
                raise error("SF_QC_BAD_RESULT", reason=REASONS["defect_unknown"]) from exc
            defects[defect] = defects.get(defect, 0.0) + q.qty("qty")
        return defects

    def api_do(self, ctx, params):
        """Record a check: ``result`` pass/fail, ``measure`` or ``defects``."""
        p = Params(params)
        check = self._get_check(ctx, p)
        result = p.str("result", required=False, max_len=8)
        if result and result not in ("pass", "fail"):
            raise error("SF_QC_BAD_RESULT", reason=REASONS["result"])
        measure = p.raw("measure")
        if measure is not None and (
            isinstance(measure, bool)
            or not isinstance(measure, int | float)
            or not math.isfinite(measure)
        ):
            raise error("SF_QC_BAD_RESULT", reason=REASONS["measure"])
        defects = self._get_defects(ctx, p, check)
        try:
            state = check._do(
                result=result,
                measure=float(measure) if measure is not None else None,
                defects=defects,
                note=p.str("note", required=False, max_len=1024),
                employee=ctx.employee,
                date=ctx.now,
            )
        except UserError as exc:
            if hasattr(exc, "code"):
                raise
            # Odoo's own rule: its text in the language it was written in only
            rule = RuleMessage(str(exc.args[0]) if exc.args else "", self.env.lang or "en_US")
            raise error("SF_QC_BAD_RESULT", reason=rule) from exc
        return {
            "check": check._sf_get_info(),
            "state": state,
            # sudo: only the alert's name, for the worker's screen
            "alert": check.alert_ids[:1].sudo().name or None,
            "workorder": check.workorder_id._sf_get_info(ctx.employee)
            if check.workorder_id
            else None,
        }
