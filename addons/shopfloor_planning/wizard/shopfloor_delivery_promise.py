from odoo import _, api, fields, models
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.exceptions import UserError


class ShopfloorDeliveryPromise(models.TransientModel):
    """ "When could we deliver N more of product X?" from the plan and actual durations."""

    _name = "shopfloor.delivery.promise"
    _description = "Delivery Promise"

    product_id = fields.Many2one(
        "product.product", "Product", required=True, domain="[('bom_ids', '!=', False)]"
    )
    product_qty = fields.Float(
        "Quantity", default=1.0, required=True, digits="Product Unit of Measure"
    )
    percentile = fields.Float(readonly=True, digits=(16, 0))
    percentile_label = fields.Char("Promise Basis", compute="_compute_percentile_label")
    date_expected = fields.Datetime("Expected (mean)", readonly=True)
    date_promise = fields.Datetime(
        "Promise",
        readonly=True,
        help="With the durations that this share of past work orders did not exceed; never "
        "before the expected date.",
    )
    components_ready = fields.Datetime("Components Ready", readonly=True)
    missing_components = fields.Char(readonly=True)
    message = fields.Char(readonly=True)
    line_ids = fields.One2many(
        "shopfloor.delivery.promise.line", "wizard_id", "Operations", readonly=True
    )
    computed = fields.Boolean(readonly=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        res["percentile"] = self.env["shopfloor.planner"]._get_promise_percentile()
        return res

    @api.depends("percentile")
    def _compute_percentile_label(self):
        for wizard in self:
            wizard.percentile_label = _(
                "P%(pct)s: %(pct)s%% of past work orders took no longer",
                pct=int(round(wizard.percentile)),
            )

    def action_compute(self):
        self.ensure_one()
        try:
            promise = self.env["shopfloor.planner"]._get_delivery_promise(
                self.product_id, self.product_qty
            )
        except ShopfloorError as exc:
            raise UserError(exc.get_message(self.env.lang or "en_US")) from exc
        self.write(
            {
                "computed": True,
                "percentile": promise["percentile"],
                "date_expected": promise["date_expected"],
                "date_promise": promise["date_promise"],
                "components_ready": promise["components_ready"],
                "missing_components": ", ".join(promise["missing_components"]),
                "message": promise["message"],
                "line_ids": [fields.Command.clear()]
                + [
                    fields.Command.create(
                        {
                            "name": op["name"],
                            "workcenter": op["workcenter"],
                            "samples": op["samples"],
                            "samples_used": op["samples_used"],
                            "source": op["source"],
                            "minutes_mean": op["minutes_mean"],
                            "minutes_percentile": op["minutes_percentile"],
                        }
                    )
                    for op in promise["operations"]
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Delivery Promise"),
        }


class ShopfloorDeliveryPromiseLine(models.TransientModel):
    _name = "shopfloor.delivery.promise.line"
    _description = "Delivery Promise Operation"

    wizard_id = fields.Many2one("shopfloor.delivery.promise", required=True, ondelete="cascade")
    name = fields.Char("Operation", readonly=True)
    workcenter = fields.Char("Work Center", readonly=True)
    samples = fields.Integer(
        "Done WOs", readonly=True, help="Done work orders of this operation found in the history."
    )
    samples_used = fields.Integer(
        "Used", readonly=True, help="Done work orders kept (outliers are left out)."
    )
    source = fields.Selection([("history", "History"), ("routing", "Routing")], readonly=True)
    minutes_mean = fields.Float(
        "Expected (min)",
        readonly=True,
        digits=(16, 1),
        help="Setup plus quantity times the expected time per unit.",
    )
    minutes_percentile = fields.Float(
        "Promise (min)",
        readonly=True,
        digits=(16, 1),
        help="With the time per unit at the promise percentile; never below the expected.",
    )
