from odoo import api, fields, models


class ShopfloorOeeIdealCycle(models.Model):
    _name = "shopfloor.oee.ideal.cycle"
    _description = "OEE Ideal Cycle Time"
    _order = "workcenter_id, product_id"

    workcenter_id = fields.Many2one("mrp.workcenter", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, index=True)
    cycle_time = fields.Float(
        string="Ideal Cycle Time (s)",
        compute="_compute_cycle_time",
        store=True,
        readonly=False,
        help="Seconds per unit at the ideal speed. Defaults from the routing operations of "
        "the product on this work center (duration / capacity); can be overridden.",
    )
    company_id = fields.Many2one(related="workcenter_id.company_id", store=True)

    _sql_constraints = [
        (
            "workcenter_product_uniq",
            "unique(workcenter_id, product_id)",
            "Only one ideal cycle time per work center and product.",
        ),
        ("cycle_time_positive", "CHECK(cycle_time >= 0)", "The cycle time cannot be negative."),
    ]

    @api.depends("workcenter_id", "product_id")
    def _compute_cycle_time(self):
        for line in self:
            line.cycle_time = self._get_routing_cycle_time(line.workcenter_id, line.product_id)

    @api.model
    def _get_routing_cycle_time(self, workcenter, product):
        """Seconds per unit of the fastest routing operation of ``product`` on ``workcenter``."""
        if not workcenter or not product:
            return 0.0
        operations = self.env["mrp.routing.workcenter"].search(
            [
                ("workcenter_id", "=", workcenter.id),
                ("bom_id.product_tmpl_id", "=", product.product_tmpl_id.id),
                ("time_cycle_manual", ">", 0),
            ]
        )
        capacity = workcenter._get_capacity(product) or 1.0
        times = [op.time_cycle_manual * 60.0 / capacity for op in operations]
        return min(times) if times else workcenter.oee_ideal_cycle_time

    @api.model
    def action_fill_from_routings(self):
        """Create the missing lines of every (work center, product) of the routings."""
        operations = self.env["mrp.routing.workcenter"].search(
            [("time_cycle_manual", ">", 0), ("bom_id.product_tmpl_id", "!=", False)]
        )
        lines = self.search([("workcenter_id", "in", operations.workcenter_id.ids)])
        existing = {(line.workcenter_id.id, line.product_id.id) for line in lines}
        vals = []
        for op in operations:
            for product in op.bom_id.product_id or op.bom_id.product_tmpl_id.product_variant_ids:
                key = (op.workcenter_id.id, product.id)
                if key not in existing:
                    existing.add(key)
                    vals.append({"workcenter_id": key[0], "product_id": key[1]})
        self.create(vals)
        return {"type": "ir.actions.client", "tag": "reload"}
