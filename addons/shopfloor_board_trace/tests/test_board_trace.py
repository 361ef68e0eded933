import datetime

from odoo import Command
from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.tests import tagged

NOW = datetime.datetime(2026, 3, 2, 10, 30)


@tagged("post_install", "-at_install")
class TestBoardQuality(ShopfloorCommon):
    """The boards' quality page: first-pass yield as the ratio of the day's sums."""

    def test_fpy_is_the_ratio_of_sums_and_top_defects(self):
        self.env.company.resource_calendar_id.tz = "UTC"
        board = self.env["shopfloor.board"].create(
            {
                "name": "Quality board",
                "workcenter_ids": [Command.set((self.wc_cut | self.wc_weld).ids)],
                "page_ids": [Command.set(self.env.ref("shopfloor_board_trace.page_quality").ids)],
            }
        )
        mo = self._create_mo(qty=200)
        cut, weld = self._wos(mo)[:2]
        Report = self.env["shopfloor.report"]
        for wo, good, scrap, defect in (
            (cut, 90, 10, self.defect_operator),
            (weld, 10, 0, False),
            (cut, 0, 3, self.defect_material),
        ):
            Report.create(
                {
                    "workorder_id": wo.id,
                    "production_id": mo.id,
                    "workcenter_id": wo.workcenter_id.id,
                    "employee_id": self.worker.id,
                    "qty_good": good,
                    "qty_scrap": scrap,
                    "defect_type_id": defect and defect.id,
                    "date": NOW - datetime.timedelta(hours=1),
                }
            )
        # yesterday's report does not count
        Report.create(
            {
                "workorder_id": weld.id,
                "production_id": mo.id,
                "workcenter_id": self.wc_weld.id,
                "employee_id": self.worker.id,
                "qty_scrap": 50,
                "date": NOW - datetime.timedelta(days=1),
            }
        )
        data = board._get_board_data(NOW)["pages"][0]["data"]
        # 100 good of 113 processed: 88.5 %, not the mean of 87.4 % and 100 %
        self.assertAlmostEqual(data["fpy"], 88.5)
        lines = {x["id"]: x for x in data["lines"]}
        self.assertAlmostEqual(lines[self.wc_cut.id]["fpy"], 87.4)
        self.assertAlmostEqual(lines[self.wc_weld.id]["fpy"], 100.0)
        self.assertEqual([d["qty"] for d in data["defects"]], [10.0, 3.0])
