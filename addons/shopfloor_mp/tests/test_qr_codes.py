from odoo.tests import tagged

from ..tools import qr
from ..tools.api import ShopfloorError
from .common import ShopfloorCommon


@tagged("post_install", "-at_install")
class TestQrCodes(ShopfloorCommon):
    def test_codes_are_opaque_and_resolve(self):
        mo = self._create_mo(2)
        wos = mo.workorder_ids
        Code = self.env["shopfloor.code"]
        codes = Code._get_codes(wos)
        self.assertEqual(len(set(codes.values())), len(wos))
        self.assertEqual(Code._get_codes(wos), codes, "codes are stable")
        url = Code._get_url(wos[0])
        self.assertIn("/sf/q/", url)
        self.assertEqual(Code._resolve(url), wos[0])
        self.assertEqual(Code._resolve(codes[wos[1].id].lower()), wos[1])
        for bad in ("", "nonsense", "https://x.example.com/sf/q/ZZZZZZZZZZ", None, 42):
            with self.assertRaises(ShopfloorError) as ctx:
                Code._resolve(bad)
            self.assertEqual(ctx.exception.code, "SF_UNKNOWN_CODE")

    def test_other_company_code(self):
        other = self.env["res.company"].create({"name": "SF Other Co"})
        wc = self.env["mrp.workcenter"].create({"name": "Other WC", "company_id": other.id})
        code = self.env["shopfloor.code"]._get_codes(wc)[wc.id]
        with self.assertRaises(ShopfloorError) as ctx:
            self.env["shopfloor.code"]._resolve(code, self.company)
        self.assertEqual(ctx.exception.code, "SF_OTHER_COMPANY")

    def test_job_card_and_badge_render(self):
        mo = self._create_mo(2)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "shopfloor_mp.report_job_card", mo.ids
        )[0]
        self.assertIn(b"data:image/png;base64", html)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "shopfloor_mp.report_badge", self.worker.ids
        )[0]
        self.assertIn(b"SF Worker Li", html)
        self.assertTrue(qr.qr_png("x").startswith(b"\x89PNG"))
