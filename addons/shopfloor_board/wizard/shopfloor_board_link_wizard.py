from odoo import api, fields, models


class ShopfloorBoardLinkWizard(models.TransientModel):
    """Shows a board's new secret link once: the link travels to the screen in the
    action's context only, never in the database."""

    _name = "shopfloor.board.link.wizard"
    _description = "Board Link"

    board_id = fields.Many2one("shopfloor.board", required=True, readonly=True)
    url = fields.Char("Link", compute="_compute_url")

    @api.depends_context("shopfloor_shown_secret", "shopfloor_shown_secret_id")
    def _compute_url(self):
        shown_id = self.env.context.get("shopfloor_shown_secret_id")
        for wizard in self:
            wizard.url = (
                self.env.context.get("shopfloor_shown_secret") if wizard.id == shown_id else False
            )
