"""The worker app: an installable web app served by Odoo at /shopfloor/app.

Public pages (no Odoo login): the app signs in against the shop-floor API with its own
bearer token. The page, its web app manifest and its service worker carry no data and
no secret, so the service worker may keep them for offline starts.
"""

import json

from odoo import http
from odoo.http import request
from odoo.tools import file_open

APP_PATH = "/shopfloor/app"


class ShopfloorAppController(http.Controller):
    @http.route(
        APP_PATH, type="http", auth="public", methods=["GET"], sitemap=False, save_session=False
    )
    def app(self, **kwargs):
        response = request.render("shopfloor_mp.app_page", {"app_path": APP_PATH})
        # always revalidated: the service worker serves it offline, not the HTTP cache
        response.headers["Cache-Control"] = "no-cache"
        return response

    @http.route(
        f"{APP_PATH}/manifest.webmanifest",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        save_session=False,
    )
    def manifest(self):
        icons = "/shopfloor_mp/static/app/icon-%s.png"
        manifest = {
            "name": "车间报工 Shop floor",
            "short_name": "车间报工",
            "description": "Shop-floor work orders: scan, start, report, finish.",
            "lang": "zh-CN",
            "start_url": APP_PATH,
            "scope": APP_PATH,
            "id": APP_PATH,
            "display": "standalone",
            "orientation": "any",
            "background_color": "#f2f4f7",
            "theme_color": "#1f2937",
            "icons": [
                {"src": icons % size, "sizes": f"{size}x{size}", "type": "image/png", "purpose": p}
                for size in (192, 512)
                for p in ("any", "maskable")
            ],
        }
        return request.make_response(
            json.dumps(manifest, ensure_ascii=False),
            headers=[
                ("Content-Type", "application/manifest+json; charset=utf-8"),
                ("Cache-Control", "no-cache"),
            ],
        )

    @http.route(
        f"{APP_PATH}/sw.js",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        save_session=False,
    )
    def service_worker(self):
        with file_open("shopfloor_mp/static/app/sw.js", "rb") as f:
            body = f.read()
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/javascript; charset=utf-8"),
                # the worker lives under /shopfloor/app/ but controls /shopfloor/app itself
                ("Service-Worker-Allowed", APP_PATH),
                ("Cache-Control", "no-cache"),
            ],
        )
