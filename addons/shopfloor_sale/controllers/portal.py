from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class ShopfloorSalePortal(CustomerPortal):
    @http.route()
    def portal_order_page(self, order_id, report_type=None, access_token=None, **kw):
        """Odoo's order page, plus the production progress for the customer who owns the
        order; an order the visitor may not see is not found (no redirect that tells)."""
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            raise NotFound() from None
        response = super().portal_order_page(
            order_id, report_type=report_type, access_token=access_token, **kw
        )
        qcontext = getattr(response, "qcontext", None)
        # the visitor, not order_sudo's user (the portal's check returns it as superuser)
        if (
            qcontext is not None
            and not report_type
            and order_sudo._shopfloor_portal_shows_progress(request.env.user)
        ):
            qcontext.update(order_sudo._shopfloor_progress_render_values(public=True))
            qcontext["shopfloor_progress"] = qcontext["progress"]
        return response

    @http.route(
        "/shopfloor/progress/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def shopfloor_progress_link(self, token, **kw):
        """The progress of the order of a shared link, while the link is valid; any other
        token (unknown, expired, revoked) is not found."""
        # sudo: the token is the credential; only its order's public progress is shown
        link = request.env["shopfloor.sale.progress.link"].sudo()._find(token)
        if not link:
            raise NotFound()
        order_sudo = link.sale_order_id
        values = order_sudo._shopfloor_progress_render_values(public=True)
        values.update(order=order_sudo, expires_at=values["fmt"](link.expires_at))
        response = request.render("shopfloor_sale.progress_link_page", values)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
