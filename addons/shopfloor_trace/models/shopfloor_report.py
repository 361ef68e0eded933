from odoo import fields, models


class ShopfloorReport(models.Model):
    _inherit = "shopfloor.report"

    lot_ids = fields.Many2many(
        "stock.lot",
        "shopfloor_report_stock_lot_rel",
        "report_id",
        "lot_id",
        string="Lots/Serials Produced",
        readonly=True,
        copy=False,
    )
    quality_check_ids = fields.One2many("shopfloor.quality.check", "report_id", string="Checks Due")

    def _sf_get_info(self):
        info = super()._sf_get_info()
        info["lots"] = self.lot_ids.mapped("name")
        return info
