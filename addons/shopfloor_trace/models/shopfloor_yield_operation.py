from odoo import fields, models
from odoo.tools import SQL


class ShopfloorYieldOperation(models.Model):
    """First-pass yield of each operation of each product, by month: good units over
    units processed (good + scrap) of the valid scan reports."""

    _name = "shopfloor.yield.operation"
    _description = "First-pass Yield per Operation"
    _auto = False
    _order = "month desc, product_id, operation_id"

    month = fields.Date(readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    operation_id = fields.Many2one("mrp.routing.workcenter", readonly=True)
    workcenter_id = fields.Many2one("mrp.workcenter", readonly=True)
    qty_input = fields.Float("Processed", readonly=True)
    qty_good = fields.Float("Good", readonly=True)
    qty_scrap = fields.Float("Scrap", readonly=True)
    fpy = fields.Float("First-pass Yield (%)", readonly=True, aggregator="avg")
    company_id = fields.Many2one("res.company", readonly=True)

    def action_export_xlsx(self):
        records = self or self.search([], limit=100_000)
        return self.env["shopfloor.xlsx.export"]._export_records(records)

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT row_number() OVER () AS id, x.*,
                           CASE WHEN x.qty_input > 0
                                THEN 100.0 * x.qty_good / x.qty_input ELSE NULL END AS fpy
                      FROM (
                        SELECT date_trunc('month', r.date)::date AS month, r.product_id,
                               r.operation_id, MIN(r.workcenter_id) AS workcenter_id,
                               SUM(r.qty_good + r.qty_scrap) AS qty_input,
                               SUM(r.qty_good) AS qty_good, SUM(r.qty_scrap) AS qty_scrap,
                               r.company_id
                          FROM shopfloor_report r
                         WHERE r.state = 'done'
                         GROUP BY 1, r.product_id, r.operation_id, r.company_id
                      ) x
                )
                """,
                SQL.identifier(self._table),
            )
        )
