"""JSON-RPC 2.0 for the mini-program, with stable error objects.

Odoo's ``type='json'`` dispatcher answers malformed JSON with a bare HTTP 400 and puts
a server traceback in every error. The mini-program needs a JSON-RPC error object with a
stable code and a message in the worker's language for every failure, and no traceback.
This dispatcher is Odoo's JSON-RPC dispatcher with exactly those two differences; routes
use ``type="shopfloor_json"``.
"""

import logging

from werkzeug.exceptions import HTTPException, NotFound

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError, ValidationError
from odoo.http import JsonRPCDispatcher, request

from ..tools import payload as payload_tools
from ..tools.api import RuleMessage, ShopfloorError, error
from ..tools.params import bad, check_payload

_logger = logging.getLogger(__name__)

# JSON-RPC 2.0 numeric codes; the stable shop-floor code is error.data.code.
JSONRPC_CODES = {
    "SF_BAD_JSON": -32700,
    "SF_UNKNOWN_METHOD": -32601,
    "SF_BAD_PARAMS": -32602,
    "SF_INTERNAL": -32603,
}
BUSINESS_ERROR = -32000


class ShopfloorJsonRPCDispatcher(JsonRPCDispatcher):
    routing_type = "shopfloor_json"

    @classmethod
    def is_compatible_with(cls, req):
        # Whatever the content type, answer with a JSON-RPC error object.
        return True

    def dispatch(self, endpoint, args):
        try:
            # strict: invalid UTF-8 is refused (Odoo's get_json_data would store U+FFFD),
            # so are NaN/Infinity and bodies nested beyond what the parser can take
            self.jsonrequest = payload_tools.parse(self.request.httprequest.get_data())
        except payload_tools.BodyError as exc:
            raise error("SF_BAD_JSON", reason=str(exc)) from None
        if not isinstance(self.jsonrequest, dict):
            raise error("SF_BAD_JSON")
        request_id = self.jsonrequest.get("id")
        # echo only a JSON-RPC id (string, number, null), never a value the check refuses
        ok_id = isinstance(request_id, str | int) and not isinstance(request_id, bool)
        self.request_id = request_id if ok_id else None
        try:
            payload_tools.check(request_id)
        except payload_tools.PayloadError:
            self.request_id = None
        params = self.jsonrequest.get("params", {})
        if params is None:
            params = {}
        if not isinstance(params, dict):
            raise bad("params", "object")
        # every endpoint: one check of the whole body (NUL, surrogates, numbers, depth)
        check_payload(params)
        self.request.params = dict(args, payload=params)
        self._check_request_lang()
        result = self.request.registry["ir.http"]._dispatch(endpoint)
        # What is left to recompute is flushed here, in the request's checked context:
        # otherwise Odoo flushes it at commit with any environment of the transaction
        # (Transaction.flush), possibly one made from the browser's session context with
        # a language the database lacks ("Invalid language code", now and then). Stored
        # computed fields are computed as superuser anyway (compute_sudo).
        self.request.env(user=SUPERUSER_ID).flush_all()
        return self._response(result)

    def _check_request_lang(self):
        """Odoo puts the browser's Accept-Language into the request's context; a language
        this database does not have makes Odoo refuse every translated read ("Invalid
        language code", a UserError answered as SF_BUSINESS_RULE: the worker app in a
        Chinese browser on a database without zh_CN). The API chooses the worker's
        language itself (``shopfloor.api._get_api_env``): the request's own context keeps
        a language only when it is installed."""
        env = self.request.env
        lang = env.context.get("lang")
        if lang and lang != "en_US" and not env["res.lang"]._get_data(code=lang):
            self.request.update_context(lang="en_US")

    def handle_error(self, exc):
        meta = getattr(self.request, "shopfloor_meta", None) or {}
        lang = meta.get("lang") or "zh_CN"
        if isinstance(exc, ShopfloorError):
            sf_error = exc
        elif isinstance(exc, NotFound):
            sf_error = error("SF_UNKNOWN_METHOD", method=self.request.httprequest.path)
        elif isinstance(exc, AccessDenied | AccessError):
            _logger.info("Shop-floor API %s: access refused: %s", meta.get("endpoint"), exc)
            sf_error = error("SF_FORBIDDEN")
        elif isinstance(exc, MissingError):
            sf_error = error("SF_UNKNOWN_CODE")
        elif isinstance(exc, UserError | ValidationError):
            # A rule of Odoo itself (e.g. a constraint): its message was written in the
            # language of the records' environment; in another language a generic message
            # of the catalogue is shown, never a fragment of the other language.
            text = str(exc.args[0]) if exc.args else ""
            # with the traceback: the rule may come from any addon on the path
            _logger.info(
                "Shop-floor API %s: business rule: %s", meta.get("endpoint"), text, exc_info=True
            )
            sf_error = error("SF_BUSINESS_RULE", rule=RuleMessage(text, self._text_lang(meta)))
        elif isinstance(exc, RecursionError):
            sf_error = bad("params", "depth")
        elif isinstance(exc, HTTPException) and exc.code and exc.code < 500:
            sf_error = error("SF_BAD_JSON")
        else:
            _logger.exception("Shop-floor API call failed: %s", meta.get("endpoint"))
            sf_error = error("SF_INTERNAL")
        if request and request.db and meta:
            # sudo: the failure log is the framework's own table (no user is identified yet)
            request.env["shopfloor.api"].sudo()._log_failure(meta, sf_error.code)
        data = sf_error.to_dict(lang)
        return self._response(
            error={
                "code": JSONRPC_CODES.get(sf_error.code, BUSINESS_ERROR),
                "message": data["message"],
                "data": data,
            }
        )

    def _text_lang(self, meta):
        """The language Odoo wrote a rule's message in: the worker's when it is installed
        (the API's records environment), English otherwise (see shopfloor.api)."""
        lang = meta.get("lang")
        if not lang or not meta.get("company_id"):
            return (request.env.lang if request and request.env else None) or "en_US"
        try:
            return request.env["res.lang"]._get_code(lang) or "en_US"
        except Exception:  # an aborted transaction: the cache usually answers first
            return "en_US"
