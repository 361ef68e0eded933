from odoo import fields, models
from odoo.addons.shopfloor_andon.models.shopfloor_andon_exception import OPEN_STATES


class ShopfloorBoard(models.Model):
    _inherit = "shopfloor.board"

    def _get_board_pages(self):
        pages = super()._get_board_pages()
        pages["andon"] = self._board_page_andon
        return pages

    def _board_page_andon(self, ctx):
        """Open exceptions of the board's work centers, oldest first (the page runs
        their timers from ``raised_at``)."""
        wcs = ctx["workcenters"]
        exceptions = self.env["shopfloor.andon.exception"].search(
            [
                ("workcenter_id", "in", wcs.ids),
                ("company_id", "=", self.company_id.id),
                ("state", "in", OPEN_STATES),
            ],
            order="priority desc, raised_at",
            limit=40,
        )
        states = dict(exceptions._fields["state"]._description_selection(self.env))
        categories = dict(exceptions._fields["category"]._description_selection(self.env))
        return {
            "now": fields.Datetime.to_string(ctx["now"]) + "Z",
            "exceptions": [
                {
                    "id": exc.id,
                    "name": exc.name,
                    "type": exc.type_id.name,
                    "category": exc.category or "",
                    "category_label": categories.get(exc.category, ""),
                    "workcenter": exc.workcenter_id.name,
                    "state": exc.state,
                    "state_label": states.get(exc.state, ""),
                    "urgent": exc.priority == "1",
                    "level": exc.level,
                    "raised_at": fields.Datetime.to_string(exc.raised_at) + "Z",
                }
                for exc in exceptions
            ],
        }
