import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


class ShopfloorWageStatement(models.Model):
    """Wages of an employee, a team or the whole shop floor for a day or a month.

    draft -> confirmed (by the team leader) -> locked (by accounting). Locking posts the
    journal entry and freezes the lines of the period: later corrections of that work
    become adjustment lines of the next open period.
    """

    _name = "shopfloor.wage.statement"
    _description = "Shop-floor Wage Statement"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    period_type = fields.Selection(
        [("day", "Day"), ("month", "Month"), ("custom", "Custom")],
        string="Period",
        required=True,
        default="month",
    )
    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        tracking=True,
    )
    date_to = fields.Date(
        required=True,
        compute="_compute_date_to",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    team_leader_id = fields.Many2one(
        "hr.employee",
        "Team",
        check_company=True,
        domain=[("shopfloor_role", "=", "leader")],
        help="The leader and the employees they manage. Empty (and no employee): everyone.",
    )
    employee_id = fields.Many2one("hr.employee", check_company=True)
    employee_ids = fields.Many2many(
        "hr.employee",
        "shopfloor_wage_statement_employee_rel",
        "statement_id",
        "employee_id",
        string="Employees",
        readonly=True,
        copy=False,
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("locked", "Locked")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.Many2many(
        "shopfloor.wage.line", compute="_compute_totals", string="Wage Lines"
    )
    line_count = fields.Integer(compute="_compute_totals")
    amount_piece = fields.Monetary("Piecework", compute="_compute_totals")
    amount_hour = fields.Monetary("Time Wages", compute="_compute_totals")
    amount_manual = fields.Monetary("Manual", compute="_compute_totals")
    amount_adjustment = fields.Monetary(
        "Of which Adjustments", compute="_compute_totals", help="Corrections of locked periods."
    )
    amount_total = fields.Monetary("Total", compute="_compute_totals")
    dispute_count = fields.Integer(compute="_compute_totals")
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    locked_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    move_id = fields.Many2one("account.move", "Journal Entry", readonly=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    @api.depends("period_type", "date_from", "team_leader_id", "employee_id")
    def _compute_name(self):
        for st in self:
            who = st.employee_id.name or (
                _("Team %(name)s", name=st.team_leader_id.name)
                if st.team_leader_id
                else _("All employees")
            )
            if st.period_type == "month" and st.date_from:
                period = st.date_from.strftime("%Y-%m")
            else:
                period = fields.Date.to_string(st.date_from) or ""
                if st.date_to and st.date_to != st.date_from:
                    period += " - " + fields.Date.to_string(st.date_to)
            st.name = _("Wages %(period)s %(who)s", period=period, who=who)

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        for st in self:
            if not st.date_from:
                continue
            if st.period_type == "day":
                st.date_to = st.date_from
            elif st.period_type == "month":
                st.date_to = st.date_from.replace(day=1) + relativedelta(months=1, days=-1)
            elif not st.date_to:
                st.date_to = st.date_from

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for st in self:
            if st.date_to < st.date_from:
                raise UserError(_("The period ends before it starts."))

    def _get_line_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("employee_id", "in", self._sf_get_members().ids),
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]

    @api.depends("employee_ids", "date_from", "date_to", "team_leader_id", "employee_id")
    def _compute_totals(self):
        Line = self.env["shopfloor.wage.line"]
        for st in self:
            if not st.date_from or not st.date_to:
                st.line_ids = False
                st.update(
                    dict.fromkeys(
                        ["amount_piece", "amount_hour", "amount_manual", "amount_adjustment"]
                        + ["amount_total", "line_count", "dispute_count"],
                        0,
                    )
                )
                continue
            domain = st._get_line_domain()
            groups = Line._read_group(domain, ["kind", "is_adjustment"], ["amount:sum", "__count"])
            sums = {"piece": 0.0, "hour": 0.0, "manual": 0.0}
            adjustment = 0.0
            count = 0
            for kind, is_adjustment, amount, n in groups:
                sums[kind] += amount
                count += n
                if is_adjustment:
                    adjustment += amount
            st.amount_piece = sums["piece"]
            st.amount_hour = sums["hour"]
            st.amount_manual = sums["manual"]
            st.amount_adjustment = adjustment
            st.amount_total = sum(sums.values())
            st.line_count = count
            st.line_ids = Line.search(domain, limit=1000)
            st.dispute_count = self.env["shopfloor.wage.dispute"].search_count(
                [("line_id", "any", domain), ("state", "=", "open")]
            )

    def _sf_get_members(self):
        """Employees of the statement: frozen once computed, else by its definition."""
        self.ensure_one()
        if self.employee_ids:
            return self.employee_ids
        Employee = self.env["hr.employee"].with_context(active_test=False)
        if self.employee_id:
            return self.employee_id
        if self.team_leader_id:
            return self.team_leader_id | self.team_leader_id.child_ids
        return Employee.search([("company_id", "=", self.company_id.id)])

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def write(self, vals):
        if any(st.state == "locked" for st in self):
            raise UserError(_("A locked wage statement cannot be changed."))
        if set(vals) & {"date_from", "date_to", "employee_id", "team_leader_id", "period_type"}:
            if any(st.state != "draft" for st in self):
                raise UserError(_("Only a draft statement can change its period or employees."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        if any(st.state == "locked" for st in self):
            raise UserError(_("A locked wage statement cannot be deleted."))

    def _check_leader(self):
        if not self.env.user.has_group("shopfloor_mp.group_shopfloor_leader"):
            raise AccessError(_("Only shop-floor leaders can confirm wage statements."))

    def _check_accountant(self):
        user = self.env.user
        if not (
            user.has_group("account.group_account_user")
            or user.has_group("account.group_account_manager")
        ):
            raise AccessError(_("Only accountants can lock wage statements."))

    def action_compute(self):
        """Bring the wage lines of the period up to date (work done in the period, and
        late reports of earlier days entered during it)."""
        for st in self:
            if st.state == "locked":
                raise UserError(_("The statement %(name)s is locked.", name=st.name))
            Line = self.env["shopfloor.wage.line"].sudo()  # wage computation is a system job
            Line._sf_recompute(st.company_id, st.date_from, st.date_to)
            start, end = Line._sf_utc_bounds(st.company_id, st.date_from, st.date_to)
            # sudo: reports of every worker of the period, counted only
            late = (
                self.env["shopfloor.report"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", st.company_id.id),
                        ("write_date", ">=", start),
                        ("write_date", "<", end),
                        ("date", "<", start),
                    ]
                )
            )
            if late:
                Line._sf_recompute(st.company_id, workorders=late.workorder_id)
        self.invalidate_recordset()
        return True

    def action_confirm(self):
        self._check_leader()
        for st in self:
            if st.state != "draft":
                raise UserError(_("Only a draft statement can be confirmed."))
        self.action_compute()
        for st in self:
            st.write(
                {
                    "state": "confirmed",
                    "confirmed_by_id": self.env.user.id,
                    "employee_ids": [Command.set(st._sf_get_members().ids)],
                }
            )
        self._sf_notify_ready()
        return True

    def _sf_notify_ready(self):
        """Tell the members their statement is ready to check: an inbox notice, and a
        WeChat subscribe message (channels taking ``wage_statement``) to those who signed
        in with WeChat and subscribed in the mini-program. No amount is sent."""
        Item = self.env["shopfloor.inbox.item"]
        Channel = self.env["shopfloor.notify.channel"]
        for st in self:
            members = st.employee_ids
            if not members:
                continue
            title = _("Wage statement ready: %(name)s", name=st.name)
            body = _(
                "%(date_from)s to %(date_to)s: check your wages in the app.",
                date_from=st.date_from,
                date_to=st.date_to,
            )
            Item._sf_post(members, title, body=body, record=st, category="wage_statement")
            Channel._sf_post(
                title, body, category="wage_statement", record=st, company=st.company_id,
                recipients=members, personal=True,
            )  # fmt: skip

    def action_reset_draft(self):
        self._check_leader()
        if any(st.state != "confirmed" for st in self):
            raise UserError(_("Only a confirmed statement can go back to draft."))
        self.write({"state": "draft", "employee_ids": [Command.clear()]})
        return True

    def action_lock(self):
        self._check_accountant()
        for st in self:
            if st.state != "confirmed":
                raise UserError(
                    _("Confirm the statement %(name)s before locking it.", name=st.name)
                )
            st._check_no_overlap()
            # what is posted is what the lines are now: no recompute of the company can
            # run until this transaction ends (advisory lock), and the lines are brought
            # up to date under it (one active line per key: a unique index)
            Line = self.env["shopfloor.wage.line"].sudo()  # wage computation is a system job
            Line._sf_lock(st.company_id)
            st.action_compute()
            # sudo: accountants post the journal entry of the wages the leader confirmed
            st.sudo()._sf_post_move()
            st.write({"state": "locked", "locked_by_id": self.env.user.id})
            st.message_post(body=_("Locked: later corrections go to the next period."))
        return True

    def _check_no_overlap(self):
        self.ensure_one()
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                """SELECT s.name FROM shopfloor_wage_statement s
                     JOIN shopfloor_wage_statement_employee_rel rel ON rel.statement_id = s.id
                    WHERE s.state = 'locked' AND s.id != %s AND s.company_id = %s
                      AND rel.employee_id = ANY(%s)
                      AND s.date_from <= %s AND s.date_to >= %s
                    LIMIT 1""",
                self.id,
                self.company_id.id,
                self.employee_ids.ids,
                self.date_to,
                self.date_from,
            )
        )
        if rows:
            raise UserError(
                _(
                    "These wages are already locked by the statement %(name)s.",
                    name=rows[0][0],
                )
            )

    def _sf_prepare_move_vals(self):
        """Debit the wage expense (or WIP) account, credit wages payable per employee."""
        self.ensure_one()
        company = self.company_id
        expense = company.shopfloor_wage_expense_account_id
        payable = company.shopfloor_wage_payable_account_id
        if not expense or not payable:
            raise UserError(
                _("Set the wage expense and wages payable accounts in the Shop Floor settings.")
            )
        journal = company.shopfloor_wage_journal_id or self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        if not journal:
            raise UserError(_("Set a wage journal in the Shop Floor settings."))
        groups = self.env["shopfloor.wage.line"]._read_group(
            self._get_line_domain(), ["employee_id"], ["amount:sum"]
        )
        currency = company.currency_id
        lines = []
        total = 0.0
        for employee, amount in groups:
            amount = currency.round(amount)
            if currency.is_zero(amount):
                continue
            total += amount
            lines.append(
                Command.create(
                    {
                        "name": _("Wages %(name)s", name=employee.name),
                        "account_id": payable.id,
                        "partner_id": employee.work_contact_id.id,
                        "balance": -amount,
                    }
                )
            )
        if currency.is_zero(total) and not lines:
            return None
        lines.insert(
            0,
            Command.create({"name": self.name, "account_id": expense.id, "balance": total}),
        )
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": self.date_to,
            "ref": self.name,
            "company_id": company.id,
            "line_ids": lines,
        }

    def _sf_post_move(self):
        vals = self._sf_prepare_move_vals()
        if not vals:
            return
        move = self.env["account.move"].create(vals)
        move.action_post()
        self.move_id = move

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------
    def action_view_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Wage Lines"),
            "res_model": "shopfloor.wage.line",
            "view_mode": "list,pivot,form",
            "domain": self._get_line_domain(),
            "context": {"search_default_group_employee": 1},
        }

    def action_export_xlsx(self):
        self.ensure_one()
        wizard = self.env["shopfloor.wage.payroll.export"].create({"statement_id": self.id})
        return wizard.action_export()

    @api.model
    def _sf_statement_dates(self, period_type, day):
        if period_type == "day":
            return day, day
        start = day.replace(day=1)
        return start, start + relativedelta(months=1) - datetime.timedelta(days=1)
