import hashlib
import hmac
import secrets

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.api import error


def hash_secret(secret):
    """Tokens and binding codes are stored as SHA-256 digests only."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ShopfloorToken(models.Model):
    """A phone bound to a worker, or a shared shop-floor terminal / machine gateway.

    The secret is shown once when issued and stored hashed. Tokens only open the
    shop-floor API: they are not Odoo sessions and give no backend access.
    """

    _name = "shopfloor.token"
    _description = "Shop-floor Device Token"
    _order = "last_used desc, id desc"

    name = fields.Char("Device", required=True)
    kind = fields.Selection(
        [("worker", "Worker Phone"), ("device", "Shared Terminal / Gateway")],
        required=True,
        default="worker",
    )
    employee_id = fields.Many2one("hr.employee", index="btree_not_null", ondelete="cascade")
    token_hash = fields.Char(required=True, index=True, copy=False, groups="base.group_system")
    token_prefix = fields.Char("Token Start", readonly=True, copy=False)
    expires_at = fields.Datetime("Expires", required=True)
    last_used = fields.Datetime(readonly=True, copy=False)
    revoked_at = fields.Datetime(readonly=True, copy=False)
    active = fields.Boolean(default=True, help="Archived tokens are revoked.")
    bound_by = fields.Selection(
        [
            ("code", "Binding Code"),
            ("pin", "Badge and PIN"),
            ("wechat", "WeChat"),
            ("backend", "Backend"),
        ],
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _sql_constraints = [("token_hash_uniq", "unique (token_hash)", "Token collision.")]

    @api.model
    def _get_lifetime_days(self):
        # sudo: the token lifetime is a system parameter
        icp = self.env["ir.config_parameter"].sudo()
        return int(icp.get_param("shopfloor_mp.token_lifetime_days", 180))

    @api.model
    def _issue(self, name, kind="worker", employee=None, company=None, bound_by="backend"):
        """Create a token; returns ``(record, secret)``: the secret is never stored."""
        secret = "sf_" + secrets.token_urlsafe(32)
        record = self.sudo().create(  # tokens are issued by the API on behalf of the worker
            {
                "name": name or _("Phone"),
                "kind": kind,
                "employee_id": employee.id if employee else False,
                "token_hash": hash_secret(secret),
                "token_prefix": secret[:8],
                "expires_at": fields.Datetime.add(
                    fields.Datetime.now(), days=self._get_lifetime_days()
                ),
                "bound_by": bound_by,
                "company_id": (
                    company or (employee and employee.company_id) or self.env.company
                ).id,
            }
        )
        return record, secret

    @api.model_create_multi
    def create(self, vals_list):
        tokens = super().create(vals_list)
        tokens._link_api_user_company()
        return tokens

    def _link_api_user_company(self):
        """The API user works in the companies that have tokens: linked when a token is
        issued, never on the request path."""
        api_user = self.env.ref("shopfloor_mp.user_shopfloor_api", raise_if_not_found=False)
        # sudo: reading the technical user's companies (a manager may not read users)
        missing = self.company_id - api_user.sudo().company_ids if api_user else False
        if missing:
            # sudo: the technical user follows the companies that have shop floors
            api_user.sudo().company_ids = [Command.link(c.id) for c in missing]

    @api.model
    def _authenticate(self, secret):
        """The valid token of ``secret``, or a ShopfloorError (SF_AUTH_*).

        Hot path (every call): one query, no ORM read of the employee."""
        if not secret:
            raise error("SF_AUTH_REQUIRED")
        digest = hash_secret(secret)
        self.flush_model()
        self.env["hr.employee"].flush_model(["active"])
        self.env.cr.execute(
            SQL(
                "SELECT t.id, t.token_hash, t.kind, t.active, t.revoked_at, t.expires_at,"
                " t.last_used, t.employee_id, e.active AS employee_active"
                " FROM shopfloor_token t LEFT JOIN hr_employee e ON e.id = t.employee_id"
                " WHERE t.token_hash = %s",
                digest,
            )
        )
        row = self.env.cr.dictfetchone()
        if not row or not hmac.compare_digest(row["token_hash"], digest):
            raise error("SF_AUTH_INVALID")
        if not row["active"] or row["revoked_at"]:
            raise error("SF_AUTH_REVOKED")
        now = fields.Datetime.now()
        if row["expires_at"] < now:
            raise error("SF_AUTH_EXPIRED")
        if row["kind"] == "worker" and not row["employee_active"]:
            raise error("SF_AUTH_REVOKED")
        # Touch at most once a minute: concurrent calls of one token must not
        # fight over this row.
        if not row["last_used"] or (now - row["last_used"]).total_seconds() > 60:
            self.env.cr.execute(
                SQL("UPDATE shopfloor_token SET last_used = %s WHERE id = %s", now, row["id"])
            )
        # sudo: the framework's own table; callers only read kind/employee/company
        return self.sudo().browse(row["id"])

    @api.model
    def issue_device_token(self, name):
        """A manager registers a shared terminal or a machine gateway; the secret is
        returned once, to be typed into the device."""
        if not self.env.user.has_group("shopfloor_mp.group_shopfloor_manager"):
            raise UserError(_("Only shop-floor managers can register devices."))
        token, secret = self._issue(name, kind="device", company=self.env.company)
        return {"id": token.id, "token": secret}

    def action_revoke(self):
        self._check_device_manager()
        self.write({"active": False, "revoked_at": fields.Datetime.now()})
        return True

    def write(self, vals):
        if "active" in vals or "revoked_at" in vals or "kind" in vals:
            self._check_device_manager()
        res = super().write(vals)
        if "company_id" in vals:
            self._link_api_user_company()
        return res

    def _check_device_manager(self):
        """Shared terminals and gateways are retired by managers only."""
        if (
            not self.env.su
            and any(token.kind == "device" for token in self)
            and not self.env.user.has_group("shopfloor_mp.group_shopfloor_manager")
        ):
            raise UserError(_("Only shop-floor managers can retire a shared terminal or gateway."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_active(self):
        if any(token.active for token in self):
            raise UserError(_("Revoke a token before deleting it."))
