import io
import re
import subprocess
import unicodedata

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin
from odoo.tests import TransactionCase, tagged
from odoo.tools.pdf import PdfFileReader

NAME = "铝合金轮毂 Alloy wheel"
REPORTS = (
    "shopfloor_trace.action_report_lot_label_50x30",
    "shopfloor_trace.action_report_lot_label_100x50",
)


@tagged("post_install", "-at_install")
class TestLotLabel(TransactionCase):
    """Lot labels: one page per label (no empty label at the end), each rendered in a
    UTF-8 document so that Chinese product names print right (as the badges)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create(
            {"name": NAME, "default_code": "LUN-01", "is_storable": True, "tracking": "lot"}
        )
        cls.lots = cls.env["stock.lot"].create(
            [{"name": f"LBL-{i}", "product_id": product.id} for i in range(3)]
        )

    def test_html_one_utf8_article_per_label(self):
        for xmlid in REPORTS:
            with self.subTest(xmlid):
                Report = self.env["ir.actions.report"]
                report = self.env.ref(xmlid)
                html = Report._render_qweb_html(report, self.lots.ids)[0].decode()
                self.assertNotIn("page-break-after", html)
                bodies, res_ids, *_rest = Report._prepare_html(html, report_model=report.model)
                self.assertEqual(len(bodies), 3)
                self.assertEqual(res_ids, self.lots.ids)
                for body, lot in zip(map(str, bodies), self.lots, strict=True):
                    self.assertRegex(body, r'<meta charset="utf-8"\s*/?>')
                    self.assertIn(NAME[:5], body)
                    self.assertIn(lot.name, body)

    def _wkhtmltopdf_patched(self):
        """Odoo renders several documents in one wkhtmltopdf call, which only the
        "patched qt" build (wkhtmltopdf.org packages) supports; Debian's cannot."""
        try:
            out = subprocess.run(
                [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, text=True, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return False
        return "patched qt" in out.lower()

    def test_pdf_pages_and_text(self):
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not installed: PDF labels not rendered")
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        patched = self._wkhtmltopdf_patched()
        for xmlid in REPORTS:
            with self.subTest(xmlid):
                # the text layer holds the Chinese name (one label: any wkhtmltopdf build)
                pdf, _kind = Report._render_qweb_pdf(xmlid, self.lots[:1].ids)
                reader = PdfFileReader(io.BytesIO(pdf))
                self.assertEqual(len(reader.pages), 1)
                text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
                self.assertIn("铝合金轮毂", re.sub(r"\s", "", text))
                self.assertIn(self.lots[0].name, text)
            with self.subTest(xmlid, labels=3):
                if not patched:
                    self.skipTest("wkhtmltopdf without patched qt: one document per call only")
                pdf, _kind = Report._render_qweb_pdf(xmlid, self.lots.ids)
                reader = PdfFileReader(io.BytesIO(pdf))
                self.assertEqual(len(reader.pages), 3, "N labels give N pages")
                text = unicodedata.normalize(
                    "NFKC", "".join(page.extract_text() for page in reader.pages)
                )
                for lot in self.lots:
                    self.assertIn(lot.name, text)
