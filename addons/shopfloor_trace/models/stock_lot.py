from odoo import _, api, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    shopfloor_hold = fields.Boolean(
        "On Hold", tracking=True, copy=False, help="Held for a quality alert: do not ship."
    )
    shopfloor_report_ids = fields.Many2many(
        "shopfloor.report",
        "shopfloor_report_stock_lot_rel",
        "lot_id",
        "report_id",
        string="Produced By",
        readonly=True,
    )
    shopfloor_check_ids = fields.One2many(
        "shopfloor.quality.check", "lot_id", string="Quality Checks"
    )
    shopfloor_alert_ids = fields.One2many(
        "shopfloor.quality.alert", "lot_id", string="Quality Alerts"
    )
    shopfloor_alert_count = fields.Integer(compute="_compute_shopfloor_alert_count")

    @api.depends("shopfloor_alert_ids")
    def _compute_shopfloor_alert_count(self):
        groups = self.env["shopfloor.quality.alert"]._read_group(
            [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
        )
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.shopfloor_alert_count = counts.get(lot.id, 0)

    def _sf_get_qr_data_uri(self):
        self.ensure_one()
        return self.env["shopfloor.code"]._get_qr_data_uri(self)

    def action_shopfloor_trace(self):
        """Open the traceability wizard on this lot."""
        self.ensure_one()
        wizard = self.env["shopfloor.trace.wizard"].create(
            {"lot_id": self.id, "direction": "backward"}
        )
        wizard.action_trace()
        return wizard._get_action()

    def action_shopfloor_release(self):
        self.write({"shopfloor_hold": False})

    def action_shopfloor_hold(self):
        self.write({"shopfloor_hold": True})

    def action_view_shopfloor_alerts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Quality Alerts"),
            "res_model": "shopfloor.quality.alert",
            "view_mode": "list,form",
            "domain": [("lot_id", "=", self.id)],
        }
