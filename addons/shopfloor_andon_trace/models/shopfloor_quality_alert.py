from odoo import _, fields, models


class ShopfloorQualityAlert(models.Model):
    _inherit = "shopfloor.quality.alert"

    andon_exception_ids = fields.One2many(
        "shopfloor.andon.exception", "quality_alert_id", string="Andon Exceptions"
    )

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") in ("solved", "closed"):
            # sudo: the quality team solving the alert resolves the shop floor's exception
            exceptions = self.sudo().andon_exception_ids.filtered(
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
                    note=_("Quality alert %(name)s solved.", name=exc.quality_alert_id.name),
                )
        return res
