from odoo import fields, models
from odoo.tools import SQL


class ShopfloorDefectPareto(models.Model):
    """Defects found: scrap reported on the shop floor and defects counted by checks."""

    _name = "shopfloor.defect.pareto"
    _description = "Defect Pareto"
    _auto = False
    _order = "qty desc"

    date = fields.Datetime(readonly=True)
    source = fields.Selection(
        [("scrap", "Scrap Report"), ("check", "Quality Check")], readonly=True
    )
    product_id = fields.Many2one("product.product", readonly=True)
    operation_id = fields.Many2one("mrp.routing.workcenter", readonly=True)
    workcenter_id = fields.Many2one("mrp.workcenter", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    defect_type_id = fields.Many2one("shopfloor.defect.type", readonly=True)
    category = fields.Selection(
        [
            ("operator", "Operator-caused"),
            ("material", "Material-caused"),
            ("machine", "Machine/process"),
        ],
        readonly=True,
    )
    production_id = fields.Many2one("mrp.production", readonly=True)
    qty = fields.Float("Defects", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def action_export_xlsx(self):
        records = self or self.search([], limit=100_000)
        return self.env["shopfloor.xlsx.export"]._export_records(records)

    def init(self):
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT r.id * 2 AS id, r.date, 'scrap' AS source, r.product_id,
                           r.operation_id, r.workcenter_id, r.employee_id, r.defect_type_id,
                           d.category, r.production_id, r.qty_scrap AS qty, r.company_id
                      FROM shopfloor_report r
                      LEFT JOIN shopfloor_defect_type d ON d.id = r.defect_type_id
                     WHERE r.state = 'done' AND r.qty_scrap > 0
                    UNION ALL
                    SELECT l.id * 2 + 1, COALESCE(c.date_done, c.date_due), 'check',
                           c.product_id, c.operation_id, c.workcenter_id, c.employee_id,
                           l.defect_type_id, d.category, c.production_id, l.qty, c.company_id
                      FROM shopfloor_quality_check_defect l
                      JOIN shopfloor_quality_check c ON c.id = l.check_id
                      JOIN shopfloor_defect_type d ON d.id = l.defect_type_id
                     WHERE l.qty > 0
                )
                """,
                SQL.identifier(self._table),
            )
        )
