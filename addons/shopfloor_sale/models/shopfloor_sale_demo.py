from odoo import api, fields, models


class ShopfloorSaleDemo(models.AbstractModel):
    """The demo customer's order in production, through the real flow: confirmed, one
    manufacturing order per line, planned, its first operations started and reported."""

    _name = "shopfloor.sale.demo"
    _description = "Order Progress Demo Data"

    @api.model
    def _demo_generate(self):
        ref = self.env.ref
        order = ref("shopfloor_sale.demo_sale_order_customer")
        if order.state != "draft":
            return  # generated already
        order.with_context(mail_notrack=True).action_confirm()
        now = fields.Datetime.now().replace(microsecond=0)
        boms = {
            ref("shopfloor_sale.demo_product_hub_yuan"): ref("shopfloor_sale.demo_bom_hub_yuan"),
            ref("shopfloor_sale.demo_product_cover_yuan"): ref(
                "shopfloor_sale.demo_bom_cover_yuan"
            ),
        }
        Production = self.env["mrp.production"]
        productions = Production
        for line in order.order_line:
            productions |= Production.create(
                {
                    "product_id": line.product_id.id,
                    "product_qty": line.product_uom_qty,
                    "product_uom_id": line.product_uom.id,
                    "bom_id": boms[line.product_id].id,
                    "origin": order.name,
                    "sale_line_id": line.id,
                    "date_start": fields.Datetime.add(now, hours=-6),
                    "date_deadline": order.commitment_date,
                    "user_id": ref("shopfloor_mp.demo_user_sf_manager").id,
                }
            )
        productions.action_confirm()
        productions.button_plan()
        # the first operation of each order started this morning, part of it reported
        workers = [
            ref("shopfloor_mp.demo_employee_zhang_wei"),
            ref("shopfloor_mp.demo_employee_sun_hao"),
        ]
        for production, worker, qty in zip(productions, workers, (18, 35), strict=False):
            first = production.workorder_ids.sorted(lambda w: (w.sequence, w.id))[:1]
            first._sf_start(worker, fields.Datetime.add(now, hours=-5))
            first._sf_report(worker, qty, 0, self.env["shopfloor.defect.type"], now)
