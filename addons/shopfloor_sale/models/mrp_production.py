from odoo import _, api, fields, models
from odoo.addons.shopfloor_mp.tools.api import dt

# andon's open states, read by name: no dependency on shopfloor_andon
ANDON_OPEN_STATES = ("raised", "acknowledged", "onsite")


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    def _get_shopfloor_progress(self, public=False):
        """Adds the promised date and whether the order is late, with its reasons."""
        progress = super()._get_shopfloor_progress(public=public)
        promised = self._get_shopfloor_promised_date()
        reasons = self._get_shopfloor_delay_reasons(progress.get("expected_finish"), promised)
        late = any(r["late"] for r in reasons)
        if public:
            # a customer sees the kind of reason, never its internal details
            reasons = [{"code": r["code"], "label": r["label"]} for r in reasons]
        progress.update(
            promised_date=dt(promised),
            late=late,
            at_risk=bool(reasons) and not late,
            delay_reasons=reasons,
        )
        return progress

    @api.model
    def _get_shopfloor_progress_public_keys(self):
        mo_keys, op_keys = super()._get_shopfloor_progress_public_keys()
        return mo_keys | {"promised_date", "late", "at_risk", "delay_reasons"}, op_keys

    def _get_shopfloor_sale_orders(self):
        """The sale orders this order is made for: sale_mrp's links (the line it was
        created for, the procurement chain) and an order named in its source document."""
        self.ensure_one()
        # sudo: which sale orders an MO serves (the caller decided who may see the MO)
        mo = self.sudo()
        orders = mo.sale_line_id.order_id | mo.procurement_group_id.sale_id
        orders |= mo.move_dest_ids.group_id.sale_id
        if mo.origin:
            orders |= mo.env["sale.order"].search(
                [("name", "=", mo.origin), ("company_id", "=", mo.company_id.id)], limit=1
            )
        return orders

    def _get_shopfloor_promised_date(self):
        """Override point: the date promised to the customer for this order: the
        commitment date of its sale order (the earliest of several), else its deadline."""
        self.ensure_one()
        commitments = [d for d in self._get_shopfloor_sale_orders().mapped("commitment_date") if d]
        return min(commitments) if commitments else self.date_deadline

    def _get_shopfloor_delay_reasons(self, expected_finish, promised):
        """Override point: why this order is late or at risk, as a list of
        ``{"code", "label", "late", "detail"}``: ``late`` reasons make the order late,
        the others (an open exception) put it at risk. ``detail`` is internal (never shown
        to a customer). ``expected_finish`` is the progress' (UTC string) or None."""
        self.ensure_one()
        reasons = []
        if self.state in ("done", "cancel"):
            return reasons
        now = fields.Datetime.now()
        finish = fields.Datetime.to_datetime(expected_finish) if expected_finish else None
        if promised and promised < now:
            reasons.append(
                {
                    "code": "overdue",
                    "label": _("The promised date has passed"),
                    "late": True,
                    "detail": "",
                }
            )
        elif promised and finish and finish > promised:
            hours = (finish - promised).total_seconds() / 3600.0
            reasons.append(
                {
                    "code": "late_in_plan",
                    "label": _("Expected to finish after the promised date"),
                    "late": True,
                    "detail": _("%(hours).1f h late in the plan", hours=hours),
                }
            )
        reasons.extend(self._get_shopfloor_open_issues())
        return reasons

    def _get_shopfloor_open_issues(self):
        """Override point: open shop-floor exceptions holding this order up. Reads the
        andon's exceptions when shopfloor_andon is installed (no dependency on it): those
        raised on the order, on one of its operations, or on the work center of an
        operation running or ready to start (a machine it waits for)."""
        self.ensure_one()
        if "shopfloor.andon.exception" not in self.env:
            return []
        # sudo: only which exceptions are open on this order's machines, for its progress
        current = self.sudo().workorder_ids.filtered(lambda w: w.state in ("ready", "progress"))
        domain = [
            ("state", "in", ANDON_OPEN_STATES),
            "|",
            "|",
            ("production_id", "=", self.id),
            ("workorder_id", "in", self.sudo().workorder_ids.ids),
            "&",
            ("production_id", "=", False),
            ("workcenter_id", "in", current.workcenter_id.ids),
        ]
        exceptions = self.env["shopfloor.andon.exception"].sudo().search(domain, limit=20)
        label = _("A production issue is being handled")
        return [
            {
                "code": "exception",
                "label": label,
                "late": False,
                # internal: the exception's reference, type and machine (not its notes)
                "detail": f"{exc.name} {exc.type_id.name} ({exc.workcenter_id.name})",
            }
            for exc in exceptions
        ]
