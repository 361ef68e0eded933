from odoo.tests import tagged

from ..hooks import uninstall_hook
from .common import MaterialCommon


@tagged("post_install", "-at_install")
class TestMaterialUninstall(MaterialCommon):
    """The uninstall hook removes the demo's stock flows (orders, moves, scraps, quants)
    and gives back to shopfloor_mp's demo quants what they were; a user's stay."""

    def test_hook_removes_demo_flows_only(self):
        demo_mos = self.env["mrp.production"].search([("origin", "=", "Demo material")])
        if not demo_mos:
            self.skipTest("a database without the demo")
        mo = self._create_mo(10)
        Move = self.env["shopfloor.material.move"]
        mine = Move._sf_issue(mo, self.component, 5)
        lot = self.env.ref("shopfloor_mp.demo_lot_blank_a")
        adjust = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id.usage", "=", "inventory")]
        )
        uninstall_hook(self.env)
        self.assertFalse(demo_mos.exists())
        self.assertFalse(Move.search([("production_id", "in", demo_mos.ids)]))
        self.assertTrue(mo.exists() and mine.exists(), "the user's order and issue stay")
        self.assertEqual(mine.stock_move_id.state, "done")
        adjust.invalidate_recordset()
        # what is left counted in is shopfloor_mp's demo quant of lot A (400): every count
        # the material demo's loads made (its MCH store) is taken back
        self.assertEqual(sum(adjust.exists().mapped("quantity")), -400)
        self.assertFalse(
            self.env["stock.quant"].search(
                [("lot_id", "=", lot.id), ("location_id.warehouse_id.code", "=", "MCH")]
            )
        )
