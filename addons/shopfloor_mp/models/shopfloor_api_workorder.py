import datetime

import pytz

from odoo import api, models
from odoo.tools import SQL

from ..tools.api import error
from ..tools.params import Params, bad


class ShopfloorApiWorkorder(models.AbstractModel):
    """Scan, start, pause, resume, report, finish: the worker's day, as API methods.

    Each method parses its params, checks access and calls the work order's ``_sf_*``
    method, where the business rules live.
    """

    _name = "shopfloor.api.workorder"
    _description = "Shop-floor API: work orders"

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @api.model
    def _get_allowed_workcenters(self, employee):
        """Work centers the employee may act on: their own; a leader's team's too.
        (One query: this runs on every call.)"""
        self.env["hr.employee"].flush_model(
            ["shopfloor_workcenter_ids", "parent_id", "shopfloor_role"]
        )
        self.env.cr.execute(
            SQL(
                "SELECT r.workcenter_id FROM shopfloor_employee_workcenter_rel r"
                " WHERE r.employee_id = %(emp)s OR r.employee_id IN ("
                "   SELECT c.id FROM hr_employee c JOIN hr_employee l ON l.id = c.parent_id"
                "   WHERE l.id = %(emp)s AND l.shopfloor_role = 'leader')",
                emp=employee.id,
            )
        )
        return self.env["mrp.workcenter"].browse({row[0] for row in self.env.cr.fetchall()})

    @api.model
    def _check_access(self, ctx, workorder):
        if not ctx.employee:
            if ctx.user and not ctx.token:
                return  # a backend user: Odoo's access rights apply
            raise error("SF_FORBIDDEN")
        if workorder.workcenter_id not in self._get_allowed_workcenters(ctx.employee):
            raise error("SF_FORBIDDEN")

    @api.model
    def _get_workorder(self, ctx, p):
        """The work order named by ``workorder_id`` or by a scanned ``code``."""
        wo_id = p.int("workorder_id", required=False)
        if wo_id:
            # another company's or a deleted work order: same answer as unknown code
            workorder = self.env["shopfloor.api"]._get_record(
                ctx, "mrp.workorder", wo_id, "workorder_id"
            )
        else:
            workorder = self.env["shopfloor.code"]._resolve(p.str("code"), ctx.company)
            if workorder._name != "mrp.workorder":
                raise bad("code", "not_operation")
        self._check_access(ctx, workorder)
        return workorder

    # ------------------------------------------------------------------
    # Read
    # ------------------------------------------------------------------
    def api_scan(self, ctx, params):
        """What a scanned code is and what the worker may do next."""
        p = Params(params)
        record = self.env["shopfloor.code"]._resolve(p.str("payload", max_len=512), ctx.company)
        kind = self.env["shopfloor.code"]._get_scannable_models()[record._name]
        if record._name == "mrp.workorder":
            self._check_access(ctx, record)
            return {"type": kind, "workorder": record._sf_get_info(ctx.employee)}
        return {"type": kind, kind: self._describe(ctx, record)}

    @api.model
    def _describe(self, ctx, record):
        """Override point: the answer to a scan of a non-work-order record."""
        if record._name == "mrp.production":
            return record._get_shopfloor_progress()
        if record._name == "mrp.workcenter":
            workorders = self._get_todo_workorders(ctx, record)
            return {
                "id": record.id,
                "name": record.name,
                "workorders": [wo._sf_get_summary() for wo in workorders],
            }
        if record._name == "hr.employee":
            # sudo: only the scanned employee's name (the API user reads no HR data)
            return {"id": record.id, "name": record.sudo().name}
        return {"id": record.id, "name": record.display_name}

    def api_get(self, ctx, params):
        workorder = self._get_workorder(ctx, Params(params))
        return {"workorder": workorder._sf_get_info(ctx.employee)}

    def api_catalog(self, ctx, params):
        """Pause reasons (Odoo's productivity losses) and scrap reasons."""
        losses = self.env["mrp.workcenter.productivity.loss"].search(
            [("loss_type", "in", ("availability", "quality", "performance"))]
        )
        defects = self.env["shopfloor.defect.type"].search(
            [("company_id", "in", (False, ctx.company.id))]
        )
        return {
            "pause_reasons": [
                {"id": loss.id, "name": loss.name, "type": loss.loss_type} for loss in losses
            ],
            "defect_types": [
                {"id": d.id, "code": d.code, "name": d.name, "category": d.category}
                for d in defects
            ],
        }

    @api.model
    def _get_todo_workorders(self, ctx, workcenters=None, limit=50):
        workcenters = workcenters or self._get_allowed_workcenters(ctx.employee)
        return self.env["mrp.workorder"].search(
            [
                ("workcenter_id", "in", workcenters.ids),
                ("state", "in", ("ready", "progress", "waiting", "pending")),
                ("production_state", "in", ("confirmed", "progress", "to_close")),
            ],
            order="date_start, production_date, id",
            limit=limit,
        )

    def api_my_workorders(self, ctx, params):
        """The work orders the worker can do now, in planned order."""
        if not ctx.employee:
            raise error("SF_FORBIDDEN")
        workorders = self._get_todo_workorders(ctx)
        return {"workorders": [wo._sf_get_summary() for wo in workorders]}

    def api_my_reports(self, ctx, params):
        """The worker's own reports of today (in their time zone)."""
        if not ctx.employee:
            raise error("SF_FORBIDDEN")
        start = self._get_today_start(ctx.employee)
        reports = self.env["shopfloor.report"].search(
            [("employee_id", "=", ctx.employee.id), ("date", ">=", start)], order="date desc"
        )
        totals = {"qty_good": 0.0, "qty_scrap": 0.0}
        lines = []
        for report in reports:
            if report.state == "done":
                totals["qty_good"] += report.qty_good
                totals["qty_scrap"] += report.qty_scrap
            lines.append(report._sf_get_info())
        return {"reports": lines, "totals": totals}

    @api.model
    def _get_today_start(self, employee):
        """Midnight of the worker's today (their time zone), as naive UTC."""
        # sudo: the worker's own time zone (HR field), read-only
        tz = pytz.timezone(employee.sudo().tz or "Asia/Shanghai")
        midnight = datetime.datetime.now(tz).replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight.astimezone(pytz.utc).replace(tzinfo=None)

    def api_production_progress(self, ctx, params):
        p = Params(params)
        production = self.env["shopfloor.api"]._get_record(
            ctx, "mrp.production", p.int("production_id"), "production_id"
        )
        if ctx.employee and not (
            # sudo: only which work centers the MO uses, to check the worker's assignment
            production.sudo().workorder_ids.workcenter_id
            & self._get_allowed_workcenters(ctx.employee)
        ):
            raise error("SF_FORBIDDEN")
        return production._get_shopfloor_progress()

    def api_sale_progress(self, ctx, params):
        """Progress of the MOs of a sale order, for sales users (their API key)."""
        p = Params(params)
        name = p.str("sale_order", max_len=64)
        mrp_user = self.env["shopfloor.api"]._check_sales_or_manufacturing()
        if "sale.order" in self.env and not mrp_user:
            # a sales user follows the orders they can read (record rules: own/team)
            if not self.env["sale.order"].search([("name", "=", name)], limit=1):
                raise error("SF_UNKNOWN_CODE")
        MO = self.env["mrp.production"]
        if not mrp_user:
            # sudo: sales users see the progress of their (readable) order, not the MOs
            MO = MO.sudo()
        productions = MO.search([("origin", "=", name), ("company_id", "=", ctx.company.id)])
        if not productions:
            raise error("SF_UNKNOWN_CODE")
        return {
            "sale_order": name,
            "productions": [mo._get_shopfloor_progress() for mo in productions],
        }

    # ------------------------------------------------------------------
    # Write
    # ------------------------------------------------------------------
    def api_start(self, ctx, params):
        workorder = self._get_workorder(ctx, Params(params))
        workorder._sf_start(ctx.employee, ctx.now)
        return {"workorder": workorder._sf_get_status(ctx.employee)}

    def api_pause(self, ctx, params):
        p = Params(params)
        workorder = self._get_workorder(ctx, p)
        loss = self.env["shopfloor.api"]._get_record(
            ctx,
            "mrp.workcenter.productivity.loss",
            p.int("reason_id"),
            "reason_id",
            unknown="SF_BAD_PARAMS",
        )
        if loss.loss_type == "productive":
            raise bad("reason_id", "not_pause")
        workorder._sf_pause(ctx.employee, loss, ctx.now)
        return {"workorder": workorder._sf_get_status(ctx.employee)}

    def api_resume(self, ctx, params):
        workorder = self._get_workorder(ctx, Params(params))
        workorder._sf_resume(ctx.employee, ctx.now)
        return {"workorder": workorder._sf_get_status(ctx.employee)}

    @api.model
    def _get_defect_type(self, ctx, p):
        defect_id = p.int("defect_type_id", required=False)
        code = p.str("defect_code", required=False, max_len=32)
        Defect = self.env["shopfloor.defect.type"]
        if defect_id:
            # another company's or an archived type: refused like an unknown one
            return self.env["shopfloor.api"]._get_record(
                ctx, "shopfloor.defect.type", defect_id, "defect_type_id", unknown="SF_BAD_PARAMS"
            )
        elif code:
            defect = Defect.search(
                [("code", "=", code), ("company_id", "in", (False, ctx.company.id))], limit=1
            )
        else:
            return Defect
        if not defect:
            raise bad("defect_type_id", "unknown_defect")
        return defect

    def api_report(self, ctx, params):
        p = Params(params)
        workorder = self._get_workorder(ctx, p)
        report = workorder._sf_report(
            ctx.employee,
            p.qty("qty_good", required=False),
            p.qty("qty_scrap", required=False),
            self._get_defect_type(ctx, p),
            ctx.now,
            note=p.str("note", required=False, max_len=256),
        )
        return {
            "report": report._sf_get_info(),
            "workorder": workorder._sf_get_status(ctx.employee),
        }

    def api_finish(self, ctx, params):
        """Finish, optionally with a last report in the same call."""
        p = Params(params)
        workorder = self._get_workorder(ctx, p)
        qty_good = p.qty("qty_good", required=False)
        qty_scrap = p.qty("qty_scrap", required=False)
        report = None
        if qty_good or qty_scrap:
            report = workorder._sf_report(
                ctx.employee, qty_good, qty_scrap, self._get_defect_type(ctx, p), ctx.now
            )
        result = workorder._sf_finish(ctx.employee, ctx.now)
        result.update(
            report=report._sf_get_info() if report else None,
            workorder=workorder._sf_get_status(ctx.employee),
        )
        return result
