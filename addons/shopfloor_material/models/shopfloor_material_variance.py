import base64
import io

import xlsxwriter

from odoo import _, fields, models, tools
from odoo.tools import SQL


class ShopfloorMaterialVariance(models.Model):
    """Material variance per manufacturing order and component (SQL view).

    BOM standard = the order's component demand (Odoo's BOM explosion, kits exploded,
    in the product's unit); issued, returned and scrapped from the material ledger;
    consumed from the order's done component moves; values at the product's cost.
    """

    _name = "shopfloor.material.variance"
    _description = "Material Variance"
    _auto = False
    _order = "production_id desc, product_id"

    production_id = fields.Many2one("mrp.production", "Manufacturing Order", readonly=True)
    finished_product_id = fields.Many2one("product.product", "Product", readonly=True)
    product_id = fields.Many2one("product.product", "Component", readonly=True)
    product_uom_id = fields.Many2one("uom.uom", "Unit", readonly=True)
    state = fields.Selection(
        lambda self: self.env["mrp.production"]._fields["state"].selection,
        string="Order Status",
        readonly=True,
    )
    date = fields.Datetime("Planned Start", readonly=True)
    standard_qty = fields.Float("BOM Standard", digits="Product Unit of Measure", readonly=True)
    issued_qty = fields.Float("Issued", digits="Product Unit of Measure", readonly=True)
    returned_qty = fields.Float("Returned", digits="Product Unit of Measure", readonly=True)
    scrapped_qty = fields.Float("Scrapped", digits="Product Unit of Measure", readonly=True)
    consumed_qty = fields.Float("Consumed", digits="Product Unit of Measure", readonly=True)
    variance_qty = fields.Float(
        "Variance",
        digits="Product Unit of Measure",
        readonly=True,
        help="Issued - returned - standard",
    )
    to_issue_qty = fields.Float(
        "Still Needed",
        digits="Product Unit of Measure",
        readonly=True,
        help="BOM standard not issued yet (net of returns)",
    )
    unit_cost = fields.Float("Unit Cost", digits="Product Price", readonly=True, aggregator="avg")
    standard_value = fields.Float("Standard Value", readonly=True)
    issued_value = fields.Float("Net Issued Value", readonly=True)
    scrapped_value = fields.Float("Scrapped Value", readonly=True)
    variance_value = fields.Float("Variance Value", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
  WITH std AS (
      SELECT m.raw_material_production_id AS production_id, m.product_id,
             SUM(m.product_qty) AS standard_qty
        FROM stock_move m
        JOIN stock_location d ON d.id = m.location_dest_id
       WHERE m.raw_material_production_id IS NOT NULL AND m.state != 'cancel'
         AND d.usage = 'production'
       GROUP BY 1, 2),
  cons AS (
      SELECT m.raw_material_production_id AS production_id, ml.product_id,
             SUM(ml.quantity_product_uom) AS consumed_qty
        FROM stock_move_line ml
        JOIN stock_move m ON m.id = ml.move_id
        JOIN stock_location d ON d.id = m.location_dest_id
       WHERE m.raw_material_production_id IS NOT NULL AND m.state = 'done'
         AND d.usage = 'production'
       GROUP BY 1, 2),
  led AS (
      SELECT production_id, product_id,
             SUM(CASE WHEN kind = 'issue' THEN qty ELSE 0 END) AS issued_qty,
             SUM(CASE WHEN kind = 'return' THEN qty ELSE 0 END) AS returned_qty,
             SUM(CASE WHEN kind = 'scrap' THEN qty ELSE 0 END) AS scrapped_qty
        FROM shopfloor_material_move
       GROUP BY 1, 2),
  rows AS (
      SELECT COALESCE(std.production_id, led.production_id) AS production_id,
             COALESCE(std.product_id, led.product_id) AS product_id,
             COALESCE(std.standard_qty, 0) AS standard_qty,
             COALESCE(led.issued_qty, 0) AS issued_qty,
             COALESCE(led.returned_qty, 0) AS returned_qty,
             COALESCE(led.scrapped_qty, 0) AS scrapped_qty
        FROM std FULL JOIN led
          ON led.production_id = std.production_id AND led.product_id = std.product_id)
  SELECT ROW_NUMBER() OVER (ORDER BY r.production_id, r.product_id) AS id,
         r.production_id, p.product_id AS finished_product_id, r.product_id,
         t.uom_id AS product_uom_id, p.state, p.date_start AS date, p.company_id,
         r.standard_qty, r.issued_qty, r.returned_qty, r.scrapped_qty,
         COALESCE(cons.consumed_qty, 0) AS consumed_qty,
         r.issued_qty - r.returned_qty - r.standard_qty AS variance_qty,
         GREATEST(r.standard_qty - r.issued_qty + r.returned_qty, 0) AS to_issue_qty,
         c.cost AS unit_cost,
         r.standard_qty * c.cost AS standard_value,
         (r.issued_qty - r.returned_qty) * c.cost AS issued_value,
         r.scrapped_qty * c.cost AS scrapped_value,
         (r.issued_qty - r.returned_qty - r.standard_qty) * c.cost AS variance_value
    FROM rows r
    JOIN mrp_production p ON p.id = r.production_id
    JOIN product_product pp ON pp.id = r.product_id
    JOIN product_template t ON t.id = pp.product_tmpl_id
    LEFT JOIN cons ON cons.production_id = r.production_id AND cons.product_id = r.product_id
    CROSS JOIN LATERAL (
        SELECT COALESCE((pp.standard_price ->> p.company_id::text)::numeric, 0) AS cost
    ) c
)""",
                SQL.identifier(self._table),
            )
        )

    def action_export_xlsx(self):
        """The selected rows as an xlsx file (with value totals)."""
        records = self
        columns = [
            "production_id",
            "finished_product_id",
            "product_id",
            "product_uom_id",
            "standard_qty",
            "issued_qty",
            "returned_qty",
            "consumed_qty",
            "scrapped_qty",
            "variance_qty",
            "unit_cost",
            "standard_value",
            "issued_value",
            "scrapped_value",
            "variance_value",
        ]
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Material Variance")[:31])
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        number = workbook.add_format({"num_format": "#,##0.00"})
        for col, name in enumerate(columns):
            sheet.write(0, col, self._fields[name]._description_string(self.env), bold)
            sheet.set_column(col, col, 16)
        for row, rec in enumerate(records, start=1):
            for col, name in enumerate(columns):
                value = rec[name]
                if self._fields[name].type == "many2one":
                    sheet.write(row, col, value.display_name or "")
                else:
                    sheet.write_number(row, col, value or 0.0, number)
        if records:
            last = len(records)
            for col, name in enumerate(columns):
                if name.endswith("_value"):
                    sheet.write_formula(
                        last + 1,
                        col,
                        "=SUM(%s)" % xlsxwriter.utility.xl_range(1, col, last, col),
                        number,
                    )
        sheet.freeze_panes(1, 0)
        workbook.close()
        # sudo not needed: the user creates their own download
        attachment = self.env["ir.attachment"].create(
            {
                "name": _("material_variance.xlsx"),
                "datas": base64.b64encode(buffer.getvalue()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
