import hmac
import logging

import requests

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.api import ShopfloorError, dt, error
from ..tools.params import Params

_lt = LazyTranslate(__name__)

_logger = logging.getLogger(__name__)

WECHAT_DEFAULT_URL = "https://api.weixin.qq.com"


class ShopfloorApiAuth(models.AbstractModel):
    """Binding phones to workers: one-time code, badge + PIN, WeChat login."""

    _name = "shopfloor.api.auth"
    _description = "Shop-floor API: binding and tokens"

    @api.model
    def _token_answer(self, token, secret):
        employee = token.employee_id
        return {
            "token": secret,
            "expires_at": dt(token.expires_at),
            "employee": self._employee_info(employee),
        }

    @api.model
    def _employee_info(self, employee):
        employee = employee.sudo()  # the worker's own identity card
        return {
            "id": employee.id,
            "name": employee.name,
            "role": employee.shopfloor_role or "worker",
            "lang": employee.shopfloor_lang or "zh_CN",
            "workcenters": [
                {"id": wc.id, "name": wc.name} for wc in employee.shopfloor_workcenter_ids
            ],
        }

    def _consume_bind_code(self, ctx, code, device_name):
        """A binding code, throttled per client address like PINs."""
        Lock = self.env["shopfloor.auth.lock"].sudo()  # before identification
        Lock._check(ip=ctx.ip)
        try:
            return self.env["shopfloor.bind.code"]._consume(code, device_name)
        except ShopfloorError as exc:
            if exc.code == "SF_BIND_CODE_INVALID":
                # counted by the failure log, on its own cursor (this call rolls back)
                ctx.meta["auth_failure"] = {}
            raise

    def api_bind(self, ctx, params):
        p = Params(params)
        token, secret = self._consume_bind_code(
            ctx, p.str("code", max_len=32), p.str("device_name", required=False, max_len=64)
        )
        return self._token_answer(token, secret)

    def api_bind_pin(self, ctx, params):
        p = Params(params)
        badge = p.str("badge", max_len=64)
        pin = p.str("pin", max_len=32)
        Lock = self.env["shopfloor.auth.lock"].sudo()  # before identification
        # Locked badge or address: refused before the PIN is even compared.
        Lock._check(badge=badge, ip=ctx.ip)
        # sudo: badge and PIN are HR-only fields, checked here before identification
        employee = self.env["hr.employee"].sudo().search([("barcode", "=", badge)], limit=1)
        if not employee or not employee.pin or not hmac.compare_digest(employee.pin, pin):
            # counted by the failure log, on its own cursor (this call rolls back);
            # the attempt is logged with the badge's employee, never with the PIN
            ctx.meta["auth_failure"] = {
                "badge": badge,
                "employee_id": employee.id or None,
                "company_id": employee.company_id.id or None,
            }
            ctx.meta["employee_id"] = employee.id or None
            ctx.meta["company_id"] = employee.company_id.id or None
            raise error("SF_BADGE_PIN_INVALID")
        Lock._register_success(badge)
        token, secret = self.env["shopfloor.token"]._issue(
            p.str("device_name", required=False, max_len=64) or employee.name,
            employee=employee,
            bound_by="pin",
        )
        return self._token_answer(token, secret)

    def api_wechat(self, ctx, params):
        """Exchange wx.login's code for the openid; bind it with a binding code or
        badge + PIN the first time, log in with it afterwards."""
        p = Params(params)
        openid = self._wechat_code2session(p.str("js_code", max_len=128))
        Employee = self.env["hr.employee"].sudo()  # openid lookup before identification
        employee = Employee.search([("wechat_openid", "=", openid)], limit=1)
        if not employee:
            if p.str("bind_code", required=False, max_len=32):
                token, secret = self._consume_bind_code(
                    ctx, p.str("bind_code"), p.str("device_name", required=False, max_len=64)
                )
                # sudo: the openid is an HR-only field; the worker just proved the binding code
                token.employee_id.sudo().wechat_openid = openid
                token.bound_by = "wechat"
                return self._token_answer(token, secret)
            raise error("SF_WECHAT_UNBOUND")
        token, secret = self.env["shopfloor.token"]._issue(
            p.str("device_name", required=False, max_len=64) or "WeChat",
            employee=employee,
            bound_by="wechat",
        )
        return self._token_answer(token, secret)

    @api.model
    def _wechat_code2session(self, js_code):
        """WeChat's code2session: js_code -> openid (app id/secret in settings)."""
        # sudo: WeChat app id and secret are system parameters, never sent to clients
        icp = self.env["ir.config_parameter"].sudo()
        appid = icp.get_param("shopfloor_mp.wechat_appid")
        secret = icp.get_param("shopfloor_mp.wechat_secret")
        if not appid or not secret:
            raise error("SF_WECHAT_FAILED", reason=_lt("WeChat login is not configured"))
        base = icp.get_param("shopfloor_mp.wechat_base_url") or WECHAT_DEFAULT_URL
        try:
            resp = requests.get(
                base.rstrip("/") + "/sns/jscode2session",
                params={
                    "appid": appid,
                    "secret": secret,
                    "js_code": js_code,
                    "grant_type": "authorization_code",
                },
                timeout=5,
            )
            data = resp.json()
        except (requests.RequestException, ValueError) as exc:
            _logger.warning("WeChat code2session failed: %s", exc)
            raise error("SF_WECHAT_FAILED", reason=_lt("WeChat did not answer"))
        if not isinstance(data, dict) or not data.get("openid"):
            # WeChat's own errmsg goes to the details, not into the worker's sentence
            errmsg = data.get("errmsg") if isinstance(data, dict) else None
            raise error(
                "SF_WECHAT_FAILED",
                reason=_lt("WeChat refused the login code"),
                wechat_errmsg=str(errmsg)[:200] if errmsg else None,
            )
        return data["openid"]

    def api_me(self, ctx, params):
        info = self._employee_info(ctx.employee) if ctx.employee else None
        return {
            "employee": info,
            "device": {"name": ctx.token.name, "kind": ctx.token.kind} if ctx.token else None,
            "company": {"id": ctx.company.id, "name": ctx.company.name},
        }

    def api_logout(self, ctx, params):
        """A worker signs out. On their own phone the phone's token is revoked; on a
        shared terminal (device token + badge) only the worker is signed out (the
        terminal forgets the badge): the device's token is never revoked here, only a
        manager retires a device."""
        if ctx.token.kind == "device":
            return {"revoked": False, "employee_id": ctx.employee.id or None}
        # sudo: a worker may revoke their own phone's token (no write access on tokens)
        ctx.token.sudo().action_revoke()
        return {"revoked": True, "employee_id": ctx.employee.id or None}

    def api_bind_code(self, ctx, params):
        """A leader generates a binding code for a member of their team."""
        p = Params(params)
        # sudo: the caller's own role (HR field), read-only
        leader = ctx.employee.sudo()
        if not leader or leader.shopfloor_role != "leader":
            raise error("SF_FORBIDDEN")
        # sudo: the API user reads no HR data; company checked by _get_record, team below
        employee = self.env["shopfloor.api"]._get_record(
            ctx,
            "hr.employee",
            p.int("employee_id"),
            "employee_id",
            unknown="SF_FORBIDDEN",
            sudo=True,
        )
        if employee != leader and employee.parent_id != leader:
            raise error("SF_FORBIDDEN")
        record, code = self.env["shopfloor.bind.code"]._generate(employee)
        return {
            "employee_id": employee.id,
            "code": code,
            "expires_at": dt(record.expires_at),
        }
