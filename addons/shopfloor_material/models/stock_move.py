from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    # Bumped under a row lock by every issue, return and scrap of the component: the
    # update makes concurrent transactions on the same component conflict (one is
    # retried and sees the other's issue), see shopfloor.material.move._sf_lock_component.
    shopfloor_material_seq = fields.Integer(copy=False, readonly=True)
    shopfloor_material_move_ids = fields.One2many(
        "shopfloor.material.move", "stock_move_id", string="Material Issues"
    )
