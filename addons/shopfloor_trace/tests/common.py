from odoo import Command
from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError


class TraceCommon(ShopfloorCommon):
    """Two BOM levels on the line of ShopfloorCommon:

    - a sub-assembly (lot-tracked) made of 2 steel sheets (lot-tracked, lots A and B in
      stock) and 1 bolt (not tracked), cut then welded;
    - a finished unit (serial-tracked) made of 1 sub-assembly and 1 bolt, welded then
      packed.

    Quality points: a blocking first-article measurement at cutting, a blocking final
    pass/fail at packing.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.steel = env["product.product"].create(
            {"name": "SF Steel (lot)", "is_storable": True, "tracking": "lot"}
        )
        cls.bolt = env["product.product"].create({"name": "SF Bolt", "is_storable": True})
        cls.sub = env["product.product"].create(
            {"name": "SF Frame (lot)", "is_storable": True, "tracking": "lot"}
        )
        cls.unit = env["product.product"].create(
            {"name": "SF Machine (serial)", "is_storable": True, "tracking": "serial"}
        )
        stock = env.ref("stock.stock_location_stock")
        cls.lot_a = env["stock.lot"].create({"name": "STEEL-A", "product_id": cls.steel.id})
        cls.lot_b = env["stock.lot"].create({"name": "STEEL-B", "product_id": cls.steel.id})
        Quant = env["stock.quant"]
        Quant._update_available_quantity(cls.steel, stock, 100, lot_id=cls.lot_a)
        Quant._update_available_quantity(cls.steel, stock, 100, lot_id=cls.lot_b)
        Quant._update_available_quantity(cls.bolt, stock, 1000)
        cls.bom_sub = env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.sub.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.steel.id, "product_qty": 2}),
                    Command.create({"product_id": cls.bolt.id, "product_qty": 1}),
                ],
                "operation_ids": [
                    Command.create(
                        {"name": "Cut frame", "workcenter_id": cls.wc_cut.id, "sequence": 10}
                    ),
                    Command.create(
                        {"name": "Weld frame", "workcenter_id": cls.wc_weld.id, "sequence": 20}
                    ),
                ],
            }
        )
        cls.bom_unit = env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.unit.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [
                    Command.create({"product_id": cls.sub.id, "product_qty": 1}),
                    Command.create({"product_id": cls.bolt.id, "product_qty": 1}),
                ],
                "operation_ids": [
                    Command.create(
                        {"name": "Assemble", "workcenter_id": cls.wc_weld.id, "sequence": 10}
                    ),
                    Command.create(
                        {"name": "Pack unit", "workcenter_id": cls.wc_pack.id, "sequence": 20}
                    ),
                ],
            }
        )
        cls.op_cut = cls.bom_sub.operation_ids.filtered(lambda o: o.name == "Cut frame")
        cls.op_pack = cls.bom_unit.operation_ids.filtered(lambda o: o.name == "Pack unit")
        cls.team = env["shopfloor.quality.team"].create(
            {"name": "SF QC team", "user_ids": [Command.set(cls.leader_user.ids)]}
        )
        Point = env["shopfloor.quality.point"]
        cls.point_first = Point.create(
            {
                "name": "Frame length",
                "product_tmpl_id": cls.sub.product_tmpl_id.id,
                "operation_id": cls.op_cut.id,
                "trigger": "first",
                "test_type": "measure",
                "norm": 100.0,
                "tolerance_min": 99.8,
                "tolerance_max": 100.2,
                "norm_unit": "mm",
                "blocking": True,
                "team_id": cls.team.id,
            }
        )
        cls.point_final = Point.create(
            {
                "name": "Final inspection",
                "product_tmpl_id": cls.unit.product_tmpl_id.id,
                "operation_id": cls.op_pack.id,
                "trigger": "final",
                "test_type": "passfail",
                "blocking": True,
                "team_id": cls.team.id,
            }
        )
        # activities notify the team by e-mail: give the test database a sender
        if not env.company.alias_domain_id:
            env.company.alias_domain_id = env["mail.alias.domain"].create({"name": "example.com"})
        cls.customer = env["res.partner"].create({"name": "SF Customer Chongqing"})
        cls.qc_user = cls._new_user("sf_test_qc", "shopfloor_trace.group_shopfloor_qc")

    @classmethod
    def _new_user(cls, login, groups):
        from odoo.tests import new_test_user

        return new_test_user(cls.env, login=login, groups=groups)

    @classmethod
    def _make_mo(cls, bom, qty):
        mo = cls.env["mrp.production"].create(
            {
                "product_id": bom.product_id.id or bom.product_tmpl_id.product_variant_id.id,
                "product_qty": qty,
                "bom_id": bom.id,
            }
        )
        mo.action_confirm()
        mo.action_assign()
        return mo

    def _uid(self):
        self._uid_counter = getattr(self, "_uid_counter", 0) + 1
        return f"req-trace-{self._testMethodName[-20:]}-{self._uid_counter:04d}"

    def call(self, path, token, expect_error=None, **params):
        """Call the API; an expected error rolls back as the HTTP request would."""
        if path.split("/")[-1] in ("start", "report", "finish", "do", "pause", "resume"):
            params.setdefault("request_uid", self._uid())
        if not expect_error:
            return self.api(path, params, token)
        try:
            with self.env.cr.savepoint():
                result = self.api(path, params, token)
        except ShopfloorError as exc:
            self.env.invalidate_all()
            self.assertEqual(exc.code, expect_error, exc.get_message("en_US"))
            return exc
        self.fail(f"expected {expect_error}, got {result}")

    def _deliver(self, lot, partner, qty=1.0):
        """Ship ``lot`` to ``partner`` (a done delivery)."""
        env = self.env
        picking_type = env.ref("stock.picking_type_out")
        picking = env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": picking_type.id,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    Command.create(
                        {
                            "name": lot.product_id.name,
                            "product_id": lot.product_id.id,
                            "product_uom_qty": qty,
                            "location_id": picking_type.default_location_src_id.id,
                            "location_dest_id": env.ref("stock.stock_location_customers").id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        env["stock.move.line"].create(
            {
                "move_id": picking.move_ids.id,
                "picking_id": picking.id,
                "product_id": lot.product_id.id,
                "lot_id": lot.id,
                "quantity": qty,
                "location_id": picking_type.default_location_src_id.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
            }
        )
        picking.move_ids.picked = True
        picking.button_validate()
        return picking
