from odoo import Command
from odoo.tests import tagged

from .common import TraceCommon


@tagged("post_install", "-at_install")
class TestLotEntry(TraceCommon):
    """The worker numbers the batch or the serials at the last operation
    (``lot_name`` / ``serial_names`` of workorder/report and workorder/finish)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.wc_line = env["mrp.workcenter"].create({"name": "SF Lot entry line"})
        cls.worker.shopfloor_workcenter_ids = [Command.link(cls.wc_line.id)]
        cls.lot_part = env["product.product"].create(
            {"name": "SF Lot part", "is_storable": True, "tracking": "lot"}
        )
        cls.serial_part = env["product.product"].create(
            {"name": "SF Serial part", "is_storable": True, "tracking": "serial"}
        )
        cls.plain_part = env["product.product"].create(
            {"name": "SF Plain part", "is_storable": True}
        )

        def bom(product, ops):
            return env["mrp.bom"].create(
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "operation_ids": [
                        Command.create(
                            {"name": name, "workcenter_id": cls.wc_line.id, "sequence": i}
                        )
                        for i, name in enumerate(ops)
                    ],
                }
            )

        cls.bom_lot = bom(cls.lot_part, ["Press", "Pack"])
        cls.bom_serial = bom(cls.serial_part, ["Build"])
        cls.bom_plain = bom(cls.plain_part, ["Make"])

    def _started(self, token, bom, qty):
        mo = self._make_mo(bom, qty)
        wos = mo.workorder_ids.sorted("sequence")
        for wo in wos:
            self.call("workorder/start", token, workorder_id=wo.id)
        return mo, wos

    def test_lot_named_by_the_worker(self):
        token = self.bind(self.worker)
        mo, (press, pack) = self._started(token, self.bom_lot, 5)
        info = self.api("workorder/get", {"workorder_id": pack.id}, token)["workorder"]
        self.assertEqual((info["tracking"], info["lot_entry"], info["lot"]), ("lot", True, None))
        self.assertFalse(
            self.api("workorder/get", {"workorder_id": press.id}, token)["workorder"]["lot_entry"]
        )
        # not at the first operation: nothing is numbered there
        self.call(
            "workorder/report",
            token,
            expect_error="SF_TRACE_LOT_NOT_HERE",
            workorder_id=press.id,
            qty_good=1,
            lot_name="B-1",
        )
        self.call("workorder/report", token, workorder_id=press.id, qty_good=5)
        self.call(
            "workorder/report",
            token,
            expect_error="SF_TRACE_LOT_NOT_HERE",
            workorder_id=pack.id,
            qty_good=1,
            serial_names=["S-1"],
        )
        res = self.call("workorder/report", token, workorder_id=pack.id, qty_good=2, lot_name="B-7")
        self.assertEqual(res["report"]["lots"], ["B-7"])
        self.assertEqual(mo.lot_producing_id.name, "B-7")
        # the same batch again is fine; another number for it is not
        res = self.call("workorder/report", token, workorder_id=pack.id, qty_good=1, lot_name="B-7")
        self.assertEqual(res["report"]["lots"], ["B-7"])
        err = self.call(
            "workorder/report",
            token,
            expect_error="SF_TRACE_LOT_MISMATCH",
            workorder_id=pack.id,
            qty_good=1,
            lot_name="B-8",
        )
        self.assertEqual(err.details["lot"], "B-7")
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "B-8")]), "nothing written")
        info = self.api("workorder/get", {"workorder_id": pack.id}, token)["workorder"]
        self.assertEqual(info["lot"], "B-7")

    def test_serials_named_by_the_worker(self):
        token = self.bind(self.worker)
        _mo, (build,) = self._started(token, self.bom_serial, 3)
        err = self.call(
            "workorder/report",
            token,
            expect_error="SF_TRACE_SERIAL_COUNT",
            workorder_id=build.id,
            qty_good=2,
            serial_names=["M-1"],
        )
        self.assertEqual((err.details["expected"], err.details["given"]), (2, 1))
        self.call(
            "workorder/report",
            token,
            expect_error="SF_TRACE_SERIAL_EXISTS",
            workorder_id=build.id,
            qty_good=2,
            serial_names=["M-1", "M-1"],
        )
        res = self.call(
            "workorder/report",
            token,
            workorder_id=build.id,
            qty_good=2,
            serial_names=["M-1", "M-2"],
        )
        self.assertEqual(sorted(res["report"]["lots"]), ["M-1", "M-2"])
        err = self.call(
            "workorder/finish",
            token,
            expect_error="SF_TRACE_SERIAL_EXISTS",
            workorder_id=build.id,
            qty_good=1,
            serial_names=["M-2"],
        )
        self.assertEqual(err.details["serial"], "M-2")
        self.call(
            "workorder/report",
            token,
            expect_error="SF_BAD_PARAMS",
            workorder_id=build.id,
            qty_good=1,
            serial_names="M-3",
        )
        self.call(
            "workorder/finish",
            token,
            expect_error="SF_TRACE_LOT_NOT_HERE",
            workorder_id=build.id,
            serial_names=["M-3"],
        )
        res = self.call(
            "workorder/finish", token, workorder_id=build.id, qty_good=1, serial_names=["M-3"]
        )
        self.assertEqual(res["report"]["lots"], ["M-3"])
        self.assertEqual(
            self.env["stock.lot"].search_count([("product_id", "=", self.serial_part.id)]), 3
        )

    def test_no_tracking_no_numbers(self):
        token = self.bind(self.worker)
        _mo, (make,) = self._started(token, self.bom_plain, 2)
        info = self.api("workorder/get", {"workorder_id": make.id}, token)["workorder"]
        self.assertEqual((info["tracking"], info["lot_entry"]), ("none", False))
        self.call(
            "workorder/report",
            token,
            expect_error="SF_TRACE_LOT_NOT_HERE",
            workorder_id=make.id,
            qty_good=1,
            lot_name="X-1",
        )
        self.assertFalse(make.shopfloor_report_ids, "the refused report wrote nothing")
