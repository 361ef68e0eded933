"""Delivery promises of the finite-capacity planner (issue 12), in their own file.

"When could we deliver ``qty`` more of a product?" The answer queues a new order behind the
current plan and the confirmed orders not planned yet (placed as the planner would), with

- component readiness by Odoo 18's own lead times: the stock rules of the component at the
  warehouse (``stock.rule._get_lead_days``: vendor lead time + purchase security lead time +
  days to purchase for "buy", the BoM's ``produce_delay`` + manufacturing security lead time
  + ``days_to_prepare_mo`` for "manufacture"); without a route, a vendor or a BoM of the
  component gives the same figures; with none of them, a clear "cannot be promised" answer;
- durations from the history of done work orders with the model of tools/duration_model.py
  (setup + quantity x time per unit, quantity-weighted, outliers rejected, the routing as
  the prior when the history is thin).
"""

import math
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from ..tools import duration_model
from ..tools.scheduler.heuristic import list_schedule
from ..tools.scheduler.instance import Instance

_lt = LazyTranslate(__name__)

PROMISE_JOB = "PROMISE"
# a promise needs the work centers' calendars up to its date: not beyond this many days
MAX_PROMISE_DAYS = 730


class ShopfloorPlanner(models.AbstractModel):
    _inherit = "shopfloor.planner"

    # ------------------------------------------------------------------
    # Settings
    # ------------------------------------------------------------------
    @api.model
    def _get_promise_model_settings(self):
        """Parameters of the duration model (``shopfloor_mp.promise_*`` system parameters)."""
        return {
            "percentile": self._get_promise_percentile(),
            # the routing counts as this many done work orders
            "prior_weight": max(0.0, self._get_param("promise_prior_weight", 1.0)),
            # reject per-unit times further than k robust standard deviations (0: keep all)
            "outlier_k": max(0.0, self._get_param("promise_outlier_k", 3.0)),
            # share of the quantity trimmed at both ends (0 to 0.45)
            "trim": min(0.45, max(0.0, self._get_param("promise_trim", 0.0))),
        }

    # ------------------------------------------------------------------
    # Durations
    # ------------------------------------------------------------------
    @api.model
    def _historical_samples(self, operations, product):
        """Per operation: the done work orders as duration samples (qty, minutes), those of
        the same product when there are any, else those of all products."""
        result = {}
        if not operations:
            return result
        done = self.env["mrp.workorder"].search(
            [
                ("operation_id", "in", operations.ids),
                ("state", "=", "done"),
                ("qty_produced", ">", 0),
                ("duration", ">", 0),
            ],
            order="date_finished desc",
            limit=2000,
        )
        samples = {}
        samples_product = {}
        for wo in done:
            sample = duration_model.Sample(wo.qty_produced, wo.duration)
            samples.setdefault(wo.operation_id.id, []).append(sample)
            if wo.product_id == product:
                samples_product.setdefault(wo.operation_id.id, []).append(sample)
        for op in operations:
            result[op.id] = samples_product.get(op.id) or samples.get(op.id) or []
        return result

    @api.model
    def _get_routing_prior(self, operation, product):
        """The routing's setup and minutes per unit of ``operation`` (Odoo's formula:
        setup + cycles x cycle time x 100 / efficiency, a cycle makes ``capacity`` units)."""
        wc = operation.workcenter_id
        setup = wc._get_expected_duration(product)
        per_cycle = operation.time_cycle * 100.0 / (wc.time_efficiency or 100.0)
        capacity = wc._get_capacity(product) or 1.0
        return setup, per_cycle, capacity

    @api.model
    def _get_operation_estimates(self, operations, product, qty):
        """One line per operation: expected and percentile minutes for ``qty``."""
        settings = self._get_promise_model_settings()
        history = self._historical_samples(operations, product)
        lines = []
        for op in operations:
            setup, per_cycle, capacity = self._get_routing_prior(op, product)
            samples = history.get(op.id) or []
            if samples:
                est = duration_model.estimate(
                    samples,
                    setup,
                    per_cycle / capacity,
                    percentile=settings["percentile"],
                    prior_weight=settings["prior_weight"],
                    outlier_k=settings["outlier_k"],
                    trim=settings["trim"],
                )
                mean, high, used = est.expected(qty), est.high(qty), est.used
                source = "history"
            else:
                mean = high = duration_model.routing_minutes(setup, per_cycle, qty, capacity)
                used = 0
                source = "routing"
            lines.append(
                {
                    "operation": op,
                    "name": op.name,
                    "workcenter": op.workcenter_id.display_name,
                    "samples": len(samples),
                    "samples_used": used,
                    "source": source,
                    "minutes_mean": round(mean, 1),
                    "minutes_percentile": round(max(mean, high), 1),
                }
            )
        return lines

    # ------------------------------------------------------------------
    # Components
    # ------------------------------------------------------------------
    @api.model
    def _get_purchase_extra_days(self, company):
        """Purchase security lead time and days to purchase of ``company`` (0 without the
        purchase apps)."""
        days = 0.0
        for fname in ("po_lead", "days_to_purchase"):
            if fname in company._fields:
                days += company[fname] or 0.0
        return days

    @api.model
    def _get_component_lead_days(self, component, warehouse):
        """Days to get more of ``component`` by Odoo's rules, or ``None`` when there is no
        way to get it (no route with a vendor or a BoM, no vendor, no BoM)."""
        company = warehouse.company_id or self.env.company
        rules = self.env["stock.rule"]
        if warehouse.lot_stock_id:
            try:
                rules = component._get_rules_from_location(warehouse.lot_stock_id)
            except UserError:
                rules = self.env["stock.rule"]  # a looping route: no way to get it
        actions = set(rules.mapped("action"))
        seller = component.with_company(company)._select_seller(quantity=None)
        bom = self.env["mrp.bom"]._bom_find(component, company_id=company.id, bom_type="normal")[
            component
        ]
        if "buy" in actions:
            if not seller:
                return None  # Odoo could not create the purchase order either
            delays, _desc = rules.with_context(bypass_delay_description=True)._get_lead_days(
                component
            )
            return delays["total_delay"]
        if "manufacture" in actions:
            if not bom:
                return None
            delays, _desc = rules.with_context(bypass_delay_description=True)._get_lead_days(
                component, bom=bom
            )
            return delays["total_delay"]
        # no replenishment route: what Odoo's replenishment would propose (a vendor, else the
        # BoM), with the same lead times as the rules
        if seller:
            return seller[:1].delay + self._get_purchase_extra_days(company)
        if bom:
            return bom.produce_delay + bom.days_to_prepare_mo + (company.manufacturing_lead or 0)
        return None

    @api.model
    def _get_components_readiness(self, bom, product, qty, origin):
        """``(ready datetime, missing names, no-supply names)`` for ``qty`` of ``product``."""
        warehouse = bom.picking_type_id.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        bom_qty = bom.product_uom_id._compute_quantity(bom.product_qty, product.uom_id) or 1.0
        ready = origin
        missing = []
        no_supply = []
        for line in bom.bom_line_ids:
            if line._skip_bom_line(product):
                continue
            component = line.product_id
            needed = line.product_uom_id._compute_quantity(
                line.product_qty * qty / bom_qty, component.uom_id
            )
            if component.with_context(warehouse_id=warehouse.id).free_qty >= needed:
                continue
            missing.append(component.display_name)
            days = self._get_component_lead_days(component, warehouse)
            if days is None:
                no_supply.append(component.display_name)
            else:
                ready = max(ready, origin + timedelta(days=days))
        return ready, missing, no_supply

    # ------------------------------------------------------------------
    # The promise
    # ------------------------------------------------------------------
    @api.model
    def _get_unplanned_productions(self):
        """Confirmed orders with work orders not planned yet: the planner would place them
        before a new order."""
        return self._get_open_productions().filtered(
            lambda mo: any(
                not wo.date_start and wo.state in ("pending", "waiting", "ready")
                for wo in mo.workorder_ids
            )
        )

    @api.model
    def _queue_promise(self, lines, key, origin, release, extra_days):
        """End of the new order queued behind the plan and the unplanned orders (minutes
        of the line's ``key`` per operation)."""
        extra = {
            "id": PROMISE_JOB,
            "release": release,
            "ops": [
                {
                    "id": f"P{i}",
                    "modes": [
                        {
                            "workcenter": ln["operation"].workcenter_id,
                            "duration": int(math.ceil(ln[key])),
                        }
                    ],
                }
                for i, ln in enumerate(lines)
            ],
        }
        unplanned = self._get_unplanned_productions()
        # planned work orders are pinned; the unplanned orders are placed first (earliest
        # deadline first, as the dispatching rules of the planner), then the new order
        data = self._prepare_problem(
            unplanned, origin, extra_jobs=[extra], pin_all=True, horizon_extra_days=extra_days
        )
        inst = Instance(data["problem"])
        big = float("inf")
        keys = []
        for pos, i in enumerate(inst.order):
            job = inst.jobs[inst.job_of[i]]
            if job.id == PROMISE_JOB:
                keys.append((i, (1, pos)))
            else:
                keys.append((i, (0, job.due if job.due is not None else big, pos)))
        by_op = [None] * len(inst.ops)
        for i, k in keys:
            by_op[i] = k
        schedule = list_schedule(inst, by_op)
        return self._to_dt(origin, schedule.jobs[PROMISE_JOB].end)

    @api.model
    def _get_delivery_promise(self, product, qty):
        """When could we deliver ``qty`` more of ``product``? A JSON-friendly dict.

        ``date_expected`` uses the expected durations, ``date_promise`` the
        ``shopfloor_mp.promise_percentile`` percentile (default 80), never earlier. When a
        short component cannot be supplied, both dates are empty, ``no_supply_components``
        names it and ``message`` says so.
        """
        product = (
            product
            if isinstance(product, models.BaseModel)
            else self.env["product.product"].browse(product)
        )
        product.ensure_one()
        if qty <= 0:
            raise UserError(_("The quantity must be positive."))
        bom = self.env["mrp.bom"]._bom_find(
            product, company_id=self.env.company.id, bom_type="normal"
        )[product]
        if not bom:
            raise ShopfloorError(
                "SF_PLAN_NO_PROMISE",
                _lt("There is no bill of materials to manufacture %(product)s."),
                product=product.display_name,
            )
        operations = bom.operation_ids.filtered(lambda o: not o._skip_operation_line(product))
        lines = self._get_operation_estimates(operations, product, qty)
        origin = self._origin()
        ready_dt, missing, no_supply = self._get_components_readiness(bom, product, qty, origin)
        result = {
            "product_id": product.id,
            "product": product.display_name,
            "qty": qty,
            "percentile": self._get_promise_percentile(),
            "components_ready": fields.Datetime.to_string(ready_dt),
            "missing_components": missing,
            "no_supply_components": no_supply,
            "date_expected": None,
            "date_promise": None,
            "message": "",
            "operations": [{k: v for k, v in ln.items() if k != "operation"} for ln in lines],
        }
        if no_supply:
            result["components_ready"] = None
            result["message"] = _(
                "%(product)s cannot be promised: no way to get %(components)s (no vendor, "
                "no bill of materials, no replenishment route).",
                product=product.display_name,
                components=", ".join(no_supply),
            )
            return result
        if lines:
            release = max(0, self._to_min(origin, ready_dt, up=True))
            # the calendars must cover the wait for components and the new order's work
            # (at least 8 working hours in 2 calendar days)
            work = sum(ln["minutes_percentile"] for ln in lines)
            extra_days = math.ceil((ready_dt - origin).total_seconds() / 86400.0 + work / 240.0)
            if extra_days > MAX_PROMISE_DAYS:
                raise ShopfloorError(
                    "SF_PLAN_NO_PROMISE",
                    _lt(
                        "%(qty)s x %(product)s is too far out to promise (more than %(days)s "
                        "days of work and waiting): split the quantity or ask the planner."
                    ),
                    qty=qty,
                    product=product.display_name,
                    days=MAX_PROMISE_DAYS,
                )
            expected = self._queue_promise(lines, "minutes_mean", origin, release, extra_days)
            promise = self._queue_promise(lines, "minutes_percentile", origin, release, extra_days)
        else:
            expected = promise = ready_dt
        result["date_expected"] = fields.Datetime.to_string(expected)
        result["date_promise"] = fields.Datetime.to_string(max(expected, promise))
        return result

    # ------------------------------------------------------------------
    # Orders in the plan
    # ------------------------------------------------------------------
    @api.model
    def _get_production_promise(self, production):
        """Expected finish of one MO from its work orders' current planned dates
        (JSON-friendly). An order not (or not completely) in the plan says so."""
        production.ensure_one()
        finish = production.shopfloor_expected_finish
        if production.state == "done":
            status, message = "done", _("This order is done.")
        elif production.state == "cancel":
            status, message = "cancel", _("This order is cancelled.")
        elif production.shopfloor_in_plan:
            status, message = "planned", ""
        elif production.state == "draft":
            status = "not_planned"
            message = _("This order is a draft: it is not in the plan (confirm it, then plan it).")
        else:
            status = "not_planned"
            message = _(
                "This order is not in the plan yet: some of its work orders are not planned."
            )
        return {
            "production_id": production.id,
            "name": production.name,
            "product": production.product_id.display_name,
            "qty": production.product_qty,
            "state": production.state,
            "plan_status": status,
            "in_plan": status in ("planned", "done"),
            "message": message,
            "deadline": fields.Datetime.to_string(production.date_deadline)
            if production.date_deadline
            else None,
            "expected_finish": fields.Datetime.to_string(finish) if finish else None,
            "late_hours": production.shopfloor_late_hours,
            "urgent": production.shopfloor_urgent,
        }

    @api.model
    def _get_sale_line_promises(self, sale_lines):
        """Expected finish per sale order line from the plan, when sale_mrp is installed
        (no dependency on sale: ``{}`` otherwise). A line's MOs are those created for it
        (``sale_line_id``) or feeding its delivery moves (make-to-order chains)."""
        MO = self.env["mrp.production"]
        if not sale_lines or "sale_line_id" not in MO._fields:
            return {}
        domain = [("sale_line_id", "in", sale_lines.ids)]
        if "sale_line_id" in self.env["stock.move"]._fields:
            domain = ["|", *domain, ("move_dest_ids.sale_line_id", "in", sale_lines.ids)]
        productions = MO.search(domain + [("state", "!=", "cancel")])
        result = {}
        for line in sale_lines:
            mos = productions.filtered(
                lambda m, line=line: (
                    m.sale_line_id == line or line in m.move_dest_ids.mapped("sale_line_id")
                )
            )
            finishes = mos.mapped("shopfloor_expected_finish")
            known = [f for f in finishes if f]
            result[line.id] = {
                "productions": [self._get_production_promise(mo) for mo in mos],
                "expected_finish": fields.Datetime.to_string(max(known))
                if known and len(known) == len(mos)
                else None,
                "late": any(mos.mapped("shopfloor_is_late")),
            }
        return result
