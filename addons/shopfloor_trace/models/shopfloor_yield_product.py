from odoo import fields, models
from odoo.tools import SQL


class ShopfloorYieldProduct(models.Model):
    """Rolled throughput yield of each product, by month: the product of the first-pass
    yields of its operations (exp of the sum of their logarithms)."""

    _name = "shopfloor.yield.product"
    _description = "Rolled Throughput Yield per Product"
    _auto = False
    _order = "month desc, product_id"

    month = fields.Date(readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    operation_count = fields.Integer("Operations", readonly=True)
    qty_input = fields.Float("Processed", readonly=True)
    qty_scrap = fields.Float("Scrap", readonly=True)
    rty = fields.Float("Rolled Throughput Yield (%)", readonly=True, aggregator="avg")
    company_id = fields.Many2one("res.company", readonly=True)

    def action_export_xlsx(self):
        records = self or self.search([], limit=100_000)
        return self.env["shopfloor.xlsx.export"]._export_records(records)

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT row_number() OVER () AS id, y.month, y.product_id,
                           COUNT(*) AS operation_count, SUM(y.qty_input) AS qty_input,
                           SUM(y.qty_scrap) AS qty_scrap,
                           CASE WHEN bool_or(y.qty_good <= 0) THEN 0.0
                                ELSE 100.0 * exp(sum(ln(y.qty_good / y.qty_input)))
                           END AS rty,
                           y.company_id
                      FROM (
                        SELECT date_trunc('month', r.date)::date AS month, r.product_id,
                               r.operation_id, r.company_id,
                               SUM(r.qty_good + r.qty_scrap) AS qty_input,
                               SUM(r.qty_good) AS qty_good, SUM(r.qty_scrap) AS qty_scrap
                          FROM shopfloor_report r
                         WHERE r.state = 'done'
                         GROUP BY 1, r.product_id, r.operation_id, r.company_id
                        HAVING SUM(r.qty_good + r.qty_scrap) > 0
                      ) y
                     GROUP BY y.month, y.product_id, y.company_id
                )
                """,
                SQL.identifier(self._table),
            )
        )
