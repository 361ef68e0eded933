from odoo import fields, models


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    shopfloor_defect_type_id = fields.Many2one(
        "shopfloor.defect.type", string="Defect Type", ondelete="restrict"
    )
    shopfloor_report_id = fields.Many2one(
        "shopfloor.report", string="Shop-floor Report", readonly=True, index="btree_not_null"
    )
