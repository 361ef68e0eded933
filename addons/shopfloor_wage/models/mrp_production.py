"""Labour (shop-floor wages) in the cost of manufacturing orders.

- ``_cal_price``: the labour earned on the work orders is added to the finished
  product's unit cost (FIFO/AVCO products: what Odoo's costing values).
- ``_post_labour``: with automated valuation, the absorbed labour is moved from the
  wage expense account to the production (WIP) account, as Odoo does for work centers.
- the MO cost overview shows the labour too: report/mrp_report_mo_overview.py.
"""

from odoo import _, fields, models
from odoo.tools import float_round


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    shopfloor_wage_amount = fields.Monetary(
        "Labour Earned",
        compute="_compute_shopfloor_wage_amount",
        currency_field="shopfloor_wage_currency_id",
    )
    shopfloor_wage_currency_id = fields.Many2one(related="company_id.currency_id")

    def _compute_shopfloor_wage_amount(self):
        amounts = self.workorder_ids._sf_get_wage_amounts()
        for production in self:
            production.shopfloor_wage_amount = sum(
                amounts.get(wo.id, 0.0) for wo in production.workorder_ids
            )

    def _cal_price(self, consumed_moves):
        res = super()._cal_price(consumed_moves)
        self.workorder_ids._sf_update_wages()
        labour = self.shopfloor_wage_amount
        finished_move = self.move_finished_ids.filtered(
            lambda m: (
                m.product_id == self.product_id
                and m.state not in ("done", "cancel")
                and m.quantity > 0
            )
        )
        if not finished_move or self.company_id.currency_id.is_zero(labour):
            return res
        finished_move.ensure_one()
        if finished_move.product_id.cost_method not in ("fifo", "average"):
            return res
        quantity = finished_move.product_uom._compute_quantity(
            finished_move.quantity, finished_move.product_id.uom_id
        )
        byproduct_share = sum(
            self.move_byproduct_ids.filtered(
                lambda m: m.state not in ("done", "cancel") and m.quantity > 0
            ).mapped("cost_share")
        )
        share = float_round(1 - byproduct_share / 100, precision_rounding=0.0001)
        finished_move.price_unit += labour * share / quantity
        return res

    def _post_labour(self):
        res = super()._post_labour()
        for mo in self:
            company = mo.company_id
            wage_account = company.shopfloor_wage_expense_account_id
            labour = company.currency_id.round(mo.shopfloor_wage_amount)
            if (
                mo.with_company(company).product_id.valuation != "real_time"
                or not wage_account
                or company.currency_id.is_zero(labour)
                or mo.product_id.cost_method not in ("fifo", "average")
            ):
                continue
            accounts = mo.product_id.product_tmpl_id.get_product_accounts()
            wip_account = self.env["account.account"].browse(
                mo.move_finished_ids[0]._get_src_account(accounts)
            )
            desc = _("%(mo)s - Shop-floor labour", mo=mo.name)
            move = (
                self.env["account.move"]
                .sudo()  # valuation entry, as Odoo's own _post_labour
                .create(
                    {
                        "journal_id": accounts["stock_journal"].id,
                        "date": fields.Date.context_today(self),
                        "ref": desc,
                        "move_type": "entry",
                        "line_ids": [
                            fields.Command.create(
                                {"name": desc, "account_id": wip_account.id, "balance": labour}
                            ),
                            fields.Command.create(
                                {"name": desc, "account_id": wage_account.id, "balance": -labour}
                            ),
                        ],
                    }
                )
            )
            move._post()
        return res
