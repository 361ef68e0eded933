from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class ShopfloorWageDispute(models.Model):
    """A worker disagrees with a wage line (from the mini-program); a leader resolves
    it: rejected, or accepted with a manual correction line."""

    _name = "shopfloor.wage.dispute"
    _description = "Shop-floor Wage Dispute"
    _inherit = ["mail.thread"]
    _order = "state, create_date desc, id desc"

    line_id = fields.Many2one(
        "shopfloor.wage.line", required=True, index=True, ondelete="restrict", readonly=True
    )
    employee_id = fields.Many2one(related="line_id.employee_id", store=True, index=True)
    team_leader_id = fields.Many2one(related="line_id.team_leader_id", store=True)
    amount = fields.Monetary(related="line_id.amount")
    currency_id = fields.Many2one(related="line_id.currency_id")
    reason = fields.Text(required=True, readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("accepted", "Accepted"), ("rejected", "Rejected")],
        default="open",
        required=True,
        tracking=True,
    )
    correction_amount = fields.Monetary(
        help="Accepted: the amount added to (or, negative, deducted from) the wages."
    )
    resolution = fields.Text(tracking=True)
    resolved_by_id = fields.Many2one("res.users", readonly=True)
    correction_line_id = fields.Many2one("shopfloor.wage.line", readonly=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)

    @api.depends("line_id", "employee_id")
    def _compute_display_name(self):
        for dispute in self:
            dispute.display_name = _(
                "%(employee)s: %(line)s",
                employee=dispute.employee_id.name,
                line=dispute.line_id.display_name,
            )

    def _check_resolver(self):
        if not self.env.user.has_group("shopfloor_mp.group_shopfloor_leader"):
            raise AccessError(_("Only shop-floor leaders resolve wage disputes."))
        if any(d.state != "open" for d in self):
            raise UserError(_("This dispute is already resolved."))

    def action_reject(self):
        self._check_resolver()
        self.write({"state": "rejected", "resolved_by_id": self.env.user.id})
        self._sf_notify_answered()
        return True

    def _sf_notify_answered(self):
        """Tell the worker their dispute is answered: an inbox notice, and a WeChat
        subscribe message (channels taking ``wage_dispute``) when they subscribed."""
        Item = self.env["shopfloor.inbox.item"]
        Channel = self.env["shopfloor.notify.channel"]
        for dispute in self:
            if dispute.state == "accepted":
                title = _("Wage dispute accepted: %(line)s", line=dispute.line_id.display_name)
            else:
                title = _("Wage dispute rejected: %(line)s", line=dispute.line_id.display_name)
            body = dispute.resolution or ""
            key = f"wage_dispute:{dispute.id}"
            Item._sf_post(
                dispute.employee_id, title, body=body, record=dispute, category="wage_dispute",
                key=key,
            )  # fmt: skip
            Channel._sf_post(
                title, body, category="wage_dispute", record=dispute, company=dispute.company_id,
                recipients=dispute.employee_id, key=key, personal=True,
            )  # fmt: skip

    def action_accept(self):
        """Accept: a manual line of ``correction_amount`` in the first open period."""
        self._check_resolver()
        Line = self.env["shopfloor.wage.line"].sudo()  # manual wage line of the resolution
        for dispute in self:
            line = dispute.line_id
            correction = Line.browse()
            if not line.currency_id.is_zero(dispute.correction_amount):
                ranges = Line._sf_get_locked_ranges(line.company_id).get(line.employee_id.id, [])
                date = Line._sf_first_open_day(ranges, line.date)
                correction = Line.create(
                    {
                        "employee_id": line.employee_id.id,
                        "team_leader_id": line.team_leader_id.id,
                        "date": date,
                        "work_date": line.work_date,
                        "workorder_id": line.workorder_id.id,
                        "production_id": line.production_id.id,
                        "kind": "manual",
                        "is_adjustment": date != line.date,
                        "amount": dispute.correction_amount,
                        "note": _("Dispute settled: %(reason)s", reason=dispute.resolution or ""),
                        "company_id": line.company_id.id,
                    }
                )
            dispute.write(
                {
                    "state": "accepted",
                    "resolved_by_id": self.env.user.id,
                    "correction_line_id": correction.id,
                }
            )
        self._sf_notify_answered()
        return True
