import secrets

from odoo import _, api, fields, models

from ..tools.api import error
from .shopfloor_token import hash_secret


class ShopfloorBindCode(models.Model):
    """A one-time code a leader gives a worker to bind their phone."""

    _name = "shopfloor.bind.code"
    _description = "Shop-floor Phone Binding Code"
    _order = "id desc"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True)
    code_hash = fields.Char(required=True, index=True, groups="base.group_system")
    expires_at = fields.Datetime(required=True)
    used_at = fields.Datetime(readonly=True)
    token_id = fields.Many2one("shopfloor.token", readonly=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)

    @api.model
    def _get_validity_minutes(self):
        # sudo: the validity setting is a system parameter
        icp = self.env["ir.config_parameter"].sudo()
        return int(icp.get_param("shopfloor_mp.bind_code_minutes", 30))

    @api.model
    def _generate(self, employee):
        """Create a code for ``employee``; returns ``(record, code)`` (code shown once)."""
        # 10 digits: easy to type on a phone, 10^10 combinations for 30 minutes.
        code = "".join(secrets.choice("0123456789") for _i in range(10))
        record = self.sudo().create(  # leaders need no access to the hashes themselves
            {
                "employee_id": employee.id,
                "code_hash": hash_secret(code),
                "expires_at": fields.Datetime.add(
                    fields.Datetime.now(), minutes=self._get_validity_minutes()
                ),
            }
        )
        return record, code

    @api.model
    def _consume(self, code, device_name):
        """Bind: the valid code becomes a worker token. Returns ``(token, secret)``."""
        if not isinstance(code, str) or not code.strip():
            raise error("SF_BIND_CODE_INVALID")
        record = self.sudo().search(  # lookup before anyone is identified
            [
                ("code_hash", "=", hash_secret(code.strip())),
                ("used_at", "=", False),
                ("expires_at", ">", fields.Datetime.now()),
            ],
            limit=1,
        )
        if not record or not record.employee_id.active:
            raise error("SF_BIND_CODE_INVALID")
        token, secret = self.env["shopfloor.token"]._issue(
            device_name or _("Phone of %s", record.employee_id.name),
            employee=record.employee_id,
            bound_by="code",
        )
        record.write({"used_at": fields.Datetime.now(), "token_id": token.id})
        return token, secret
