from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    shopfloor_line_location_id = fields.Many2one(
        "stock.location",
        string="Line-side Location",
        check_company=True,
        domain="[('usage', '=', 'internal')]",
        help="With 1-step manufacturing, issued material goes from the stock location to "
        "this location (with 2 and 3 steps it goes through the pick-components transfer). "
        "Make it the source location of the manufacturing operation type so orders "
        "consume what was issued to the line.",
    )
