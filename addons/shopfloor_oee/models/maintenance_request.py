from odoo import api, fields, models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    oee_event_ids = fields.One2many(
        "shopfloor.oee.state.event", "maintenance_request_id", string="Downtime Events"
    )
    oee_workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Down Work Center",
        compute="_compute_oee_downtime",
        compute_sudo=True,
    )
    oee_downtime_start = fields.Datetime(
        string="Down Since", compute="_compute_oee_downtime", compute_sudo=True
    )
    oee_downtime_end = fields.Datetime(
        string="Back Up At", compute="_compute_oee_downtime", compute_sudo=True
    )
    oee_downtime = fields.Float(
        string="Downtime (min)", compute="_compute_oee_downtime", compute_sudo=True
    )
    oee_down_ongoing = fields.Boolean(
        string="Still Down", compute="_compute_oee_downtime", compute_sudo=True
    )

    @api.depends("oee_event_ids.date_start", "oee_event_ids.date_end")
    def _compute_oee_downtime(self):
        now = fields.Datetime.now()
        for request in self:
            events = request.oee_event_ids
            request.oee_workcenter_id = events[:1].workcenter_id
            request.oee_downtime_start = min(events.mapped("date_start"), default=False)
            ongoing = any(not e.date_end for e in events)
            request.oee_down_ongoing = ongoing
            request.oee_downtime_end = (
                False if ongoing else max(events.mapped("date_end"), default=False)
            )
            request.oee_downtime = sum(
                ((e.date_end or now) - e.date_start).total_seconds() / 60.0 for e in events
            )

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            done = self.filtered(lambda r: r.stage_id.done)
            if done:
                now = fields.Datetime.now()
                # sudo: closing the request ends the downtime the machine or worker opened
                events = done.sudo().oee_event_ids.filtered(lambda e: not e.date_end)
                events._end_downtime(now)
                for request in done.sudo().filtered(lambda r: not r.duration):
                    request.duration = request.oee_downtime / 60.0
                for company in events.company_id or self.env.company:
                    company_events = events.filtered(lambda e, c=company: e.company_id == c)
                    if not company_events:
                        continue
                    # sudo: the KPIs are derived data maintenance users cannot write; only
                    # the work centers of the closed requests, in their company, are redone
                    self.env["shopfloor.oee.kpi"].sudo().with_company(company)._recompute_range(
                        company_events.workcenter_id,
                        min(company_events.mapped("date_start")),
                        now,
                        now,
                    )
        return res

    def action_open_oee_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_oee.action_oee_state_event"
        )
        action["domain"] = [("maintenance_request_id", "=", self.id)]
        return action
