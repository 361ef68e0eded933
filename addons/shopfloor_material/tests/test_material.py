from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MaterialCommon


@tagged("post_install", "-at_install")
class TestMaterialRules(MaterialCommon):
    """The rules of issue, return, replenishment and scrap, as a storekeeper (backend)."""

    def setUp(self):
        super().setUp()
        self.Move = self.env["shopfloor.material.move"].with_user(self.storekeeper_user)

    def assertError(self, code, func, *args, **kwargs):
        with self.assertRaises(ShopfloorError) as cm:
            func(*args, **kwargs)
        self.assertEqual(cm.exception.code, code, cm.exception.get_message("en_US"))

    def _mo(self, qty=10, warehouse=None):
        return self._create_mo(qty, warehouse=warehouse).with_user(self.storekeeper_user)

    # -- standard and allowance -------------------------------------------------
    def test_standard_uom_and_kits(self):
        mo = self._mo(10)
        info = mo._sf_material_info()
        self.assertAlmostEqual(info[self.component.id]["allowed"], 20)
        # 250 g per unit, stocked in kg
        self.assertAlmostEqual(info[self.powder.id]["allowed"], 2.5)
        # the kit is exploded into its components
        self.assertNotIn(self.kit.id, info)
        self.assertAlmostEqual(info[self.bolt.id]["allowed"], 20)
        self.assertAlmostEqual(info[self.nut.id]["allowed"], 20)

    def test_tolerance_and_planned_scrap(self):
        self.env.company.shopfloor_material_tolerance = 10.0
        mo = self._mo(10)
        mo.sudo().shopfloor_planned_scrap_qty = 1
        info = mo._sf_material_info([self.component.id])[self.component.id]
        # 2 x (10 + 1) x 1.1 = 24.2 (units are counted to 0.01)
        self.assertAlmostEqual(info["allowed"], 24.2)

    # -- issue --------------------------------------------------------------------
    def test_issue_one_step_to_line_side(self):
        mo = self._mo(10)
        move = self.Move._sf_issue(mo, self.component, 5)
        self.assertEqual(move.kind, "issue")
        self.assertEqual(move.stock_move_id.state, "done")
        self.assertEqual(move.location_dest_id, self.wh1.shopfloor_line_location_id)
        self.assertEqual(self._line_qty(mo, self.component), 5)
        self.assertEqual(mo._sf_material_info()[self.component.id]["allowed"], 15)

    def test_over_issue_refused_and_writes_nothing(self):
        mo = self._mo(10)
        self.Move._sf_issue(mo, self.component, 20)
        count = self.Move.search_count([])
        self.assertError("SF_MAT_OVER_ISSUE", self.Move._sf_issue, mo, self.component, 1)
        self.assertEqual(self.Move.search_count([]), count)
        self.assertEqual(self._line_qty(mo, self.component), 20)

    def test_issue_uom_rounding(self):
        mo = self._mo(10)
        self.Move._sf_issue(mo, self.powder, 2.5, lot=self.lot1)
        self.assertError(
            "SF_MAT_OVER_ISSUE", self.Move._sf_issue, mo, self.powder, 0.01, lot=self.lot1
        )

    def test_issue_kit_component_not_kit(self):
        mo = self._mo(10)
        self.Move._sf_issue(mo, self.bolt, 20)
        self.assertError("SF_MAT_NOT_COMPONENT", self.Move._sf_issue, mo, self.kit, 1)
        self.assertError("SF_MAT_NOT_COMPONENT", self.Move._sf_issue, mo, self.product, 1)

    def test_lots(self):
        mo = self._mo(10)
        self.assertError("SF_MAT_LOT_REQUIRED", self.Move._sf_issue, mo, self.powder, 1)
        other = self.env["stock.lot"].create({"name": "SF-X", "product_id": self.bolt.id})
        self.assertError("SF_MAT_LOT_MISMATCH", self.Move._sf_issue, mo, self.powder, 1, lot=other)
        self.assertError(
            "SF_MAT_LOT_MISMATCH", self.Move._sf_issue, mo, self.component, 1, lot=other
        )
        self.Move._sf_issue(mo, self.powder, 1, lot=self.lot1)
        self.Move._sf_issue(mo, self.powder, 1, lot=self.lot2)
        self.assertEqual(self._line_qty(mo, self.powder, self.lot1), 1)
        # the allowance counts every lot of the component
        self.assertError(
            "SF_MAT_OVER_ISSUE", self.Move._sf_issue, mo, self.powder, 1, lot=self.lot1
        )

    def test_no_stock(self):
        mo = self._mo(600)  # 1200 sheets allowed, 1000 in stock
        self.assertError("SF_MAT_NO_STOCK", self.Move._sf_issue, mo, self.component, 1100)

    def test_mo_state(self):
        mo = self.env["mrp.production"].create(
            {"product_id": self.product.id, "product_qty": 1, "bom_id": self.bom.id}
        )
        self.assertError("SF_MAT_MO_STATE", self.Move._sf_issue, mo, self.component, 1)

    def test_retry_with_same_request_uid(self):
        mo = self._mo(10)
        first = self.Move._sf_issue(mo, self.component, 3, request_uid="retry-0001")
        again = self.Move._sf_issue(mo, self.component, 3, request_uid="retry-0001")
        self.assertEqual(first, again)
        self.assertEqual(self._line_qty(mo, self.component), 3)

    # -- 2-step manufacturing ------------------------------------------------------
    def test_issue_two_steps_through_pick_components(self):
        mo = self._mo(10, warehouse=self.wh2)
        raw = mo.move_raw_ids.filtered(lambda m: m.product_id == self.component)
        pick = raw.move_orig_ids
        self.assertEqual(pick.picking_type_id, self.wh2.pbm_type_id)
        move = self.Move._sf_issue(mo, self.component, 6)
        done = move.stock_move_id
        self.assertEqual(done.state, "done")
        self.assertEqual(done.picking_id, pick.picking_id, "issued in Odoo's own transfer")
        self.assertEqual(done.location_dest_id, self.wh2.pbm_loc_id)
        self.assertIn(raw, done.move_dest_ids, "chained to the order's component move")
        open_pick = raw.move_orig_ids.filtered(lambda m: m.state != "done")
        self.assertAlmostEqual(sum(open_pick.mapped("product_qty")), 14)
        self.assertAlmostEqual(raw.quantity, 6, msg="the order reserved what was issued")

    def test_issue_two_steps_beyond_transfer_demand(self):
        self.env.company.shopfloor_material_tolerance = 10.0
        mo = self._mo(10, warehouse=self.wh2)
        self.Move._sf_issue(mo, self.component, 20)
        move = self.Move._sf_issue(mo, self.component, 2)
        raw = mo.move_raw_ids.filtered(lambda m: m.product_id == self.component)
        self.assertIn(raw, move.stock_move_id.move_dest_ids)
        # the order reserves its demand; the tolerance's extra waits on the line
        self.assertEqual(self._line_qty(mo, self.component), 2)
        self.assertAlmostEqual(raw.quantity, 20)

    # -- return -------------------------------------------------------------------
    def test_return_at_most_issued_of_same_lot(self):
        for warehouse in (self.wh1, self.wh2):
            mo = self._mo(10, warehouse=warehouse)
            self.Move._sf_issue(mo, self.powder, 2, lot=self.lot1)
            self.assertError(
                "SF_MAT_RETURN_EXCEEDS", self.Move._sf_return, mo, self.powder, 1, lot=self.lot2
            )
            self.assertError(
                "SF_MAT_RETURN_EXCEEDS", self.Move._sf_return, mo, self.powder, 2.5, lot=self.lot1
            )
            back = self.Move._sf_return(mo, self.powder, 0.5, lot=self.lot1)
            self.assertEqual(back.stock_move_id.location_dest_id, warehouse.lot_stock_id)
            info = mo._sf_material_info([self.powder.id])[self.powder.id]
            self.assertAlmostEqual(info["returned"], 0.5)
            self.assertAlmostEqual(info["allowed"], 1.0)

    def test_return_not_consumed(self):
        mo = self._mo(2)
        self.Move._sf_issue(mo, self.component, 4)
        self.Move._sf_issue(mo, self.bolt, 4)
        self.Move._sf_issue(mo, self.nut, 4)
        self.Move._sf_issue(mo, self.powder, 0.5, lot=self.lot1)
        # consume everything from the line: configure the order to take from there
        mo.sudo().location_src_id = self.wh1.shopfloor_line_location_id
        mo.sudo().move_raw_ids.location_id = self.wh1.shopfloor_line_location_id
        mo = mo.sudo()
        mo.action_assign()
        mo.qty_producing = 2
        mo.move_raw_ids.picked = True
        mo.button_mark_done()
        self.assertEqual(mo.state, "done")
        self.assertError("SF_MAT_MO_STATE", self.Move._sf_return, mo, self.component, 1)

    # -- scrap ------------------------------------------------------------------
    def test_scrap_with_defect_category(self):
        mo = self._mo(10)
        self.Move._sf_issue(mo, self.component, 5)
        self.assertError("SF_MAT_DEFECT_REQUIRED", self.Move._sf_scrap, mo, self.component, 1, None)
        self.assertError(
            "SF_MAT_SCRAP_EXCEEDS",
            self.Move._sf_scrap,
            mo,
            self.component,
            6,
            self.defect_material,
        )
        scrap = self.Move._sf_scrap(mo, self.component, 2, self.defect_material)
        self.assertEqual(scrap.scrap_id.state, "done")
        self.assertEqual(scrap.scrap_id.shopfloor_defect_type_id, self.defect_material)
        self.assertEqual(scrap.defect_category, "material")
        self.assertEqual(self._line_qty(mo, self.component), 3)
        # scrapped material cannot be returned
        self.assertError("SF_MAT_RETURN_EXCEEDS", self.Move._sf_return, mo, self.component, 4)

    # -- replenishment ---------------------------------------------------------------
    def test_replenishment_approved_by_leader_in_backend(self):
        mo = self._mo(10)
        Request = self.env["shopfloor.material.request"].with_user(self.worker_user)
        self.assertError(
            "SF_MAT_NOT_OVER", Request._sf_request, mo, self.component, 5, "broken sheet"
        )
        self.Move._sf_issue(mo, self.component, 20)
        self.assertError("SF_MAT_REASON_REQUIRED", Request._sf_request, mo, self.component, 3, " ")
        request = Request._sf_request(mo, self.component, 3, "sheet cut wrong")
        self.assertEqual(request.state, "to_approve")
        self.assertEqual(self._line_qty(mo, self.component), 20, "nothing moves before approval")
        self.assertError("SF_MAT_NOT_LEADER", request.action_approve)
        request.with_user(self.leader_user).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.issue_id.qty, 3)
        self.assertEqual(self._line_qty(mo, self.component), 23)
        self.assertError(
            "SF_MAT_REQUEST_DECIDED", request.with_user(self.leader_user).action_refuse
        )
        # the approved extra is spent: still no more without a new request
        self.assertEqual(mo._sf_material_info()[self.component.id]["allowed"], 0)

    def test_replenishment_refused_moves_nothing(self):
        mo = self._mo(10)
        self.Move._sf_issue(mo, self.component, 20)
        request = (
            self.env["shopfloor.material.request"]
            .with_user(self.storekeeper_user)
            ._sf_request(mo, self.component, 4, "more please")
        )
        request.with_user(self.leader_user).action_refuse()
        self.assertEqual(request.state, "refused")
        self.assertFalse(request.issue_id)
        self.assertEqual(self._line_qty(mo, self.component), 20)

    # -- security --------------------------------------------------------------------
    def test_ledger_is_not_editable(self):
        mo = self._mo(10)
        move = self.Move._sf_issue(mo, self.component, 1)
        with self.assertRaises(AccessError):
            move.with_user(self.worker_user).write({"qty": 5})
        with self.assertRaises(AccessError):
            move.with_user(self.storekeeper_user).unlink()
