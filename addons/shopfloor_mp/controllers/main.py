import odoo
from odoo import http
from odoo.http import request

from ..tools import qr


class ShopfloorApiController(http.Controller):
    """Thin HTTP layer of the mini-program API v1: parse, then call shopfloor.api."""

    @http.route(
        "/shopfloor/api/v1/<path:path>",
        type="shopfloor_json",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        cors="*",
        # auth="none" routes default to a read-only cursor in Odoo 18: every write call
        # would fail once, log a database error and be replayed on a read/write cursor
        readonly=False,
    )
    def api_v1(self, path, payload):
        bearer = None
        header = request.httprequest.headers.get("Authorization", "")
        if header[:7].lower() == "bearer ":
            bearer = header[7:].strip() or None
        meta = {"ip": request.httprequest.remote_addr}
        request.shopfloor_meta = meta
        env = request.env(user=odoo.SUPERUSER_ID)  # only to find the API's own user
        api_user = env.ref("shopfloor_mp.user_shopfloor_api")
        return env["shopfloor.api"].with_user(api_user)._call(path, payload, bearer, meta)

    @http.route("/sf/q/<string:code>", type="http", auth="public", methods=["GET"])
    def scan_landing(self, code):
        """Where a plain phone camera lands: a page that opens the worker app on this
        code (the app asks who the worker is first). It reveals nothing about the
        record behind the code."""
        if not qr.parse(code):
            return request.not_found()
        return request.render("shopfloor_mp.scan_landing", {"code": code})
