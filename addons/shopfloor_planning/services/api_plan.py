"""Handlers of ``plan/*``: delivery promise of a product, expected finish of a
manufacturing order or of a sale order line, for office users (sales, planners) calling
with their Odoo API key.

Thin: check the caller's rights and the ids they send, then ask ``shopfloor.planner``
(models/shopfloor_planner_promise.py) where the rules live. Registered in
models/shopfloor_api.py.
"""

from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import LANGS, ApiContext, ShopfloorError
from odoo.addons.shopfloor_mp.tools.params import Params
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


class RunTimeMessage:
    """A message built at run time in each language (``{lang: text}``), given to
    ShopfloorError like a lazy translation: ``message_en``/``message_zh`` each in theirs."""

    def __init__(self, messages):
        self.messages = messages

    def _translate(self, lang):
        return self.messages.get(lang) or self.messages.get("en_US") or ""


class ShopfloorApiPlan(models.AbstractModel):
    _name = "shopfloor.api.plan"
    _description = "Shop-floor API: planning"

    @api.model
    def _plan_ctx(self, ctx):
        """The call context (the planning methods are also called directly, ctx=None)."""
        return ctx or ApiContext(
            "plan", None, None, self.env.user, self.env.company, self.env.user.lang or "en_US"
        )

    @api.model
    def _api_promise(self, ctx, params):
        """When could we deliver ``qty`` more of a product? params: product_id or
        default_code, qty."""
        ctx = self._plan_ctx(ctx)
        mrp_user = self.env["shopfloor.api"]._check_sales_or_manufacturing()
        p = Params(params)
        qty = p.qty("qty")
        product_id = p.int("product_id", required=False)
        code = p.str("default_code", required=False, max_len=128)
        Product = self.env["product.product"]
        if product_id:
            # the user's own rights and company, like a scanned code
            try:
                product = self.env["shopfloor.api"]._get_record(
                    ctx, "product.product", product_id, "product_id"
                )
            except ShopfloorError:
                product = Product
        elif code:
            product = Product.search(
                [("default_code", "=", code), ("company_id", "in", (False, ctx.company.id))],
                limit=1,
            )
        else:
            raise ShopfloorError(
                "SF_BAD_PARAMS", _lt("Give product_id or default_code."), field="product_id"
            )
        if not product:
            raise ShopfloorError("SF_PLAN_UNKNOWN_PRODUCT", _lt("This product is unknown."))
        if qty <= 0:
            raise ShopfloorError(
                "SF_BAD_PARAMS", _lt("The quantity must be positive."), field="qty"
            )
        planner = self.env["shopfloor.planner"].with_company(ctx.company)
        if not mrp_user:
            # sudo: a salesperson (no manufacturing rights) asks for a promise; the
            # computation only reads BoMs, routings and the plan, returns dates/durations
            planner, product = planner.sudo(), product.sudo()
        try:
            promise = planner._get_delivery_promise(product, qty)
        except ShopfloorError:
            raise
        except UserError as exc:
            # a message built at run time (e.g. a work center without a calendar): the
            # same computation in each language gives message_en and message_zh
            raise ShopfloorError(
                "SF_PLAN_NO_PROMISE",
                RunTimeMessage(
                    {
                        lang: self._get_promise_error(planner.with_context(lang=lang), product, qty)
                        or str(exc.args[0])
                        for lang in LANGS
                    }
                ),
            ) from exc
        if promise["no_supply_components"]:
            raise ShopfloorError(
                "SF_PLAN_NO_SUPPLY",
                _lt(
                    "%(product)s cannot be promised: no way to get %(components)s (no vendor, "
                    "no bill of materials, no replenishment route)."
                ),
                product=promise["product"],
                components=", ".join(promise["no_supply_components"]),
            )
        return promise

    @staticmethod
    def _get_promise_error(planner, product, qty):
        """The message of the promise's error in ``planner``'s language (or ``None``)."""
        try:
            planner._get_delivery_promise(product.sudo(), qty)
        except UserError as exc:
            return str(exc.args[0])
        return None

    @api.model
    def _api_mo(self, ctx, params):
        """Expected finish of a manufacturing order: params production_id or name."""
        ctx = self._plan_ctx(ctx)
        mrp_user = self.env["shopfloor.api"]._check_sales_or_manufacturing()
        p = Params(params)
        production_id = p.int("production_id", required=False)
        name = p.str("name", required=False, max_len=128)
        MO = self.env["mrp.production"]
        company = [("company_id", "=", ctx.company.id)]
        if not mrp_user:
            # sudo: no manufacturing rights; only an MO of a sale order the salesperson
            # can read is answered (checked below), with its planned dates only
            MO = MO.sudo()
        if production_id:
            mo = MO.search([("id", "=", production_id), *company], limit=1)
        elif name:
            mo = MO.search([("name", "=", name), *company], limit=1)
        else:
            raise ShopfloorError(
                "SF_BAD_PARAMS", _lt("Give production_id or name."), field="production_id"
            )
        if mo and not mrp_user:
            # a salesperson follows the MOs of the sale orders they can read (their rules)
            readable = (
                "sale.order" in self.env
                and mo.origin
                and self.env["sale.order"].search_count([("name", "=", mo.origin)], limit=1)
            )
            mo = mo if readable else MO
        if not mo:
            raise ShopfloorError("SF_PLAN_UNKNOWN_MO", _lt("This manufacturing order is unknown."))
        return self.env["shopfloor.planner"]._get_production_promise(mo)

    @api.model
    def _api_sale_line(self, ctx, params):
        """Expected finish of a sale order line from the plan (needs sale_mrp)."""
        p = Params(params)
        line_id = p.int("sale_line_id")
        if "sale.order.line" not in self.env:
            raise ShopfloorError("SF_PLAN_NO_SALE", _lt("Sales are not installed."))
        ctx = self._plan_ctx(ctx)
        self.env["shopfloor.api"]._check_sales_or_manufacturing()
        try:
            line = self.env["shopfloor.api"]._get_record(
                ctx, "sale.order.line", line_id, "sale_line_id"
            )
        except ShopfloorError as exc:
            raise ShopfloorError(
                "SF_PLAN_UNKNOWN_SALE_LINE", _lt("This sale order line is unknown.")
            ) from exc
        # sudo: the MOs behind a sale line the user can read (found under their rules
        # above), read-only
        planner = self.env["shopfloor.planner"].sudo()
        promise = planner._get_sale_line_promises(line.sudo()).get(line.id) or {}
        return dict(promise, sale_line_id=line.id)
