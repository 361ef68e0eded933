from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TraceCommon


@tagged("post_install", "-at_install")
class TestQualityGuards(TraceCommon):
    def test_done_checks_survive_their_order(self):
        """Checks done are history: no SQL cascade from the work order or the order."""
        Check = self.env["shopfloor.quality.check"]
        self.assertEqual(Check._fields["workorder_id"].ondelete, "restrict")
        self.assertEqual(Check._fields["production_id"].ondelete, "restrict")
        token = self.bind(self.worker)
        mo = self._make_mo(self.bom_sub, 6)
        cut = self._wos(mo)[0]
        self.call("workorder/start", token, workorder_id=cut.id)
        self.call("workorder/report", token, workorder_id=cut.id, qty_good=1)
        self.call("quality/do", token, workorder_id=cut.id, measure=100.0)
        self.assertTrue(cut.quality_check_ids.filtered(lambda c: c.state != "todo"))
        with self.assertRaises(UserError):
            cut._unlink_quality_checks()
        with self.assertRaises(UserError):
            mo._unlink_quality_checks()
        # an unknown or foreign check id answers the same
        self.call(
            "quality/do",
            token,
            check_id=999999999,
            result="pass",
            expect_error="SF_QC_UNKNOWN_CHECK",
        )
