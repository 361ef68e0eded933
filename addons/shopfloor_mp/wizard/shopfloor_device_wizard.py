from odoo import api, fields, models


class ShopfloorDeviceWizard(models.TransientModel):
    """A manager registers a shared terminal or a machine gateway: its token is shown
    once, to be typed or pasted into the device."""

    _name = "shopfloor.device.wizard"
    _description = "Register a Shop-floor Device"

    name = fields.Char(
        "Device", required=True, help="E.g. 'Terminal line 2' or 'PLC gateway DC01'."
    )
    # Never stored: the token travels to the screen in the action's context only.
    token = fields.Char(compute="_compute_token")
    token_id = fields.Many2one("shopfloor.token", "Registered Device", readonly=True)

    @api.depends_context("shopfloor_shown_secret", "shopfloor_shown_secret_id")
    def _compute_token(self):
        shown_id = self.env.context.get("shopfloor_shown_secret_id")
        for wizard in self:
            wizard.token = (
                self.env.context.get("shopfloor_shown_secret") if wizard.id == shown_id else False
            )

    def action_register(self):
        self.ensure_one()
        result = self.env["shopfloor.token"].issue_device_token(self.name)
        self.token_id = result["id"]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            # shown on this screen only: the browser holds it, the database does not
            "context": dict(
                self.env.context,
                shopfloor_shown_secret=result["token"],
                shopfloor_shown_secret_id=self.id,
            ),
        }
