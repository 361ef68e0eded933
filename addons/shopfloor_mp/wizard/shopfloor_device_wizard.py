from odoo import fields, models


class ShopfloorDeviceWizard(models.TransientModel):
    """A manager registers a shared terminal or a machine gateway: its token is shown
    once, to be typed or pasted into the device."""

    _name = "shopfloor.device.wizard"
    _description = "Register a Shop-floor Device"

    name = fields.Char(
        "Device", required=True, help="E.g. 'Terminal line 2' or 'PLC gateway DC01'."
    )
    token = fields.Char(readonly=True)

    def action_register(self):
        self.ensure_one()
        result = self.env["shopfloor.token"].issue_device_token(self.name)
        self.token = result["token"]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
