import json

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWorkerApp(HttpCase):
    """The worker app's public routes, as a phone that is not logged in to Odoo sees
    them (the screens themselves are tested in a browser: tests/test_app_browser.py)."""

    def test_page_loads_its_own_bundle(self):
        resp = self.url_open("/shopfloor/app")
        self.assertEqual(resp.status_code, 200)
        html = resp.text
        self.assertIn("shopfloor_mp.assets_app.min.js", html)
        self.assertIn("shopfloor_mp.assets_app.min.css", html)
        self.assertIn('rel="manifest" href="/shopfloor/app/manifest.webmanifest"', html)
        self.assertNotIn("web.assets_frontend", html, "no website/backend bundle")
        self.assertEqual(resp.headers.get("Cache-Control"), "no-cache")
        self.assertNotIn("session_id", resp.headers.get("Set-Cookie", ""), "no Odoo session")

    def test_bundle_has_the_app_and_odoo_parts_it_needs(self):
        bundle = self.env["ir.qweb"]._get_asset_bundle("shopfloor_mp.assets_app")
        names = [f["url"] for f in bundle.files]
        for needed in (
            "/web/static/lib/owl/owl.js",
            "/web/static/src/core/barcode/barcode_video_scanner.js",
            "/barcodes/static/src/barcode_service.js",
            "/shopfloor_mp/static/src/api/outbox.js",
            "/shopfloor_mp/static/src/app/main.js",
        ):
            self.assertIn(needed, names)
        self.assertFalse(
            [n for n in names if "/web/static/src/webclient/" in n], "no backend web client"
        )

    def test_manifest_and_service_worker(self):
        resp = self.url_open("/shopfloor/app/manifest.webmanifest")
        self.assertEqual(resp.status_code, 200)
        self.assertTrue(resp.headers["Content-Type"].startswith("application/manifest+json"))
        manifest = json.loads(resp.content)
        self.assertEqual(manifest["scope"], "/shopfloor/app")
        self.assertEqual(manifest["start_url"], "/shopfloor/app")
        self.assertEqual(manifest["display"], "standalone")
        sizes = {icon["sizes"] for icon in manifest["icons"]}
        self.assertEqual(sizes, {"192x192", "512x512"})
        for icon in manifest["icons"]:
            self.assertEqual(self.url_open(icon["src"]).status_code, 200)
        resp = self.url_open("/shopfloor/app/sw.js")
        self.assertEqual(resp.status_code, 200)
        self.assertEqual(resp.headers["Service-Worker-Allowed"], "/shopfloor/app")
        self.assertIn("javascript", resp.headers["Content-Type"])
        self.assertIn("/shopfloor/api/", resp.text, "API calls are never cached")

    def test_job_card_landing_opens_the_app(self):
        workcenter = self.env["mrp.workcenter"].create({"name": "App landing WC"})
        code = self.env["shopfloor.code"]._get_codes(workcenter)[workcenter.id]
        resp = self.url_open(f"/sf/q/{code}", allow_redirects=False)
        self.assertEqual(resp.status_code, 200)
        self.assertIn(f"/shopfloor/app?code={code}", resp.text)
        self.assertNotIn("App landing WC", resp.text, "nothing about the record")
