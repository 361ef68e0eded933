from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .shopfloor_oee_loss_reason import STATE_SELECTION

SOURCE_SELECTION = [
    ("machine", "Machine"),
    ("worker", "Worker"),
    ("odoo", "Odoo Time Log"),
    ("manual", "Manual"),
]


class ShopfloorOeeStateEvent(models.Model):
    _name = "shopfloor.oee.state.event"
    _description = "Machine State Event"
    _order = "date_start desc, id desc"
    _check_company_auto = True

    workcenter_id = fields.Many2one(
        "mrp.workcenter", required=True, index=True, check_company=True, ondelete="cascade"
    )
    equipment_id = fields.Many2one("maintenance.equipment", index="btree_not_null")
    state = fields.Selection(STATE_SELECTION, required=True, default="running")
    reason_id = fields.Many2one("shopfloor.oee.loss.reason", string="Reason", index=True)
    six_big_loss = fields.Selection(related="reason_id.six_big_loss", store=True)
    date_start = fields.Datetime(string="Start", required=True, default=fields.Datetime.now)
    date_end = fields.Datetime(string="End", help="Empty while the state lasts.")
    duration = fields.Float(
        string="Duration (min)",
        compute="_compute_duration",
        store=True,
        help="Minutes; 0 while the state lasts.",
    )
    ongoing = fields.Boolean(compute="_compute_ongoing", search="_search_ongoing")
    source = fields.Selection(SOURCE_SELECTION, required=True, default="manual")
    uid = fields.Char(
        string="Event ID",
        copy=False,
        help="Identifier given by the sender: a second delivery of the same id is ignored.",
    )
    productivity_id = fields.Many2one(
        "mrp.workcenter.productivity", string="Time Log", ondelete="cascade", index="btree_not_null"
    )
    workorder_id = fields.Many2one("mrp.workorder", index="btree_not_null")
    product_id = fields.Many2one("product.product")
    employee_id = fields.Many2one("hr.employee")
    maintenance_request_id = fields.Many2one(
        "maintenance.request", index="btree_not_null", ondelete="set null", copy=False
    )
    note = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("uid_company_uniq", "unique(uid, company_id)", "This event was already received."),
        (
            "dates_check",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A state cannot end before it starts.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_oee_state_event_wc_start_idx "
                "ON shopfloor_oee_state_event (workcenter_id, date_start)"
            )
        )
        # the few states lasting over midnight (or still going on): the KPI recompute
        # matches them to the further days of their shifts, found by their end (the live
        # status reads only those still going on today)
        self.env.cr.execute(SQL("DROP INDEX IF EXISTS shopfloor_oee_state_event_multiday_idx"))
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_oee_state_event_multiday_end_idx "
                "ON shopfloor_oee_state_event "
                "(workcenter_id, (COALESCE(date_end, 'infinity'::timestamp))) "
                "WHERE date_end IS NULL "
                "OR (date_end - interval '1 microsecond')::date > date_start::date"
            )
        )
        # live status: the open states of a work center
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_oee_state_event_open_idx "
                "ON shopfloor_oee_state_event (workcenter_id) WHERE date_end IS NULL"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_oee_state_event_wc_end_idx "
                "ON shopfloor_oee_state_event (workcenter_id, date_end)"
            )
        )

    @api.depends("date_start", "date_end")
    def _compute_duration(self):
        for event in self:
            if event.date_start and event.date_end:
                event.duration = (event.date_end - event.date_start).total_seconds() / 60.0
            else:
                event.duration = 0.0

    def _compute_ongoing(self):
        for event in self:
            event.ongoing = not event.date_end

    def _search_ongoing(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(_("Unsupported search on 'ongoing'."))
        positive = (operator == "=") == bool(value)
        return [("date_end", "=" if positive else "!=", False)]

    @api.depends("workcenter_id", "state", "reason_id", "date_start")
    def _compute_display_name(self):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for event in self:
            name = f"{event.workcenter_id.name or ''}: {labels.get(event.state, '')}"
            if event.reason_id:
                name += f" ({event.reason_id.name})"
            event.display_name = name

    @api.onchange("reason_id")
    def _onchange_reason_id(self):
        if self.reason_id:
            self.state = self.reason_id.state

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("workcenter_id") and "company_id" not in vals:
                wc = self.env["mrp.workcenter"].browse(vals["workcenter_id"])
                vals["company_id"] = wc.company_id.id or self.env.company.id
        events = super().create(vals_list)
        events._open_breakdown_requests()
        return events

    def write(self, vals):
        res = super().write(vals)
        if {"state", "reason_id"} & set(vals):
            self._open_breakdown_requests()
        return res

    # ---------------------------------------------------------------------------------
    # breakdowns -> maintenance
    # ---------------------------------------------------------------------------------
    def _get_equipment(self):
        self.ensure_one()
        return self.equipment_id or self.workcenter_id.oee_equipment_id

    def _prepare_maintenance_request_vals(self):
        self.ensure_one()
        equipment = self._get_equipment()
        vals = {
            "name": _(
                "Breakdown on %(workcenter)s: %(reason)s",
                workcenter=self.workcenter_id.name,
                reason=self.reason_id.name,
            ),
            "maintenance_type": "corrective",
            "priority": self.reason_id.maintenance_priority or "2",
            "schedule_date": self.date_start,
            "company_id": self.company_id.id,
            "description": self.note or False,
        }
        if equipment:
            vals["equipment_id"] = equipment.id
            if equipment.maintenance_team_id:
                vals["maintenance_team_id"] = equipment.maintenance_team_id.id
        if self.workcenter_id.oee_maintenance_team_id:
            vals["maintenance_team_id"] = self.workcenter_id.oee_maintenance_team_id.id
        return vals

    def _open_breakdown_requests(self):
        """A down state with a breakdown reason opens a corrective maintenance request."""
        todo = self.filtered(
            lambda e: (
                e.state == "down" and e.reason_id.is_breakdown and not e.maintenance_request_id
            )
        )
        if not todo:
            return
        for event in todo:
            # sudo: the machine or worker opening it may not read the equipment (maintenance
            # rules); created in the event's company only, then handled by the team
            requests = self.env["maintenance.request"].sudo().with_company(event.company_id)
            request = requests.create(event.sudo()._prepare_maintenance_request_vals())
            event.maintenance_request_id = request.id

    def _end_downtime(self, date):
        """Close the ongoing downtime (the maintenance request was done)."""
        for event in self.filtered(lambda e: not e.date_end):
            event.date_end = max(date, event.date_start)

    # ---------------------------------------------------------------------------------
    # actions
    # ---------------------------------------------------------------------------------
    def action_open_maintenance_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "maintenance.request",
            "res_id": self.maintenance_request_id.id,
            "view_mode": "form",
        }

    def action_end_now(self):
        self._end_downtime(fields.Datetime.now())
        self.env["shopfloor.oee.kpi"]._recompute_range(
            self.workcenter_id, min(self.mapped("date_start")), fields.Datetime.now()
        )
