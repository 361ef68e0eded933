from odoo import _, api, fields, models
from odoo.addons.shopfloor_mp.tools.api import dt
from odoo.exceptions import UserError
from odoo.tools import format_datetime


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # The internal progress (exception details, scrap): sales users only, never a portal
    # user reading their order through RPC (they get the public progress on their page).
    shopfloor_production_count = fields.Integer(
        "Manufacturing Orders in Progress",
        compute="_compute_shopfloor_progress",
        groups="sales_team.group_sale_salesman",
    )
    shopfloor_progress_late = fields.Boolean(
        "Late in Production",
        compute="_compute_shopfloor_progress",
        groups="sales_team.group_sale_salesman",
    )
    shopfloor_progress_html = fields.Html(
        "Production Progress",
        compute="_compute_shopfloor_progress",
        sanitize=False,
        groups="sales_team.group_sale_salesman",
    )
    shopfloor_progress_link_expiry = fields.Datetime(
        "Progress Link Expires",
        compute="_compute_shopfloor_progress_link_expiry",
        groups="sales_team.group_sale_salesman",
    )

    @api.depends_context("uid", "lang", "tz")
    def _compute_shopfloor_progress(self):
        QWeb = self.env["ir.qweb"]
        for order in self:
            if not order.id or order.state != "sale":
                order.shopfloor_production_count = 0
                order.shopfloor_progress_late = False
                order.shopfloor_progress_html = False
                continue
            values = order._shopfloor_progress_render_values(public=False)
            progress = values["progress"]
            order.shopfloor_production_count = len(progress["productions"])
            order.shopfloor_progress_late = progress["late"]
            order.shopfloor_progress_html = QWeb._render("shopfloor_sale.progress_content", values)

    def _compute_shopfloor_progress_link_expiry(self):
        # sudo: only the expiry of the order's link (its hash stays with administrators)
        links = (
            self.env["shopfloor.sale.progress.link"]
            .sudo()
            ._read_group(
                [("sale_order_id", "in", self.ids), ("expires_at", ">", fields.Datetime.now())],
                ["sale_order_id"],
                ["expires_at:max"],
            )
        )
        expiry = {order.id: expires for order, expires in links}
        for order in self:
            order.shopfloor_progress_link_expiry = expiry.get(order.id, False)

    def _get_shopfloor_productions(self):
        """The manufacturing orders behind this sale order (not cancelled): sale_mrp's
        (created for its lines or by its procurements) and those naming it as source."""
        self.ensure_one()
        # sudo: the MOs behind an order its reader may see (the caller checked the order);
        # what is shown of them is the progress only
        order = self.sudo()
        # sale_mrp's compute does not depend on the MOs' sale_line_id: read it afresh
        order.invalidate_recordset(["mrp_production_ids"])
        productions = order.mrp_production_ids | order.env["mrp.production"].search(
            [
                "&",
                ("company_id", "=", order.company_id.id),
                "|",
                ("sale_line_id", "in", order.order_line.ids),
                ("origin", "=", order.name),
            ]
        )
        return productions.filtered(lambda mo: mo.state != "cancel").sorted(
            lambda mo: (mo.date_start or fields.Datetime.now(), mo.id)
        )

    def _get_shopfloor_progress(self, public=False):
        """The production progress of this order, for the backend tab, the portal, the
        shared link and the sale/progress API: its MOs' progress (one builder:
        mrp.production._get_shopfloor_progress), the promised date, the expected finish
        (of the last MO, when every MO has one), and whether it is late, with the reasons.
        ``public``: what the customer may see (no ids, costs, people or internal notes)."""
        self.ensure_one()
        productions = [
            mo._get_shopfloor_progress(public=public) for mo in self._get_shopfloor_productions()
        ]
        finishes = [p["expected_finish"] for p in productions]
        reasons, seen = [], set()
        for production in productions:
            for reason in production["delay_reasons"]:
                key = (production["name"], reason["code"], reason.get("detail"))
                if key not in seen:
                    seen.add(key)
                    reasons.append(dict(reason, production=production["name"]))
        promised = self.commitment_date
        if not promised:
            deadlines = [p["promised_date"] for p in productions if p["promised_date"]]
            promised = max(deadlines) if deadlines else None
        else:
            promised = dt(promised)
        late = any(p["late"] for p in productions)
        progress = {
            "sale_order": self.name,
            "customer_reference": self.client_order_ref or "",
            "promised_date": promised,
            "expected_finish": max(finishes) if finishes and all(finishes) else None,
            "late": late,
            "at_risk": not late and bool(reasons),
            "delay_reasons": reasons,
            "productions": productions,
        }
        if not public:
            progress["id"] = self.id
        return progress

    def _shopfloor_progress_render_values(self, public=False):
        """Values of the template shopfloor_sale.progress_content (backend, portal, link)."""
        self.ensure_one()
        MO, WO = self.env["mrp.production"], self.env["mrp.workorder"]
        if public:  # the customer's time zone (a shared link has no user)
            tz = self.partner_id.tz or self.company_id.partner_id.tz or self.env.context.get("tz")
        else:
            tz = self.env.user.tz or self.env.context.get("tz")
        tz = tz or "UTC"

        def fmt(value):
            if not value:
                return "-"
            return format_datetime(
                self.env, fields.Datetime.to_datetime(value), tz=tz, dt_format="short"
            )

        return {
            "progress": self._get_shopfloor_progress(public=public),
            "public": public,
            "fmt": fmt,
            "mo_states": dict(MO._fields["state"]._description_selection(self.env)),
            "wo_states": dict(WO._fields["state"]._description_selection(self.env)),
        }

    # ------------------------------------------------------------------
    # Shared link
    # ------------------------------------------------------------------
    def _shopfloor_create_progress_link(self, days=None):
        """A new link to this order's progress for the customer, valid ``days`` (system
        parameter shopfloor_sale.progress_link_days, 14 by default); the order's earlier
        links stop working. Returns ``(link, token)``: the token is shown once and only
        its hash is stored."""
        self.ensure_one()
        self.check_access("write")  # whoever may change the order may share its progress
        if self.state != "sale":
            raise UserError(_("Only a confirmed sales order has a production progress to share."))
        if days is None:
            days = int(
                # sudo: a system parameter, read on behalf of the salesman
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("shopfloor_sale.progress_link_days", 14)
            )
        # sudo: links (hashes) are readable by administrators only; the salesman's right
        # on this order was checked above (check_access("write"))
        return self.env["shopfloor.sale.progress.link"].sudo()._issue(self, days)

    def action_shopfloor_share_progress(self):
        """Make a new progress link and show it once (never stored in clear)."""
        self.ensure_one()
        link, token = self._shopfloor_create_progress_link()
        url = f"{self.get_base_url()}/shopfloor/progress/{token}"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Progress link for %s", self.name),
                "message": _(
                    "Send this link to the customer; it is shown only now and works until "
                    "%(expiry)s: %%s",
                    expiry=format_datetime(self.env, link.expires_at, dt_format="short"),
                ),
                "links": [{"label": url, "url": url}],
                "sticky": True,
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_shopfloor_revoke_progress(self):
        """Stop every progress link of these orders now."""
        self.check_access("write")
        # sudo: the links are the administrators' records; the order's writer revokes them
        self.env["shopfloor.sale.progress.link"].sudo().search(
            [("sale_order_id", "in", self.ids)]
        ).unlink()
        return True

    def _shopfloor_portal_shows_progress(self, user):
        """Whether Odoo's portal page of this order shows its production progress to
        ``user``: a confirmed order seen by its customer (a logged-in user of the
        customer's company) or by an internal user who may read it. Never through Odoo's
        access token alone, which does not expire: sharing is the expiring link's job."""
        self.ensure_one()
        if self.state != "sale" or user._is_public():
            return False
        if not self.with_user(user).has_access("read"):
            return False
        return user._is_internal() or (
            self.partner_id.commercial_partner_id == user.commercial_partner_id
        )
