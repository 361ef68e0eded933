from odoo import api, models


class MrpWorkcenterProductivity(models.Model):
    """Odoo's work-order time logs (and the shop floor's pauses) feed the state timeline."""

    _inherit = "mrp.workcenter.productivity"

    def _prepare_oee_event_vals(self):
        self.ensure_one()
        reason = self.env["shopfloor.oee.loss.reason"].search(
            [
                ("mrp_loss_id", "=", self.loss_id.id),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            limit=1,
        )
        if reason:
            state = reason.state
        elif self.loss_type in ("productive", "performance"):
            state = "running"
        else:
            state = "down"
        employee = self.employee_id if "employee_id" in self._fields else self.env["hr.employee"]
        workorder = self.workorder_id
        if not workorder and "shopfloor_workorder_id" in self._fields:
            workorder = self.shopfloor_workorder_id
        return {
            "workcenter_id": self.workcenter_id.id,
            "state": state,
            "reason_id": reason.id or False,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "source": "worker" if employee else "odoo",
            "productivity_id": self.id,
            "workorder_id": workorder.id or False,
            "product_id": workorder.product_id.id or False,
            "employee_id": employee.id or False,
            "company_id": self.company_id.id,
            "note": self.description or False,
        }

    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        # sudo: the time log's author may be a worker without write access to the timeline
        self.env["shopfloor.oee.state.event"].sudo().create(
            [log._prepare_oee_event_vals() for log in logs if log.workcenter_id]
        )
        return logs

    def write(self, vals):
        res = super().write(vals)
        if {"date_start", "date_end", "loss_id", "workcenter_id"} & set(vals):
            # sudo: the time log's editor may lack write access to the machine timeline
            Event = self.env["shopfloor.oee.state.event"].sudo()
            events = Event.search([("productivity_id", "in", self.ids)])
            by_log = {e.productivity_id.id: e for e in events}
            for log in self:
                vals_event = log._prepare_oee_event_vals()
                if log.id in by_log:
                    by_log[log.id].write(
                        {k: vals_event[k] for k in ("date_start", "date_end", "state", "reason_id")}
                    )
                else:
                    Event.create(vals_event)
        return res
