from odoo import _, fields, models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    andon_exception_ids = fields.One2many(
        "shopfloor.andon.exception", "maintenance_request_id", string="Andon Exceptions"
    )

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            done = self.filtered(lambda r: r.stage_id.done)
            # sudo: the technician closing the request resolves the shop floor's exception
            exceptions = done.sudo().andon_exception_ids.filtered(
                lambda e: e.state in ("raised", "acknowledged", "onsite")
            )
            now = fields.Datetime.now()
            employee = self.env.user.employee_id
            for exc in exceptions:
                if exc.state == "raised":
                    exc._sf_transition("ack", employee=employee, user=self.env.user, now=now)
                exc._sf_transition(
                    "resolve",
                    employee=employee,
                    user=self.env.user,
                    now=now,
                    note=_(
                        "Maintenance request %(name)s done.", name=exc.maintenance_request_id.name
                    ),
                )
        return res
