import hmac
import logging

import requests

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.api import dt, error
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

    def api_bind(self, ctx, params):
        p = Params(params)
        token, secret = self.env["shopfloor.bind.code"]._consume(
            p.str("code", max_len=32), p.str("device_name", required=False, max_len=64)
        )
        return self._token_answer(token, secret)

    def api_bind_pin(self, ctx, params):
        p = Params(params)
        badge = p.str("badge", max_len=64)
        pin = p.str("pin", max_len=32)
        # sudo: badge and PIN are HR-only fields, checked here before identification
        employee = self.env["hr.employee"].sudo().search([("barcode", "=", badge)], limit=1)
        if not employee or not employee.pin or not hmac.compare_digest(employee.pin, pin):
            raise error("SF_BADGE_PIN_INVALID")
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
                token, secret = self.env["shopfloor.bind.code"]._consume(
                    p.str("bind_code"), p.str("device_name", required=False, max_len=64)
                )
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
        ctx.token.sudo().action_revoke()  # a worker may revoke their own token
        return {"revoked": True}

    def api_bind_code(self, ctx, params):
        """A leader generates a binding code for a member of their team."""
        p = Params(params)
        leader = ctx.employee.sudo()
        if not leader or leader.shopfloor_role != "leader":
            raise error("SF_FORBIDDEN")
        employee = self.env["hr.employee"].sudo().browse(p.int("employee_id")).exists()
        if not employee or (employee != leader and employee.parent_id != leader):
            raise error("SF_FORBIDDEN")
        record, code = self.env["shopfloor.bind.code"]._generate(employee)
        return {
            "employee_id": employee.id,
            "code": code,
            "expires_at": dt(record.expires_at),
        }
