from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class ShopfloorCommon(TransactionCase):
    """A small line: a product made in 3 operations on 3 work centers, two workers,
    a leader, a confirmed MO of 10 units with components in stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.company = env.company
        cls.api_user = env.ref("shopfloor_mp.user_shopfloor_api")
        cls.wc_cut, cls.wc_weld, cls.wc_pack = env["mrp.workcenter"].create(
            [
                {"name": "SF Cutting", "costs_hour": 60.0, "time_efficiency": 100},
                {"name": "SF Welding", "costs_hour": 90.0, "time_efficiency": 100},
                {"name": "SF Packing", "costs_hour": 30.0, "time_efficiency": 100},
            ]
        )
        cls.product = env["product.product"].create(
            {"name": "SF Bracket", "is_storable": True, "type": "consu"}
        )
        cls.component = env["product.product"].create(
            {"name": "SF Steel Sheet", "is_storable": True, "type": "consu"}
        )
        cls.bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.product.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.component.id, "product_qty": 2})
                ],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Cut",
                            "workcenter_id": cls.wc_cut.id,
                            "time_cycle_manual": 6,
                            "sequence": 10,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Weld",
                            "workcenter_id": cls.wc_weld.id,
                            "time_cycle_manual": 12,
                            "sequence": 20,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Pack",
                            "workcenter_id": cls.wc_pack.id,
                            "time_cycle_manual": 3,
                            "sequence": 30,
                        }
                    ),
                ],
            }
        )
        stock = env.ref("stock.stock_location_stock")
        env["stock.quant"]._update_available_quantity(cls.component, stock, 1000)
        cls.leader = env["hr.employee"].create(
            {
                "name": "SF Leader Wang",
                "barcode": "9000001",
                "pin": "4321",
                "shopfloor_role": "leader",
                "shopfloor_workcenter_ids": [Command.set(cls.wc_pack.ids)],
            }
        )
        cls.worker = env["hr.employee"].create(
            {
                "name": "SF Worker Li",
                "barcode": "9000002",
                "pin": "1234",
                "parent_id": cls.leader.id,
                "shopfloor_workcenter_ids": [Command.set((cls.wc_cut | cls.wc_weld).ids)],
            }
        )
        cls.worker2 = env["hr.employee"].create(
            {
                "name": "SF Worker Zhang",
                "barcode": "9000003",
                "pin": "5678",
                "parent_id": cls.leader.id,
                "shopfloor_workcenter_ids": [Command.set((cls.wc_cut | cls.wc_weld).ids)],
            }
        )
        cls.outsider = env["hr.employee"].create(
            {"name": "SF Outsider", "barcode": "9000004", "pin": "0000"}
        )
        cls.pause_reason = env["mrp.workcenter.productivity.loss"].search(
            [("loss_type", "=", "availability")], limit=1
        )
        cls.defect_operator = env.ref("shopfloor_mp.defect_operator_dimension")
        cls.defect_material = env.ref("shopfloor_mp.defect_material_porosity")
        cls.leader_user = new_test_user(
            env, login="sf_test_leader", groups="shopfloor_mp.group_shopfloor_leader"
        )
        cls.worker_user = new_test_user(
            env, login="sf_test_worker", groups="shopfloor_mp.group_shopfloor_worker"
        )

    @classmethod
    def _create_mo(cls, qty=10, product=None):
        mo = cls.env["mrp.production"].create(
            {"product_id": (product or cls.product).id, "product_qty": qty, "bom_id": cls.bom.id}
        )
        mo.action_confirm()
        mo.action_assign()
        return mo

    def _wos(self, mo):
        return mo.workorder_ids.sorted("sequence")

    def api(self, path, params=None, token=None, expect_error=None):
        """Call the API service in-process, as the controller does."""
        from ..tools.api import ShopfloorError

        service = self.env["shopfloor.api"].with_user(self.api_user)
        try:
            result = service._call(path, dict(params or {}), token, {})
        except ShopfloorError as exc:
            if expect_error:
                self.assertEqual(exc.code, expect_error, exc.get_message("en_US"))
                return exc
            raise
        if expect_error:
            self.fail(f"expected {expect_error}, got {result}")
        return result

    def bind(self, employee):
        token, secret = self.env["shopfloor.token"]._issue("test phone", employee=employee)
        return secret
