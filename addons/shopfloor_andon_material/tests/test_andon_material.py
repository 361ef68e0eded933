from odoo import Command
from odoo.addons.shopfloor_material.tests.common import MaterialCommon
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestAndonMaterial(MaterialCommon):
    """Material shortages raise a material-shortage exception for the storekeepers; the
    issue bringing the component resolves it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.whouse_lead = env["hr.employee"].create({"name": "AM Store Lead", "barcode": "8810001"})
        cls.team = env["shopfloor.andon.team"].create(
            {"name": "AM Warehouse", "leader_id": cls.whouse_lead.id}
        )
        cls.type_material = env["shopfloor.andon.type"].create(
            {"name": "AM Shortage", "category": "material", "team_id": cls.team.id, "sequence": 0}
        )
        cls.requester = env["hr.employee"].create({"name": "AM Worker", "barcode": "8810002"})
        cls.Exception = env["shopfloor.andon.exception"]

    def _shortages(self, mo):
        return self.Exception.search([("production_id", "=", mo.id), ("category", "=", "material")])

    def test_refused_replenishment_raises_shortage_for_storekeepers(self):
        mo = self._create_mo(10)
        Move = self.env["shopfloor.material.move"].with_user(self.storekeeper_user)
        Move._sf_issue(mo, self.component, 20, employee=self.storekeeper)
        request = (
            self.env["shopfloor.material.request"]
            .with_user(self.storekeeper_user)
            ._sf_request(mo, self.component, 4, "sheet cut wrong", employee=self.requester)
        )
        self.assertFalse(self._shortages(mo), "a request alone is not a shortage yet")
        request.with_user(self.leader_user).action_refuse()
        exc = self._shortages(mo)
        self.assertEqual(len(exc), 1)
        self.assertEqual(exc.type_id, self.type_material)
        self.assertEqual(exc.state, "raised")
        self.assertEqual(exc.material_request_id, request)
        self.assertEqual(exc.material_product_id, self.component)
        self.assertEqual(exc.raised_by_employee_id, self.requester)
        self.assertEqual(exc.workorder_id, mo.workorder_ids[:1])
        self.assertIn(request.name, exc.note)
        self.assertEqual(request.andon_exception_ids, exc)
        # routed to the storekeepers (and the team): their to-do, and they may respond
        items = self.env["shopfloor.inbox.item"].sudo().search([("key", "=", f"andon:{exc.id}:0")])
        self.assertIn(self.storekeeper, items.employee_id)
        self.assertIn(self.whouse_lead, items.employee_id)
        self.assertTrue(exc._sf_is_responder(self.storekeeper))
        self.assertFalse(exc._sf_is_responder(self.requester))
        # a new request approved and issued brings the sheets: the shortage is resolved,
        # linked to the issue, and waits for the requester's verification
        again = (
            self.env["shopfloor.material.request"]
            .with_user(self.storekeeper_user)
            ._sf_request(mo, self.component, 2, "sheet cut wrong", employee=self.requester)
        )
        again.with_user(self.leader_user).action_approve()
        self.assertEqual(exc.state, "resolved")
        self.assertEqual(exc.material_move_id, again.issue_id)
        self.assertIn(again.issue_id.name, exc.resolution)
        self.assertEqual(exc.log_ids.mapped("action"), ["raise", "ack", "resolve"])

    def test_issue_without_stock_raises_shortage_from_failure_log(self):
        mo = self._create_mo(600)  # 1200 sheets allowed, 1000 in stock
        Move = self.env["shopfloor.material.move"].with_user(self.storekeeper_user)
        with self.assertRaises(ShopfloorError) as cm:
            Move._sf_issue(mo, self.component, 1100, employee=self.storekeeper)
        self.assertEqual(cm.exception.code, "SF_MAT_NO_STOCK")
        # the API call is rolled back; its failure log (own cursor) raises the shortage
        meta = {"endpoint": "material/issue", "company_id": mo.company_id.id}
        meta["material_shortage"] = {
            "production_id": mo.id,
            "product_id": self.component.id,
            "qty": 1100,
            "available": 1000,
            "location": "WH/Stock",
            "employee_id": self.storekeeper.id,
            "request_id": None,
        }
        Api = self.env["shopfloor.api"].sudo()
        Api._write_failure(Api._prepare_failure_vals(meta, "SF_MAT_NO_STOCK"), meta)
        exc = self._shortages(mo)
        self.assertEqual(len(exc), 1)
        self.assertEqual(exc.material_product_id, self.component)
        self.assertIn("1000", exc.note)
        # a retry fails the same way: the open exception is answered, not duplicated
        Api._write_failure(Api._prepare_failure_vals(meta, "SF_MAT_NO_STOCK"), meta)
        self.assertEqual(self._shortages(mo), exc)
        # other failures raise nothing
        other = dict(meta, material_shortage=dict(meta["material_shortage"], qty=1))
        Api._write_failure(Api._prepare_failure_vals(other, "SF_MAT_OVER_ISSUE"), other)
        self.assertEqual(self._shortages(mo), exc)
        # the store is replenished and the issue goes through: resolved
        move = Move._sf_issue(mo, self.component, 20, employee=self.storekeeper)
        self.assertEqual(exc.state, "resolved")
        self.assertEqual(exc.material_move_id, move)
        self.assertEqual(exc.resolved_by_id, self.storekeeper)

    def test_no_material_type_no_exception(self):
        self.type_material.active = False
        self.env["shopfloor.andon.type"].search([("category", "=", "material")]).active = False
        mo = self._create_mo(10)
        exc = self.Exception._sf_raise_material_shortage(mo, self.component, "short")
        self.assertFalse(exc)

    def test_order_without_operations_no_exception(self):
        bom = self.bom.copy({"operation_ids": [Command.clear()]})
        mo = self.env["mrp.production"].create(
            {"product_id": self.product.id, "product_qty": 1, "bom_id": bom.id}
        )
        mo.action_confirm()
        self.assertFalse(mo.workorder_ids)
        self.assertFalse(self.Exception._sf_raise_material_shortage(mo, self.component, "short"))

    def test_one_exception_per_order_and_component(self):
        mo1, mo2 = self._create_mo(10), self._create_mo(5)
        self.assertEqual(mo1.workorder_ids[:1].workcenter_id, mo2.workorder_ids[:1].workcenter_id)
        raise_ = self.Exception._sf_raise_material_shortage
        a = raise_(mo1, self.component, "short", employee=self.requester)
        b = raise_(mo2, self.component, "short", employee=self.requester)
        c = raise_(mo1, self.bolt, "short", employee=self.requester)
        self.assertEqual(len(a | b | c), 3, "two orders, two components: each its own")
        self.assertEqual(raise_(mo1, self.component, "again", employee=self.requester), a)
        self.assertEqual(a.log_ids.mapped("action"), ["raise", "raise"])
        # a tap on the line (no component) answers an open shortage of the line
        tap, duplicate = self.Exception._sf_raise(
            {"type_id": self.type_material.id, "workcenter_id": a.workcenter_id.id},
            employee=self.requester,
        )
        self.assertTrue(duplicate)
        self.assertIn(tap, a | b | c)
