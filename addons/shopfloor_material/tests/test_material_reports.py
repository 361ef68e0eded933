import base64
import datetime
import io

import openpyxl
import pytz
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import MaterialCommon


@tagged("post_install", "-at_install")
class TestMaterialReports(MaterialCommon):
    """Variance, its xlsx export, the issue slip, and material scrap in the wage rules."""

    def _prepare(self):
        Move = self.env["shopfloor.material.move"].with_user(self.storekeeper_user)
        mo = self._create_mo(10)
        Move._sf_issue(mo, self.component, 20)
        Move._sf_return(mo, self.component, 2)
        scrap = Move._sf_scrap(
            mo,
            self.component,
            4,
            self.defect_material,
            employee=self.worker,
            workorder=mo.workorder_ids[:1],
        )
        Move._sf_scrap(
            mo,
            self.component,
            2,
            self.defect_operator,
            employee=self.worker,
            workorder=mo.workorder_ids[:1],
        )
        return mo, scrap

    def test_variance_and_xlsx(self):
        self.component.standard_price = 3.0
        mo, _scrap = self._prepare()
        Variance = self.env["shopfloor.material.variance"].with_user(self.storekeeper_user)
        row = Variance.search(
            [("production_id", "=", mo.id), ("product_id", "=", self.component.id)]
        )
        self.assertEqual(len(row), 1)
        self.assertAlmostEqual(row.standard_qty, 20)
        self.assertAlmostEqual(row.issued_qty, 20)
        self.assertAlmostEqual(row.returned_qty, 2)
        self.assertAlmostEqual(row.scrapped_qty, 6)
        self.assertAlmostEqual(row.variance_qty, -2)
        self.assertAlmostEqual(row.variance_value, -6.0)
        self.assertAlmostEqual(row.to_issue_qty, 2)
        # a component not issued at all still shows what the order needs
        bolt = Variance.search([("production_id", "=", mo.id), ("product_id", "=", self.bolt.id)])
        self.assertAlmostEqual(bolt.to_issue_qty, 20)
        action = row.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )

        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        sheet = book.active
        self.assertEqual(sheet.cell(2, 3).value, self.component.display_name)

    def test_slip_report_renders_with_qr(self):
        _mo, scrap = self._prepare()
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "shopfloor_material.report_material_slip", scrap.ids
        )
        self.assertIn(b"data:image/png;base64", html)
        self.assertIn(scrap.name.encode(), html)

    def test_material_scrap_feeds_wage_quantities(self):
        mo, _scrap = self._prepare()
        wo = mo.workorder_ids[:1]
        quantities = self.env["shopfloor.wage.line"]._sf_read_quantities(
            self.env.company, pytz.timezone("Asia/Shanghai"), None, [wo.id]
        )
        rows = [
            v for (w, emp, _day), v in quantities.items() if w == wo.id and emp == self.worker.id
        ]
        self.assertEqual(len(rows), 1)
        _good, operator, material = rows[0]
        # 2 sheets per bracket: 4 material-caused sheets = 2 brackets, 2 operator-caused = 1
        self.assertAlmostEqual(material, 2)
        self.assertAlmostEqual(operator, 1)

    def test_piece_reported_twice_counts_once(self):
        """One spoiled bracket reported at the operation (workorder/report) and its two
        sheets scrapped through the ledger (material/scrap): one scrapped unit in wages,
        not two; the ledger adds only what the reports do not show."""
        # at noon in Shanghai: around midnight the report and the scrap fall on two days
        noon = fields.Datetime.now().replace(hour=4, minute=0, second=0, microsecond=0)
        with freeze_time(noon, tick=True):
            self._check_piece_reported_twice()

    def _check_piece_reported_twice(self):
        Move = self.env["shopfloor.material.move"].with_user(self.storekeeper_user)
        mo = self._create_mo(10)
        wo = mo.workorder_ids[:1]
        Move._sf_issue(mo, self.component, 20)
        now = fields.Datetime.now()
        wo._sf_start(self.worker, now - datetime.timedelta(minutes=30))
        wo._sf_report(self.worker, 3, 1, self.defect_operator, now - datetime.timedelta(minutes=10))
        # the same bracket's two sheets, scrapped on the line: 1 operation unit
        Move._sf_scrap(
            mo, self.component, 2, self.defect_operator, employee=self.worker, workorder=wo
        )

        def read():
            quantities = self.env["shopfloor.wage.line"]._sf_read_quantities(
                self.env.company, pytz.timezone("Asia/Shanghai"), None, [wo.id]
            )
            rows = [v for (w, emp, _d), v in quantities.items() if emp == self.worker.id]
            self.assertEqual(len(rows), 1)
            return rows[0]

        self.assertEqual(read(), [3, 1, 0])
        # a second piece only in the ledger (material-caused): it counts, once
        Move._sf_scrap(
            mo, self.component, 2, self.defect_material, employee=self.worker, workorder=wo
        )
        self.assertEqual(read(), [3, 1, 1])
