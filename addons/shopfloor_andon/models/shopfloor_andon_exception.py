import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..errors import bad_state
from ..tools import andon

STATES = [
    ("raised", "Raised"),
    ("acknowledged", "Acknowledged"),
    ("onsite", "On Site"),
    ("resolved", "Resolved"),
    ("verified", "Verified"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]
OPEN_STATES = ("raised", "acknowledged", "onsite")
# action: (states it may start from, state it leads to)
TRANSITIONS = {
    "ack": (("raised",), "acknowledged"),
    "onsite": (("raised", "acknowledged"), "onsite"),
    "resolve": (("acknowledged", "onsite"), "resolved"),
    "verify": (("resolved",), "verified"),
    "close": (("verified",), "closed"),
    "cancel": (OPEN_STATES + ("resolved",), "cancel"),
    "reopen": (("resolved",), "acknowledged"),
}


class ShopfloorAndonException(models.Model):
    """An exception on the shop floor and its closed loop:

    raised -> acknowledged -> on site (the responder scans the machine's QR) -> resolved
    -> verified (by the raiser or a leader) -> closed, each step logged with who and when;
    escalated by the cron while not resolved. An equipment exception puts the work center
    down (an OEE state event) and opens a maintenance request; closing the request
    resolves the exception.
    """

    _name = "shopfloor.andon.exception"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Andon Exception"
    _order = "raised_at desc, id desc"
    _check_company_auto = True

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default="/")
    type_id = fields.Many2one(
        "shopfloor.andon.type", required=True, index=True, check_company=True, tracking=True
    )
    category = fields.Selection(related="type_id.category", store=True, index=True)
    team_id = fields.Many2one("shopfloor.andon.team", index=True, check_company=True)
    state = fields.Selection(STATES, required=True, default="raised", index=True, tracking=True)
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    workcenter_id = fields.Many2one("mrp.workcenter", required=True, index=True, check_company=True)
    workorder_id = fields.Many2one("mrp.workorder", index="btree_not_null", check_company=True)
    production_id = fields.Many2one("mrp.production", index="btree_not_null", check_company=True)
    equipment_id = fields.Many2one("maintenance.equipment", index="btree_not_null")
    note = fields.Text()
    photo = fields.Image(max_width=1920, max_height=1920, attachment=True)
    raised_at = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    raised_by_employee_id = fields.Many2one("hr.employee", string="Raised By")
    raised_by_user_id = fields.Many2one("res.users", string="Raised By (User)")
    acknowledged_at = fields.Datetime(readonly=True)
    acknowledged_by_id = fields.Many2one("hr.employee", readonly=True)
    onsite_at = fields.Datetime("On Site At", readonly=True)
    onsite_by_id = fields.Many2one("hr.employee", "On Site By", readonly=True)
    resolved_at = fields.Datetime(readonly=True)
    resolved_by_id = fields.Many2one("hr.employee", readonly=True)
    resolution = fields.Text()
    cause_id = fields.Many2one("shopfloor.andon.cause", string="Cause", index=True)
    verified_at = fields.Datetime(readonly=True)
    verified_by_id = fields.Many2one("hr.employee", readonly=True)
    closed_at = fields.Datetime(readonly=True)
    closed_by_id = fields.Many2one("hr.employee", readonly=True)
    level = fields.Integer("Escalation Level", readonly=True, default=0)
    escalated_at = fields.Datetime(readonly=True)
    next_escalation_at = fields.Datetime(readonly=True, index=True)
    ack_minutes = fields.Float(
        "Time to Acknowledge (min)",
        readonly=True,
        aggregator="avg",
        help="Empty until acknowledged: averages count only the exceptions that were.",
    )
    resolve_minutes = fields.Float(
        "Time to Resolve (min)", readonly=True, aggregator="avg", help="Empty until resolved."
    )
    is_repeat = fields.Boolean(
        "Repeat", readonly=True, help="The same type on the same machine within the window."
    )
    repeat_of_id = fields.Many2one("shopfloor.andon.exception", readonly=True)
    oee_event_id = fields.Many2one("shopfloor.oee.state.event", "Down State", readonly=True)
    maintenance_request_id = fields.Many2one(
        "maintenance.request", index="btree_not_null", readonly=True, ondelete="set null"
    )
    log_ids = fields.One2many("shopfloor.andon.log", "exception_id", string="Log")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    def init(self):
        # one open exception per type and machine: a second tap answers the first one
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_andon_exception_open_idx ON "
                "shopfloor_andon_exception (workcenter_id, type_id) "
                "WHERE state IN ('raised', 'acknowledged', 'onsite')"
            )
        )

    @api.depends("name", "type_id", "workcenter_id")
    def _compute_display_name(self):
        for exc in self:
            exc.display_name = (
                f"{exc.name} {exc.type_id.name or ''} @ {exc.workcenter_id.name or ''}"
            )

    # ------------------------------------------------------------------------------
    # raise
    # ------------------------------------------------------------------------------
    @api.model
    def _sf_raise(self, vals, employee=None, user=None, now=None):
        """Raise an exception (or answer the open one of the same type on the same
        machine): ``(record, duplicate)``."""
        now = now or fields.Datetime.now()
        atype = self.env["shopfloor.andon.type"].browse(vals["type_id"])
        workcenter = self.env["mrp.workcenter"].browse(vals["workcenter_id"])
        if not vals.get("equipment_id") and workcenter.oee_equipment_id:
            vals = dict(vals, equipment_id=workcenter.oee_equipment_id.id)
        domain = self._sf_get_duplicate_domain(vals)
        # serialise raises on one work center: two taps of two workers make one exception
        self.env.cr.execute(
            SQL("SELECT id FROM mrp_workcenter WHERE id = %s FOR UPDATE", vals["workcenter_id"])
        )
        existing = self.search(domain, limit=1)
        if existing:
            existing._sf_log(
                "raise", existing.state, employee, user, now, note=self.env._("Raised again")
            )
            return existing, True
        vals = dict(
            vals,
            raised_at=now,
            raised_by_employee_id=employee.id if employee else False,
            raised_by_user_id=user.id if user else False,
            team_id=atype.team_id.id,
            company_id=workcenter.company_id.id or self.env.company.id,
        )
        exc = self.with_context(mail_create_nolog=True, tracking_disable=True).create(vals)
        exc._sf_log("raise", False, employee, user, now, to_state="raised")
        exc._sf_flag_repeat()
        exc._sf_put_down(now)
        exc.next_escalation_at = andon.next_escalation_at(now, 0, atype._get_level_minutes())
        exc._sf_notify_level(0)
        return exc, False

    @api.model
    def _sf_get_duplicate_domain(self, vals):
        """The open exception a raise with ``vals`` answers instead of opening a second
        one: the same type on the same machine (override point: bridges narrow it)."""
        domain = [
            ("type_id", "=", vals["type_id"]),
            ("workcenter_id", "=", vals["workcenter_id"]),
            ("state", "in", OPEN_STATES),
        ]
        if vals.get("equipment_id"):
            domain.append(("equipment_id", "=", vals["equipment_id"]))
        return domain

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("shopfloor.andon.exception") or "/"
                )  # sudo: numbering only
        return super().create(vals_list)

    def _sf_flag_repeat(self):
        days = int(
            self.env["ir.config_parameter"].sudo().get_param("shopfloor_andon.repeat_days", 7)
        )
        for exc in self:
            domain = [
                ("id", "!=", exc.id),
                ("type_id", "=", exc.type_id.id),
                ("state", "!=", "cancel"),
                ("raised_at", ">=", exc.raised_at - datetime.timedelta(days=days)),
                ("raised_at", "<=", exc.raised_at),
            ]
            if exc.equipment_id:
                domain.append(("equipment_id", "=", exc.equipment_id.id))
            else:
                domain.append(("workcenter_id", "=", exc.workcenter_id.id))
            previous = self.search(domain, order="raised_at desc", limit=1)
            if previous:
                exc.write({"is_repeat": True, "repeat_of_id": previous.id})

    def _sf_put_down(self, now):
        """Equipment exceptions: the work center is down (OEE) until resolved; a breakdown
        reason opens the maintenance request (shopfloor_oee's mechanism)."""
        for exc in self.filtered(lambda e: e.type_id.puts_down):
            reason = exc.type_id.loss_reason_id or self.env.ref(
                "shopfloor_oee.loss_reason_breakdown", raise_if_not_found=False
            )
            # sudo: the raiser writes the machine timeline they have no right to edit
            event = (
                self.env["shopfloor.oee.state.event"]
                .sudo()
                .create(
                    {
                        "workcenter_id": exc.workcenter_id.id,
                        "equipment_id": exc.equipment_id.id or False,
                        "state": "down",
                        "reason_id": reason.id if reason else False,
                        "date_start": now,
                        "source": "worker",
                        "employee_id": exc.raised_by_employee_id.id or False,
                        "workorder_id": exc.workorder_id.id or False,
                        "note": f"{exc.name}: {exc.note or exc.type_id.name}"[:250],
                        "company_id": exc.company_id.id,
                    }
                )
            )
            exc.write(
                {
                    "oee_event_id": event.id,
                    "maintenance_request_id": event.maintenance_request_id.id or False,
                }
            )

    def _sf_end_down(self, now):
        for exc in self.filtered(lambda e: e.oee_event_id and not e.oee_event_id.date_end):
            event = exc.oee_event_id.sudo()  # sudo: the machine is back up (see above)
            event._end_downtime(now)
            self.env["shopfloor.oee.kpi"].sudo()._recompute_range(
                exc.workcenter_id, event.date_start, now, now
            )

    # ------------------------------------------------------------------------------
    # the loop
    # ------------------------------------------------------------------------------
    def _sf_lock(self):
        """Lock the row and re-read it: two responders tapping at once are serialised,
        the second one sees the state the first one left."""
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM shopfloor_andon_exception WHERE id IN %s FOR UPDATE",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()

    def _sf_transition(self, action, employee=None, user=None, now=None, note=None, **vals):
        """Apply ``action``; raises a ShopfloorError SF_ANDON_BAD_STATE when the exception
        is not in a state the action starts from."""
        self.ensure_one()
        self._sf_lock()
        now = now or fields.Datetime.now()
        sources, target = TRANSITIONS[action]
        if self.state not in sources:
            raise bad_state(self.state, action)
        before = self.state
        emp_id = employee.id if employee else False
        if action in ("ack", "onsite", "resolve") and not self.acknowledged_at:
            vals.update(acknowledged_at=now, acknowledged_by_id=emp_id)
            vals["ack_minutes"] = max(0.0, (now - self.raised_at).total_seconds() / 60.0)
        if action == "onsite":
            vals.update(onsite_at=now, onsite_by_id=emp_id)
        elif action == "resolve":
            vals.update(resolved_at=now, resolved_by_id=emp_id, next_escalation_at=False)
            vals["resolve_minutes"] = max(0.0, (now - self.raised_at).total_seconds() / 60.0)
            if note:
                vals["resolution"] = note
        elif action == "verify":
            vals.update(verified_at=now, verified_by_id=emp_id)
        elif action == "close":
            vals.update(closed_at=now, closed_by_id=emp_id, next_escalation_at=False)
        elif action == "cancel":
            vals.update(next_escalation_at=False)
        elif action == "reopen":
            vals.update(resolved_at=False, resolve_minutes=False, resolved_by_id=False)
        vals["state"] = target
        self.write(vals)
        self._sf_log(action, before, employee, user, now, note=note, to_state=target)
        self._sf_after_transition(action, employee, now)
        return self

    def _sf_after_transition(self, action, employee, now):
        Item = self.env["shopfloor.inbox.item"]
        if action == "ack" and self.raised_by_employee_id:
            Item._sf_post(
                self.raised_by_employee_id,
                _("%(ref)s acknowledged by %(name)s", ref=self.name, name=employee.name or "-"),
                kind="notice",
                record=self,
                category="andon",
                key=f"andon:{self.id}:ack",
            )
        if action in ("resolve", "cancel"):
            self._sf_end_down(now)
            self._sf_done_items(exclude_suffix=("verify",))
        if action == "resolve" and self.raised_by_employee_id:
            Item._sf_post(
                self.raised_by_employee_id,
                _(
                    "Verify %(ref)s: %(type)s on %(wc)s is resolved",
                    ref=self.name,
                    type=self.type_id.name,
                    wc=self.workcenter_id.name,
                ),  # fmt: skip
                body=self.resolution or "",
                kind="todo",
                record=self,
                category="andon",
                key=f"andon:{self.id}:verify",
            )
        if action in ("verify", "close", "cancel"):
            self._sf_done_items()
        if action == "resolve" and self.maintenance_request_id:
            self.maintenance_request_id.sudo().message_post(  # sudo: a note for maintenance
                body=_("Exception %(ref)s resolved on the shop floor.", ref=self.name)
            )

    def _sf_done_items(self, exclude_suffix=()):
        # sudo: the exception's own to-dos, whoever they were posted to
        items = (
            self.env["shopfloor.inbox.item"]
            .sudo()
            .search([("key", "=like", f"andon:{self.id}:%"), ("state", "!=", "done")])
        )
        items = items.filtered(lambda i: i.key.rsplit(":", 1)[-1] not in exclude_suffix)
        items._sf_mark_done()

    def _sf_log(self, action, before, employee, user, now, note=None, to_state=None, level=None):
        self.env["shopfloor.andon.log"].sudo().create(  # sudo: the log is append-only
            {
                "exception_id": self.id,
                "action": action,
                "state_from": before or False,
                "state_to": to_state or self.state,
                "level": self.level if level is None else level,
                "date": now,
                "employee_id": employee.id if employee else False,
                "user_id": user.id if user else False,
                "note": (note or "")[:250] or False,
            }
        )

    # ------------------------------------------------------------------------------
    # notifications and escalation
    # ------------------------------------------------------------------------------
    def _sf_get_level_recipients(self, level):
        self.ensure_one()
        if level == 0:
            team = self.team_id
            return (team.member_ids | team.leader_id).filtered("active")
        return self.type_id._get_level(level).employee_ids.filtered("active")

    def _sf_notify_level(self, level):
        """To-dos for the people of ``level`` (0: the team), and the channels' message."""
        self.ensure_one()
        recipients = self._sf_get_level_recipients(level)
        if level:
            title = _(
                "Escalated (%(level)s) %(ref)s: %(type)s on %(wc)s",
                level=self.type_id._get_level(level).name,
                ref=self.name,
                type=self.type_id.name,
                wc=self.workcenter_id.name,
            )
        else:
            title = _(
                "%(ref)s %(type)s on %(wc)s", ref=self.name, type=self.type_id.name,
                wc=self.workcenter_id.name,
            )  # fmt: skip
        body = self.note or ""
        key = f"andon:{self.id}:{level}"
        self.env["shopfloor.inbox.item"]._sf_post(
            recipients, title, body=body, kind="todo", record=self, category="andon", key=key,
            priority="1" if level or self.type_id.category == "safety" else "0",
        )  # fmt: skip
        self.env["shopfloor.notify.channel"]._sf_post(
            title, body, category="andon", record=self, company=self.company_id,
            recipients=recipients, key=key,
        )  # fmt: skip

    @api.model
    def _cron_escalate(self, now=None):
        """Escalate every open exception past its level's time (``now``: the tests' clock)."""
        now = now or fields.Datetime.now()
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM shopfloor_andon_exception WHERE state IN %s"
                " AND next_escalation_at <= %s ORDER BY next_escalation_at"
                " FOR UPDATE SKIP LOCKED",
                OPEN_STATES,
                now,
            )
        )
        todo = self.browse([row[0] for row in self.env.cr.fetchall()])
        for exc in todo:
            minutes = exc.type_id._get_level_minutes()
            target = andon.escalation_level(exc.raised_at, now, minutes)
            for level in range(exc.level + 1, target + 1):
                exc.write({"level": level, "escalated_at": now})
                exc._sf_log("escalate", exc.state, None, None, now, level=level)
                exc._sf_notify_level(level)
            exc.next_escalation_at = andon.next_escalation_at(exc.raised_at, target, minutes)
        return todo

    # ------------------------------------------------------------------------------
    # rights of the loop's people
    # ------------------------------------------------------------------------------
    def _sf_is_responder(self, employee):
        self.ensure_one()
        if not employee:
            return False
        people = self.team_id.member_ids | self.team_id.leader_id
        people |= self.type_id.level_ids.employee_ids
        return employee in people or self._sf_is_leader(employee)

    def _sf_is_leader(self, employee):
        """A shop-floor leader of the work center, the team leader or an escalation level."""
        self.ensure_one()
        if not employee:
            return False
        if employee in (self.team_id.leader_id | self.type_id.level_ids.employee_ids):
            return True
        if employee.sudo().shopfloor_role == "leader":
            allowed = self.env["shopfloor.api.workorder"]._get_allowed_workcenters(employee)
            return self.workcenter_id in allowed
        return False

    def _sf_may_verify(self, employee):
        self.ensure_one()
        return bool(employee) and (
            employee == self.raised_by_employee_id or self._sf_is_leader(employee)
        )

    # ------------------------------------------------------------------------------
    # backend buttons (a user acts as their employee)
    # ------------------------------------------------------------------------------
    def _sf_backend_action(self, action, **kw):
        employee = self.env.user.employee_id
        for exc in self:
            try:
                exc._sf_transition(action, employee=employee, user=self.env.user, **kw)
            except UserError as err:
                raise UserError(str(err)) from err
        return True

    def action_acknowledge(self):
        return self._sf_backend_action("ack")

    def action_onsite(self):
        return self._sf_backend_action("onsite")

    def action_resolve(self):
        return self._sf_backend_action("resolve")

    def action_verify(self):
        return self._sf_backend_action("verify")

    def action_close(self):
        return self._sf_backend_action("close")

    def action_cancel(self):
        return self._sf_backend_action("cancel")

    def action_reopen(self):
        return self._sf_backend_action("reopen")

    # ------------------------------------------------------------------------------
    # JSON
    # ------------------------------------------------------------------------------
    def _sf_get_info(self, with_log=False):
        def dt(value):
            return fields.Datetime.to_string(value) if value else None

        result = []
        for exc in self:
            info = {
                "id": exc.id,
                "name": exc.name,
                "type": {"id": exc.type_id.id, "name": exc.type_id.name},
                "category": exc.category,
                "state": exc.state,
                "level": exc.level,
                "workcenter": {"id": exc.workcenter_id.id, "name": exc.workcenter_id.name},
                "workorder_id": exc.workorder_id.id or None,
                # sudo: the machine's name only (maintenance rules hide others' equipment)
                "equipment": exc.equipment_id.sudo().name or None,
                "note": exc.note or "",
                "raised_at": dt(exc.raised_at),
                "raised_by": exc.raised_by_employee_id.name or None,
                "acknowledged_at": dt(exc.acknowledged_at),
                "onsite_at": dt(exc.onsite_at),
                "resolved_at": dt(exc.resolved_at),
                "verified_at": dt(exc.verified_at),
                "closed_at": dt(exc.closed_at),
                "is_repeat": exc.is_repeat,
                "machine_down": bool(exc.oee_event_id and not exc.oee_event_id.date_end),
                "maintenance_request_id": exc.maintenance_request_id.id or None,
            }
            if with_log:
                info["log"] = [
                    {
                        "action": log.action,
                        "state": log.state_to,
                        "date": dt(log.date),
                        "by": log.employee_id.name or log.user_id.name or None,
                        "level": log.level,
                    }
                    for log in exc.log_ids
                ]
            result.append(info)
        return result
