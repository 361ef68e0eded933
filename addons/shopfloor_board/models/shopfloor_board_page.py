from odoo import fields, models


class ShopfloorBoardPage(models.Model):
    """A kind of page a board can show. The pages are data of the addons that provide
    them (``code`` names the provider, see ``shopfloor.board._get_board_page_data``):
    shopfloor_andon or shopfloor_trace add theirs through small bridge addons."""

    _name = "shopfloor.board.page"
    _description = "Shop-floor Board Page"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Technical name of the page's data provider.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Char(translate=True)

    _sql_constraints = [("code_uniq", "unique (code)", "A board page code must be unique.")]
