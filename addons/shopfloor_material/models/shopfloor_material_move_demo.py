from odoo import api, models


class ShopfloorMaterialMove(models.Model):
    _inherit = "shopfloor.material.move"

    @api.model
    def _sf_load_demo(self):
        """Demo material flows on the machining warehouse (2-step manufacturing), through
        the same methods as the app: issues, a return, an approved and a refused
        replenishment, material and operator scrap."""
        ref = self.env.ref
        company = ref("base.main_company")
        warehouse = self.env["stock.warehouse"].search(
            [("code", "=", "MCH"), ("company_id", "=", company.id)], limit=1
        ) or self.env["stock.warehouse"].create(
            {
                "name": "机加工车间 Machining Shop",
                "code": "MCH",
                "company_id": company.id,
                "manufacture_steps": "pbm",
            }
        )
        blank = ref("shopfloor_mp.demo_product_steel_blank")
        lot_a = ref("shopfloor_mp.demo_lot_blank_a")
        lot_b = ref("shopfloor_mp.demo_lot_blank_b")
        Quant = self.env["stock.quant"]
        for lot, qty in ((lot_a, 200), (lot_b, 120)):
            Quant.create(
                {
                    "product_id": blank.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "lot_id": lot.id,
                    "inventory_quantity": qty,
                }
            ).action_apply_inventory()
        storekeeper = ref("shopfloor_material.demo_employee_storekeeper")
        leader = ref("shopfloor_mp.demo_employee_zhou_min")
        worker = ref("shopfloor_mp.demo_employee_sun_hao")
        Production = self.env["mrp.production"]
        productions = Production.create(
            [
                {
                    "product_id": ref("shopfloor_mp.demo_product_disc_blank").id,
                    "product_qty": qty,
                    "bom_id": ref("shopfloor_mp.demo_bom_disc_blank").id,
                    "picking_type_id": warehouse.manu_type_id.id,
                    "shopfloor_planned_scrap_qty": scrap,
                    "origin": "Demo material",
                }
                for qty, scrap in ((50, 2), (30, 0))
            ]
        )
        productions.action_confirm()
        mo1, mo2 = productions
        self._sf_issue(mo1, blank, 40, lot=lot_a, employee=storekeeper)
        self._sf_issue(mo1, blank, 12, lot=lot_b, employee=storekeeper)
        self._sf_return(mo1, blank, 2, lot=lot_b, employee=worker)
        self._sf_scrap(
            mo1,
            blank,
            1,
            ref("shopfloor_mp.defect_material_porosity"),
            lot=lot_a,
            employee=worker,
            workorder=mo1.workorder_ids[:1],
        )
        self._sf_scrap(
            mo1,
            blank,
            1,
            ref("shopfloor_mp.defect_operator_dimension"),
            lot=lot_a,
            employee=worker,
            workorder=mo1.workorder_ids[:1],
        )
        self._sf_issue(mo2, blank, 30, lot=lot_b, employee=storekeeper)
        Request = self.env["shopfloor.material.request"]
        approved = Request._sf_request(
            mo2, blank, 3, "3 blanks cracked at rough turning", lot=lot_b, employee=worker
        )
        approved._sf_approve(employee=leader)
        refused = Request._sf_request(
            mo2, blank, 10, "spare blanks for the night shift", lot=lot_b, employee=worker
        )
        refused._sf_refuse("Not needed: ask again when the order runs short", employee=leader)
