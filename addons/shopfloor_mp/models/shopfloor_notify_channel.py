import json
import logging
import time

import requests

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import notify

_logger = logging.getLogger(__name__)

CHANNEL_KINDS = [
    ("wecom", "WeCom Group Robot"),
    ("dingtalk", "DingTalk Custom Robot"),
    ("webhook", "Generic Webhook"),
    ("wechat", "WeChat Subscribe Message"),
]
MANAGER = "shopfloor_mp.group_shopfloor_manager"


class ShopfloorNotifyChannel(models.Model):
    """Where notifications go out: a group robot, a webhook, WeChat subscribe messages.

    Secrets (robot key, signing secret, app secret) are readable by shop-floor managers
    only and never written to the log. Messages are queued in ``shopfloor.notify.message``
    and sent after commit by :meth:`_cron_send` (also triggered right after a post).
    """

    _name = "shopfloor.notify.channel"
    _description = "Shop-floor Notification Channel"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(CHANNEL_KINDS, required=True, default="wecom")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    categories = fields.Char(
        help="Comma-separated categories this channel receives (e.g. andon,quality); "
        "empty: all of them."
    )
    base_url = fields.Char(
        "Base URL",
        help="Leave empty for the service's public address; tests and private gateways "
        "set their own.",
    )
    webhook_url = fields.Char(
        "Webhook URL", help="Generic webhook: the full URL the JSON is posted to."
    )
    robot_key = fields.Char(
        "Robot Key / Access Token",
        groups=MANAGER,
        copy=False,
        help="WeCom: the key= of the robot URL; DingTalk: the access_token= of it.",
    )
    sign_secret = fields.Char(
        "Signing Secret",
        groups=MANAGER,
        copy=False,
        help="DingTalk: the robot's SEC... secret (signed robot); webhook: the shared "
        "secret of the X-Shopfloor-Signature header.",
    )
    wechat_template_id = fields.Char("Subscribe Message Template")
    wechat_page = fields.Char("Mini-program Page", default="pages/inbox/inbox")
    rate_limit = fields.Integer(
        "Requests per Minute",
        default=20,
        help="The receiver's limit (WeCom and DingTalk robots: 20 per minute). Beyond it, "
        "waiting messages are coalesced into one request.",
    )
    timeout = fields.Float("Timeout (s)", default=5.0)
    max_attempts = fields.Integer(
        default=8, help="Attempts before a message is left failed for a manager to requeue."
    )
    message_ids = fields.One2many("shopfloor.notify.message", "channel_id")
    pending_count = fields.Integer(compute="_compute_counts")
    failed_count = fields.Integer(compute="_compute_counts")
    last_error = fields.Char(readonly=True)
    last_error_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("rate_limit_positive", "CHECK(rate_limit > 0)", "The rate limit must be positive."),
        ("timeout_positive", "CHECK(timeout > 0)", "The timeout must be positive."),
    ]

    def _compute_counts(self):
        groups = self.env["shopfloor.notify.message"]._read_group(
            [("channel_id", "in", self.ids), ("state", "in", ("pending", "failed"))],
            ["channel_id", "state"],
            ["__count"],
        )
        counts = {(channel.id, state): count for channel, state, count in groups}
        for channel in self:
            channel.pending_count = counts.get((channel.id, "pending"), 0)
            channel.failed_count = counts.get((channel.id, "failed"), 0)

    def _get_base_url(self):
        return (self.base_url or notify.DEFAULT_BASE_URLS.get(self.kind, "")).rstrip("/")

    def _accepts(self, category):
        if not self.categories:
            return True
        wanted = {c.strip() for c in self.categories.split(",") if c.strip()}
        return not category or category in wanted

    # ------------------------------------------------------------------------------
    # posting
    # ------------------------------------------------------------------------------
    @api.model
    def _sf_post(self, title, body="", category=None, record=None, company=None,
                 recipients=None, key=None, personal=False):  # fmt: skip
        """Queue a notification on every active channel of ``company`` taking
        ``category``. WeChat channels get one message per recipient employee with an
        openid. ``personal``: a matter of the recipients alone (their wages), sent only
        by channels that reach each of them privately (WeChat), never to a group robot
        or a webhook. The cron is triggered to send after this transaction commits."""
        company = company or self.env.company
        # sudo: posting is done on behalf of the shop floor; channels hold secrets
        channels = self.sudo().search([("company_id", "=", company.id)])
        if personal:
            channels = channels.filtered(lambda c: c.kind == "wechat")
        vals_list = []
        for channel in channels.filtered(lambda c: c._accepts(category)):
            base = {
                "channel_id": channel.id,
                "company_id": company.id,
                "title": title[:200],
                "body": body or False,
                "category": category or False,
                "res_model": record._name if record else False,
                "res_id": record.id if record else False,
            }
            if channel.kind == "wechat":
                for employee in (recipients or self.env["hr.employee"]).filtered("id"):
                    if employee._name == "hr.employee" and employee.sudo().wechat_openid:
                        vals_list.append(
                            dict(
                                base,
                                employee_id=employee.id,
                                key=f"{key}:{employee.id}" if key else False,
                            )
                        )
            else:
                vals_list.append(dict(base, key=key or False))
        if not vals_list:
            return self.env["shopfloor.notify.message"]
        return self.env["shopfloor.notify.message"].sudo()._sf_enqueue(vals_list)

    # ------------------------------------------------------------------------------
    # sending (one request; called by shopfloor.notify.message._sf_send_channel)
    # ------------------------------------------------------------------------------
    def _sf_build_request(self, messages, now_ts=None):
        """``(url, headers, body bytes)`` for one request carrying ``messages``."""
        self.ensure_one()
        channel = self.sudo()  # sudo: the secrets are read to sign, never returned
        now_ts = now_ts or time.time()
        entries = [(m.title, m.body or "") for m in messages]
        header = _("%(count)s notifications", count=len(entries)) if len(entries) > 1 else None
        text = notify.coalesce_text(entries, notify.MAX_TEXT_BYTES[channel.kind], header)
        base = channel._get_base_url()
        headers = {"Content-Type": "application/json"}
        if channel.kind == "wecom":
            url = notify.wecom_url(base, channel.robot_key or "")
            payload = {"msgtype": "text", "text": {"content": text}}
        elif channel.kind == "dingtalk":
            url = notify.dingtalk_url(
                base, channel.robot_key or "", channel.sign_secret, int(now_ts * 1000)
            )
            payload = {"msgtype": "text", "text": {"content": text}}
        elif channel.kind == "webhook":
            url = channel.webhook_url or base
            payload = {
                "channel": channel.name,
                "messages": [
                    {
                        "id": m.uid,
                        "title": m.title,
                        "body": m.body or "",
                        "category": m.category or None,
                        "source": {"model": m.res_model, "id": m.res_id} if m.res_model else None,
                        "date": fields.Datetime.to_string(m.create_date),
                    }
                    for m in messages
                ],
            }
            headers["X-Shopfloor-Delivery"] = ",".join(m.uid for m in messages)
        else:  # wechat: one message per request, to one employee's openid
            message = messages[:1]
            url = f"{base}/cgi-bin/message/subscribe/send?access_token={channel._sf_wechat_token()}"
            payload = {
                "touser": message.employee_id.sudo().wechat_openid,
                "template_id": channel.wechat_template_id or "",
                "page": channel.wechat_page or "",
                "data": {
                    "thing1": {"value": notify.truncate_utf8(message.title, 60)},
                    "thing2": {"value": notify.truncate_utf8(message.body or "-", 60)},
                },
            }
        body = json.dumps(payload, ensure_ascii=False).encode()
        if channel.kind == "webhook" and channel.sign_secret:
            headers["X-Shopfloor-Signature"] = notify.webhook_signature(
                channel.sign_secret, body, int(now_ts)
            )
        return url, headers, body

    def _sf_wechat_token(self):
        """The mini-program's access token (client credential), cached for its life."""
        self.ensure_one()
        icp = self.env["ir.config_parameter"].sudo()  # sudo: app credentials and cache
        cached = icp.get_param("shopfloor_mp.wechat_access_token_cache", "")
        if cached and "|" in cached:
            token, expires = cached.rsplit("|", 1)
            if expires.isdigit() and int(expires) > time.time() + 60:
                return token
        response = requests.get(
            f"{self._get_base_url()}/cgi-bin/token",
            params={
                "grant_type": "client_credential",
                "appid": icp.get_param("shopfloor_mp.wechat_appid", ""),
                "secret": icp.get_param("shopfloor_mp.wechat_secret", ""),
            },
            timeout=self.timeout,
        )
        data = response.json() if response.ok else {}
        token = data.get("access_token")
        if not token:
            raise UserError(_("WeChat refused the access token (errcode %s).", data.get("errcode")))
        icp.set_param(
            "shopfloor_mp.wechat_access_token_cache",
            f"{token}|{int(time.time()) + int(data.get('expires_in', 7200))}",
        )
        return token

    def _sf_http_send(self, messages):
        """Send one request; ``("ok" | "retry" | "fail", reason, status)``. Never raises,
        never logs a URL (it carries the robot key) nor a header (the signature)."""
        self.ensure_one()
        try:
            url, headers, body = self._sf_build_request(messages)
            response = requests.post(url, data=body, headers=headers, timeout=self.timeout)
        except requests.Timeout:
            return "retry", "timeout", 0
        except requests.RequestException as exc:
            return "retry", f"connection error: {type(exc).__name__}", 0
        except UserError as exc:
            return "retry", str(exc)[:200], 0
        try:
            payload = response.json()
        except ValueError:
            payload = None
        verdict, reason = notify.classify_response(self.kind, response.status_code, payload)
        return verdict, reason, response.status_code

    # ------------------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------------------
    def action_send_now(self):
        """Send what is waiting now: due messages (retries included) become due at once
        and the sending cron is woken up (it runs outside this request's transaction,
        which may hold the channel's row)."""
        messages = self.env["shopfloor.notify.message"].search(
            [("channel_id", "in", self.ids), ("state", "=", "pending")]
        )
        messages.sudo().write({"next_try_at": fields.Datetime.now()})  # sudo: manager's ask
        self.env["shopfloor.notify.message"]._sf_trigger_cron()
        return True

    def action_test(self):
        for channel in self:
            self.env["shopfloor.notify.message"].sudo()._sf_enqueue(
                [
                    {
                        "channel_id": channel.id,
                        "company_id": channel.company_id.id,
                        "title": _("Test message from Odoo shop floor"),
                        "category": "test",
                    }
                ]
            )
        self.env["shopfloor.notify.message"]._sf_trigger_cron()
        return True

    @api.model
    def _cron_send(self):
        self.env["shopfloor.notify.message"]._sf_send_loop()
