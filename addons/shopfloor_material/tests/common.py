from odoo import Command
from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.tests import new_test_user


class MaterialCommon(ShopfloorCommon):
    """shopfloor_mp's small line plus: a lot-tracked component in grams stocked in kg,
    a kit, a 2-step warehouse, a storekeeper user and a storekeeper employee.

    The BOM of the bracket (per unit): 2 steel sheets, 250 g of powder (stocked in kg,
    lot-tracked), 1 fastener kit (= 2 bolts + 2 nuts).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.env.company.shopfloor_material_tolerance = 0.0
        uom_kg = env.ref("uom.product_uom_kgm")
        uom_g = env.ref("uom.product_uom_gram")
        cls.powder = env["product.product"].create(
            {
                "name": "SF Powder",
                "is_storable": True,
                "uom_id": uom_kg.id,
                "uom_po_id": uom_kg.id,
                "tracking": "lot",
                "barcode": "SFPOWDER01",
            }
        )
        cls.bolt, cls.nut, cls.kit = env["product.product"].create(
            [
                {"name": "SF Bolt", "is_storable": True, "default_code": "SFBOLT"},
                {"name": "SF Nut", "is_storable": True},
                {"name": "SF Fastener Kit", "type": "consu"},
            ]
        )
        env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.kit.product_tmpl_id.id,
                "type": "phantom",
                "bom_line_ids": [
                    Command.create({"product_id": cls.bolt.id, "product_qty": 2}),
                    Command.create({"product_id": cls.nut.id, "product_qty": 2}),
                ],
            }
        )
        cls.bom.bom_line_ids = [
            Command.create(
                {"product_id": cls.powder.id, "product_qty": 250, "product_uom_id": uom_g.id}
            ),
            Command.create({"product_id": cls.kit.id, "product_qty": 1}),
        ]
        cls.lot1, cls.lot2 = env["stock.lot"].create(
            [
                {"name": "SF-PWD-1", "product_id": cls.powder.id},
                {"name": "SF-PWD-2", "product_id": cls.powder.id},
            ]
        )
        cls.wh1 = env.ref("stock.warehouse0")
        cls.wh1.manufacture_steps = "mrp_one_step"
        cls.wh2 = env["stock.warehouse"].create(
            {"name": "SF Machining", "code": "SFM", "manufacture_steps": "pbm"}
        )
        Quant = env["stock.quant"]
        for wh in (cls.wh1, cls.wh2):
            stock = wh.lot_stock_id
            Quant._update_available_quantity(cls.component, stock, 1000)
            Quant._update_available_quantity(cls.bolt, stock, 1000)
            Quant._update_available_quantity(cls.nut, stock, 1000)
            Quant._update_available_quantity(cls.powder, stock, 50, lot_id=cls.lot1)
            Quant._update_available_quantity(cls.powder, stock, 50, lot_id=cls.lot2)
        cls.storekeeper_user = new_test_user(
            env,
            login="sf_test_storekeeper",
            groups="shopfloor_material.group_shopfloor_storekeeper",
        )
        cls.storekeeper = env["hr.employee"].create(
            {"name": "SF Storekeeper Zhao", "barcode": "9000005", "shopfloor_role": "storekeeper"}
        )

    @classmethod
    def _create_mo(cls, qty=10, product=None, warehouse=None):
        warehouse = warehouse or cls.wh1
        mo = cls.env["mrp.production"].create(
            {
                "product_id": (product or cls.product).id,
                "product_qty": qty,
                "bom_id": cls.bom.id,
                "picking_type_id": warehouse.manu_type_id.id,
            }
        )
        mo.action_confirm()
        return mo

    def _line_qty(self, mo, product, lot=None):
        _store, line = self.env["shopfloor.material.move"]._sf_get_locations(mo)
        return self.env["stock.quant"]._get_available_quantity(
            product, line, lot_id=lot, strict=False
        )
