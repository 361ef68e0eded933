"""Public board pages: /shopfloor/board/<token>, opened without login on a screen.

The token is the board's secret (stored hashed). The page carries no data; it reads it
from /shopfloor/board/data with the token in its Authorization header, so that the
polling every few seconds does not repeat the secret in proxy logs. Wrong or revoked
token: 404, whatever board it would be."""

import json

from markupsafe import Markup

from odoo import http
from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.http import request

BOARD_PATH = "/shopfloor/board"
HEADERS = [
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Robots-Tag", "noindex, nofollow"),
]


class ShopfloorBoardController(http.Controller):
    def _get_board(self, token):
        board = request.env["shopfloor.board"]._find_by_token(token)
        if not board:
            raise request.not_found()
        return board

    @http.route(
        f"{BOARD_PATH}/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        save_session=False,
    )
    def board(self, token, **kwargs):
        board = self._get_board(token)
        config = dict(
            board._get_board_config(),
            data_url=f"{BOARD_PATH}/data",
            websocket_version=WebsocketConnectionHandler._VERSION,
            # the page subscribes from here: older pings are older than its data
            # sudo: the last id of the bus table, no content
            bus_last=request.env["bus.bus"].sudo()._bus_last_id(),
        )
        response = request.render(
            "shopfloor_board.board_page",
            {
                "config": config,
                # raw JSON in a <script> element: "</" cannot close it once escaped
                "config_json": Markup(json.dumps(config).replace("</", "<\\/")),
                "lang_attr": "zh-CN" if config["lang"] == "zh_CN" else "en",
            },
        )
        response.headers.update(dict(HEADERS))
        return response

    @http.route(
        f"{BOARD_PATH}/data",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        sitemap=False,
        save_session=False,
    )
    def board_data(self, **kwargs):
        auth = request.httprequest.headers.get("Authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        board = request.env["shopfloor.board"]._find_by_token(token)
        if not board:
            return request.make_json_response({"error": "not_found"}, status=404, headers=HEADERS)
        return request.make_json_response(board._get_board_data(), headers=HEADERS)
