import hashlib
import secrets

from odoo import api, fields, models


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class ShopfloorSaleProgressLink(models.Model):
    """A link that shows a sale order's production progress to whoever has it, until it
    expires. Only the token's SHA-256 is stored: the link is shown once to the salesman."""

    _name = "shopfloor.sale.progress.link"
    _description = "Sale Order Progress Link"
    _order = "id desc"

    sale_order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="sale_order_id.company_id", store=True)
    token_hash = fields.Char(required=True, readonly=True, copy=False)
    expires_at = fields.Datetime(required=True, index=True)

    _sql_constraints = [
        ("token_hash_unique", "unique(token_hash)", "A progress link token is unique."),
    ]

    @api.model
    def _issue(self, order, days):
        """A new link for ``order`` valid ``days`` days, replacing its earlier ones:
        ``(link, token)``."""
        self.search([("sale_order_id", "=", order.id)]).unlink()
        token = secrets.token_urlsafe(32)
        link = self.create(
            {
                "sale_order_id": order.id,
                "token_hash": _hash(token),
                "expires_at": fields.Datetime.add(fields.Datetime.now(), days=max(int(days), 1)),
            }
        )
        return link, token

    @api.model
    def _find(self, token):
        """The valid link of ``token`` (an empty recordset when unknown or expired)."""
        if not token or len(token) > 128:
            return self.browse()
        return self.search(
            [("token_hash", "=", _hash(token)), ("expires_at", ">", fields.Datetime.now())],
            limit=1,
        )
