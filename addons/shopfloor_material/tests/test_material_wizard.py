from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import MaterialCommon


@tagged("post_install", "-at_install")
class TestMaterialWizard(MaterialCommon):
    """The storekeeper's backend issue and return on the order, with the allowance."""

    def _wizard(self, mo, kind):
        Wizard = self.env["shopfloor.material.issue.wizard"].with_user(self.storekeeper_user)
        ctx = {"default_production_id": mo.id, "default_kind": kind}
        return Form(Wizard.with_context(**ctx))

    def test_issue_and_return_from_the_order(self):
        mo = self._create_mo(10)
        form = self._wizard(mo, "issue")
        products = [form.line_ids.edit(i).product_id for i in range(len(form.line_ids))]
        self.assertIn(self.component, products)
        self.assertIn(self.powder, products)
        for i, product in enumerate(products):
            with form.line_ids.edit(i) as line:
                if product == self.component:
                    self.assertEqual(line.allowed, 20)
                    self.assertEqual(line.standard, 20)
                    line.qty = 12
                elif product == self.powder:
                    self.assertAlmostEqual(line.allowed, 2.5)
                    line.lot_id = self.lot1
                    line.qty = 1.5
        wizard = form.save()
        wizard.action_confirm()
        info = mo._sf_material_info()
        self.assertEqual(info[self.component.id]["issued"], 12)
        self.assertAlmostEqual(info[self.powder.id]["issued"], 1.5)
        self.assertEqual(self._line_qty(mo, self.component), 12)
        moves = mo.shopfloor_material_move_ids
        self.assertEqual(moves.user_id, self.storekeeper_user)
        # return: only what is on the line, of the scanned lot
        form = self._wizard(mo, "return")
        products = [form.line_ids.edit(i).product_id for i in range(len(form.line_ids))]
        self.assertEqual(set(products), {self.component, self.powder})
        for i, product in enumerate(products):
            with form.line_ids.edit(i) as line:
                if product == self.component:
                    self.assertEqual(line.allowed, 12)
                    line.qty = 2
        form.save().action_confirm()
        self.assertEqual(self._line_qty(mo, self.component), 10)

    def test_over_allowance_refuses_every_line(self):
        mo = self._create_mo(10)
        form = self._wizard(mo, "issue")
        for i in range(len(form.line_ids)):
            with form.line_ids.edit(i) as line:
                if line.product_id == self.component:
                    line.qty = 21
                elif line.product_id == self.bolt:
                    line.qty = 5
        wizard = form.save()
        with self.assertRaises(ShopfloorError) as cm:
            wizard.action_confirm()
        self.assertEqual(cm.exception.code, "SF_MAT_OVER_ISSUE")

    def test_only_storekeepers(self):
        mo = self._create_mo(10)
        Wizard = self.env["shopfloor.material.issue.wizard"].with_user(self.worker_user)
        with self.assertRaises(AccessError):
            Wizard.create({"production_id": mo.id})
