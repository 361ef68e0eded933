import hashlib
import hmac
import json
import logging
import time

from odoo import api, fields, models

from ..tools.api import USER_AUTH_MESSAGES, ApiContext, Endpoint, ShopfloorError, error, redact
from ..tools.params import Params, bad

_logger = logging.getLogger(__name__)

# Accepted clock skew of a phone in the future, in seconds.
FUTURE_SKEW = 300


class ShopfloorApi(models.AbstractModel):
    """The mini-program API: authentication, idempotency, call log, dispatch.

    Controllers only parse HTTP and call :meth:`_call`; endpoint methods are thin and
    delegate to the models (``mrp.workorder._sf_*``). Other addons add endpoints by
    inheriting :meth:`_get_endpoints`.
    """

    _name = "shopfloor.api"
    _description = "Shop-floor API"

    @api.model
    def _get_endpoints(self):
        """Override point: ``{path: Endpoint}`` served under /shopfloor/api/v1/."""
        wo = "shopfloor.api.workorder"
        auth = "shopfloor.api.auth"
        return {
            "auth/bind": Endpoint("api_bind", auth="none", write=True, model=auth, secret=True),
            "auth/bind_pin": Endpoint(
                "api_bind_pin", auth="none", write=True, model=auth, secret=True
            ),
            "auth/wechat": Endpoint("api_wechat", auth="none", write=True, model=auth, secret=True),
            "auth/me": Endpoint("api_me", auth="any", model=auth),
            "auth/logout": Endpoint("api_logout", write=True, model=auth),
            "auth/bind_code": Endpoint("api_bind_code", write=True, model=auth, secret=True),
            "scan": Endpoint("api_scan", model=wo),
            "catalog": Endpoint("api_catalog", model=wo),
            "workorder/get": Endpoint("api_get", model=wo),
            "workorder/start": Endpoint("api_start", write=True, model=wo),
            "workorder/pause": Endpoint("api_pause", write=True, model=wo),
            "workorder/resume": Endpoint("api_resume", write=True, model=wo),
            "workorder/report": Endpoint("api_report", write=True, model=wo),
            "workorder/finish": Endpoint("api_finish", write=True, model=wo),
            "my/workorders": Endpoint("api_my_workorders", model=wo),
            "my/reports": Endpoint("api_my_reports", model=wo),
            "production/progress": Endpoint("api_production_progress", auth="any", model=wo),
            "sale/progress": Endpoint("api_sale_progress", auth="user", model=wo),
        }

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------
    @api.model
    def _call(self, path, payload, bearer=None, meta=None):
        """Serve one call, as the "Shop-floor API" user (``with_user`` it).
        Returns the result dict or raises ShopfloorError.

        ``meta`` (dict, filled here) tells the caller what to log when the call fails:
        the transaction is rolled back then, so the controller logs on its own cursor.
        """
        meta = meta if meta is not None else {}
        started = time.monotonic()
        meta.update(endpoint=path, started=started)
        endpoint = self._get_endpoints().get(path)
        if not endpoint:
            raise error("SF_UNKNOWN_METHOD", method=path)
        params = Params(payload)
        ctx = self._authenticate(endpoint, path, bearer, params)
        ctx.ip = meta.get("ip")
        ctx.meta = meta
        meta.update(
            token_id=ctx.token.id or None,
            employee_id=ctx.employee.id or None,
            user_id=ctx.user.id if endpoint.auth == "user" else None,
            company_id=ctx.company.id,
            lang=ctx.lang,
        )
        handler_model = self.env[endpoint.model].with_env(self._get_api_env(ctx, endpoint))
        log = self.env["shopfloor.api.log"].sudo()  # the log is the framework's own table
        log_vals = dict(
            endpoint=path,
            token_id=meta["token_id"],
            employee_id=meta["employee_id"],
            user_id=meta["user_id"],
            company_id=meta["company_id"],
            ip=meta.get("ip"),
        )
        if not endpoint.write:
            result = getattr(handler_model, endpoint.method)(ctx, payload)
            log._write_line(dict(log_vals, result_code="OK", duration_ms=self._elapsed_ms(started)))
            return result

        ctx.request_uid = params.request_uid()
        meta["request_uid"] = ctx.request_uid
        payload_hash = self._payload_hash(path, payload, keyed=endpoint.secret)
        log_vals.update(request_uid=ctx.request_uid, payload_hash=payload_hash)
        claim_id = log._claim(log_vals)
        if not claim_id:
            # A retry: the first call committed its claim (a twin still running makes
            # PostgreSQL raise a serialization failure here; Odoo retries the request).
            return self._replay(
                log._find_claim(ctx.request_uid),
                path,
                payload_hash,
                ctx,
                log,
                log_vals,
                started,
                endpoint=endpoint,
            )
        ctx.now = self._get_client_time(params)
        result = getattr(handler_model, endpoint.method)(ctx, payload)
        log._finish_claim(
            claim_id,
            redact(result) if endpoint.secret else result,
            self._elapsed_ms(started),
            ctx.employee.id or None,
        )
        return result

    def _replay(self, previous, path, payload_hash, ctx, log, log_vals, started, endpoint=None):
        if (
            previous["endpoint"] != path
            or previous["payload_hash"] != payload_hash
            or (previous["token_id"] or None) != (ctx.token.id or None)
        ):
            raise error("SF_REQUEST_REUSED")
        if endpoint and endpoint.secret:
            # The secret was handed out once; whoever resends the request id gets no copy.
            raise error("SF_REQUEST_SERVED")
        log._write_line(
            dict(
                log_vals,
                result_code="OK",
                replayed=True,
                duration_ms=self._elapsed_ms(started),
            )
        )
        return json.loads(previous["response"] or "null")

    @staticmethod
    def _elapsed_ms(started):
        return int((time.monotonic() - started) * 1000)

    def _payload_hash(self, path, payload, keyed=False):
        """Digest of a write call's payload, to tell a retry from a reused request id.

        ``keyed``: the payload holds a secret (PIN, binding code): a plain SHA-256 of a
        4-digit PIN is reversed in milliseconds, so it is an HMAC with the database secret.
        """
        body = {k: v for k, v in payload.items() if k != "client_ts"}
        raw = json.dumps([path, body], sort_keys=True, default=str).encode()
        if keyed:
            # sudo: the database secret keys the digest; it is never sent anywhere
            key = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
            return "hmac:" + hmac.new(key.encode(), raw, hashlib.sha256).hexdigest()
        return hashlib.sha256(raw).hexdigest()

    def _get_client_time(self, params):
        """The time the worker acted: ``client_ts`` of a report queued offline, within
        the configured window; the server's time otherwise."""
        now = fields.Datetime.now()
        client_ts = params.datetime("client_ts")
        if not client_ts:
            return now
        if (client_ts - now).total_seconds() > FUTURE_SKEW:
            raise bad("client_ts", "future")
        hours = int(
            self.env["ir.config_parameter"]
            # sudo: a system parameter, read on behalf of the API user
            .sudo()
            .get_param("shopfloor_mp.offline_window_hours", 72)
        )
        if (now - client_ts).total_seconds() > hours * 3600:
            raise error("SF_REQUEST_TOO_OLD", hours=hours)
        return min(client_ts, now)

    # ------------------------------------------------------------------
    # Authentication
    # ------------------------------------------------------------------
    def _authenticate(self, endpoint, path, bearer, params):
        Employee = self.env["hr.employee"]
        Token = self.env["shopfloor.token"]
        company = self.env.company
        lang = params.str("lang", required=False, max_len=8) or "zh_CN"
        lang = lang if lang in ("zh_CN", "en_US") else "zh_CN"
        if endpoint.auth == "none":
            return ApiContext(path, Token, Employee, self.env.user, company, lang)
        if endpoint.auth == "user" or (
            endpoint.auth == "any" and bearer and not bearer.startswith("sf_")
        ):
            user = self._authenticate_user(bearer)
            return ApiContext(path, Token, Employee, user, user.company_id, user.lang or lang)
        token = Token._authenticate(bearer)
        employee = token.employee_id
        if token.kind == "device" and endpoint.auth in ("worker", "any"):
            employee = self._get_badge_employee(params, token)
            if not employee and endpoint.auth == "worker":
                raise error("SF_BADGE_REQUIRED")
        if endpoint.auth == "device" and token.kind != "device":
            raise error("SF_FORBIDDEN")
        # sudo: the caller's identity card (name, language, assignments), read-only
        employee = employee.sudo()
        if employee:
            employee.fetch(["name", "shopfloor_lang"])  # not all of hr.employee's columns
            lang = employee.shopfloor_lang or lang
        return ApiContext(path, token, employee, self.env.user, token.company_id, lang)

    def _authenticate_user(self, bearer):
        """A backend user calling with their own Odoo API key (scope rpc)."""
        # the same codes as the workers' tokens, with messages for office users (an API
        # key, not a phone to bind)
        if not bearer:
            raise ShopfloorError("SF_AUTH_REQUIRED", USER_AUTH_MESSAGES["SF_AUTH_REQUIRED"])
        uid = self.env["res.users.apikeys"]._check_credentials(scope="rpc", key=bearer)
        if not uid:
            raise ShopfloorError("SF_AUTH_INVALID", USER_AUTH_MESSAGES["SF_AUTH_INVALID"])
        user = self.env["res.users"].browse(uid)
        if user.share:
            raise error("SF_FORBIDDEN")
        return user

    def _get_badge_employee(self, params, token):
        """On a shared terminal, the worker identifies by scanning their badge."""
        badge = params.str("badge", required=False, max_len=128)
        if not badge:
            return self.env["hr.employee"]
        Employee = self.env["hr.employee"].sudo()  # badge lookup, before identification
        if badge.isdigit():
            employee = Employee.search(
                [("barcode", "=", badge), ("company_id", "=", token.company_id.id)], limit=1
            )
        else:
            record = self.env["shopfloor.code"]._resolve(badge, token.company_id)
            employee = record if record._name == "hr.employee" else Employee
        if not employee:
            raise error("SF_UNKNOWN_CODE")
        return employee.sudo(False)

    def _get_api_env(self, ctx, endpoint):
        """The environment endpoint methods run in.

        Workers are employees, not users: their calls run as the technical user
        "Shop-floor API" (group Shop Floor / Worker), restricted to the token's company.
        Backend users calling with an API key run as themselves.
        """
        if endpoint.auth == "user" or (ctx.user and ctx.user != self.env.user and not ctx.token):
            user = ctx.user
        else:
            # _call runs as the API user (see the controller): no lookup on the hot path
            user = self.env.user
            if ctx.company.id not in user._get_company_ids():
                # Tokens link their company to the API user when issued (and the
                # 18.0.1.1.0 migration for older ones): reaching this is a token moved to
                # another company by hand; refuse rather than widen the user here.
                raise error("SF_FORBIDDEN")
        return self.env(
            user=user,
            su=False,
            context=dict(
                self.env.context,
                # records in the worker's language when it is installed; error
                # messages use the addons' own translations in any case
                lang=ctx.lang if self.env["res.lang"]._get_data(code=ctx.lang) else "en_US",
                tz=self.env.context.get("tz") or "Asia/Shanghai",
                allowed_company_ids=[ctx.company.id],
                shopfloor_api=True,
                # one report per scan would flood the MO's chatter with quantity
                # changes: the shop floor's history is its reports and time logs
                mail_notrack=True,
            ),
        )

    # ------------------------------------------------------------------
    # Ids sent by clients
    # ------------------------------------------------------------------
    @api.model
    def _get_record(self, ctx, model, res_id, field, unknown="SF_UNKNOWN_CODE", sudo=False):
        """The record ``model``/``res_id`` a client sent, checked like a scanned code.

        It must exist, be active, belong to the caller's company (or be shared: no
        company) and be visible under the record rules of the acting user. Anything else
        (another company's id, a deleted or archived one) answers exactly like an unknown
        id: ``unknown`` (``SF_UNKNOWN_CODE``, ``SF_BAD_PARAMS`` naming ``field``, or a
        ShopfloorError of another addon's catalogue), so
        ids of other companies cannot be probed.

        ``sudo``: the acting user has no read access on the model (e.g. employees for the
        API user): the company is still checked, the caller checks the rest.
        """
        Model = self.env[model]
        if sudo:
            Model = Model.sudo()  # see docstring: company checked here, the rest by the caller
        record = Model.browse()
        if isinstance(res_id, int) and not isinstance(res_id, bool) and 0 < res_id < 2**31:
            domain = [("id", "=", res_id)]
            if "company_id" in Model._fields:
                domain.append(("company_id", "in", (False, ctx.company.id)))
            record = Model.search(domain, limit=1)
        if not record:
            if isinstance(unknown, ShopfloorError):  # another addon's catalogue
                raise unknown
            if unknown == "SF_BAD_PARAMS":
                raise bad(field, "unknown")
            raise error(unknown)
        return record

    @api.model
    def _check_sales_or_manufacturing(self):
        """API-key endpoints about orders (sale/progress, plan/*): the user needs sales or
        manufacturing rights, whatever is installed (a missing group is no right)."""
        user = self.env.user
        if not (
            user.has_group("mrp.group_mrp_user") or user.has_group("sales_team.group_sale_salesman")
        ):
            raise error("SF_FORBIDDEN")
        return user.has_group("mrp.group_mrp_user")

    # ------------------------------------------------------------------
    # Failures
    # ------------------------------------------------------------------
    @api.model
    def _log_failure(self, meta, code):
        """Log a failed call (own cursor: the call's transaction is rolled back)."""
        vals = self._prepare_failure_vals(meta, code)
        try:
            with self.env.registry.cursor() as cr:
                self.with_env(self.env(cr=cr))._write_failure(vals, meta)
        except Exception:  # logging a failure must never hide the failure itself
            _logger.exception("Could not log a failed shop-floor API call")

    @api.model
    def _prepare_failure_vals(self, meta, code):
        return {
            "endpoint": (meta.get("endpoint") or "")[:64],
            "request_uid": meta.get("request_uid"),
            "token_id": meta.get("token_id"),
            "employee_id": meta.get("employee_id"),
            "user_id": meta.get("user_id"),
            "company_id": meta.get("company_id"),
            "ip": meta.get("ip"),
            "result_code": code,
            "duration_ms": self._elapsed_ms(meta["started"]) if meta.get("started") else None,
        }

    @api.model
    def _write_failure(self, vals, meta):
        """The failure's log line and, for a wrong PIN or binding code, its count towards
        a lock (on the failure log's own cursor: the call itself is rolled back)."""
        # sudo: the failure log is the framework's own table
        self.env["shopfloor.api.log"].sudo()._write_line(vals)
        failure = meta.get("auth_failure")
        if failure is not None:
            # sudo: counting guesses happens before anyone is identified
            self.env["shopfloor.auth.lock"].sudo()._register_failure(
                badge=failure.get("badge"),
                ip=meta.get("ip"),
                employee_id=failure.get("employee_id"),
                company_id=failure.get("company_id"),
            )
