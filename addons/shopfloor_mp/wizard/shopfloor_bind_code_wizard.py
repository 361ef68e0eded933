from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ShopfloorBindCodeWizard(models.TransientModel):
    """A leader generates the one-time code a worker types to bind their phone."""

    _name = "shopfloor.bind.code.wizard"
    _description = "Generate a Phone Binding Code"

    employee_id = fields.Many2one("hr.employee", required=True, readonly=True)
    # Never stored: the code travels to the screen in the action's context only (see
    # action_generate); the database keeps its hash in shopfloor.bind.code.
    code = fields.Char(compute="_compute_code")
    expires_at = fields.Datetime(readonly=True)

    @api.depends_context("shopfloor_shown_secret", "shopfloor_shown_secret_id")
    def _compute_code(self):
        shown_id = self.env.context.get("shopfloor_shown_secret_id")
        for wizard in self:
            wizard.code = (
                self.env.context.get("shopfloor_shown_secret") if wizard.id == shown_id else False
            )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "hr.employee":
            res["employee_id"] = self.env.context.get("active_id")
        return res

    def action_generate(self):
        self.ensure_one()
        if not self.env.user.has_group("shopfloor_mp.group_shopfloor_leader"):
            raise UserError(_("Only shop-floor leaders can bind phones."))
        record, code = self.env["shopfloor.bind.code"]._generate(self.employee_id)
        self.expires_at = record.expires_at
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            # shown on this screen only: the browser holds it, the database does not
            "context": dict(
                self.env.context, shopfloor_shown_secret=code, shopfloor_shown_secret_id=self.id
            ),
        }
