import base64
import io

import xlsxwriter

from odoo import _, fields, models
from odoo.exceptions import UserError

# Columns of a rate table: header -> (field, kind)
COLUMNS = [
    ("Operation", "operation_id", "name"),
    ("BoM", "bom", "bom"),
    ("Product", "product_id", "code"),
    ("Work Center", "workcenter_id", "name"),
    ("Grade", "grade", "char"),
    ("Paid", "rate_type", "char"),
    ("Rate", "rate", "float"),
    ("Operator Scrap Rate", "operator_scrap_rate", "float"),
    ("Pay Material Scrap", "material_scrap_paid", "bool"),
    ("Overtime Multiplier", "overtime_multiplier", "float"),
    ("Valid From", "date_from", "date"),
    ("Valid To", "date_to", "date"),
    ("Currency", "currency_id", "currency"),
]


class ShopfloorWageRateXlsx(models.TransientModel):
    """Rate tables in Excel: export the rules, edit them, import them back.

    An imported row updates the rule with the same operation, product, work center,
    grade and start date, or creates one.
    """

    _name = "shopfloor.wage.rate.xlsx"
    _description = "Shop-floor Wage Rates: Excel Import/Export"

    file = fields.Binary("Excel File")
    filename = fields.Char()
    result = fields.Text(readonly=True)

    def action_export(self):
        self.ensure_one()
        rules = self.env["shopfloor.wage.rule"].search([("company_id", "=", self.env.company.id)])
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(_("Rates"))
        bold = book.add_format({"bold": True})
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        for col, (header, _f, _k) in enumerate(COLUMNS):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, 16)
        for row, rule in enumerate(rules, start=1):
            values = [
                rule.operation_id.name or "",
                rule.operation_id.bom_id.display_name or "",
                rule.product_id.default_code or rule.product_id.name or "",
                rule.workcenter_id.name or "",
                rule.grade or "",
                rule.rate_type,
                rule.rate,
                rule.operator_scrap_rate,
                rule.material_scrap_paid,
                rule.overtime_multiplier,
                rule.date_from,
                rule.date_to,
                rule.currency_id.name,
            ]
            for col, value in enumerate(values):
                if isinstance(value, bool) and COLUMNS[col][2] == "date":
                    continue
                if COLUMNS[col][2] == "date" and value:
                    sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), date_fmt)
                else:
                    sheet.write(row, col, value)
        book.close()
        self.write({"file": base64.b64encode(output.getvalue()), "filename": "wage_rates.xlsx"})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/wage_rates.xlsx?download=true",
            "target": "self",
        }

    def _find(self, model, value, field="name", extra=None):
        if not value:
            return self.env[model]
        domain = [(field, "=", value)] + (extra or [])
        record = self.env[model].search(domain, limit=2)
        if len(record) != 1:
            raise UserError(
                _("%(model)s %(value)s: not found or ambiguous.", model=model, value=value)
            )
        return record

    def _parse_row(self, values):
        row = dict(zip([c[1] for c in COLUMNS], values, strict=False))
        workcenter = self._find("mrp.workcenter", row.get("workcenter_id"))
        op_domain = []
        if row.get("bom"):
            found = self.env["mrp.bom"].name_search(row["bom"], operator="ilike", limit=20)
            boms = self.env["mrp.bom"].browse([i for i, name in found if name == row["bom"]])
            op_domain.append(("bom_id", "in", boms.ids))
        if workcenter:
            op_domain.append(("workcenter_id", "=", workcenter.id))
        operation = self._find("mrp.routing.workcenter", row.get("operation_id"), extra=op_domain)
        product = self.env["product.product"]
        if row.get("product_id"):
            product = self.env["product.product"].search(
                ["|", ("default_code", "=", row["product_id"]), ("name", "=", row["product_id"])],
                limit=1,
            )
            if not product:
                raise UserError(_("Product %(name)s not found.", name=row["product_id"]))
        rate_type = (row.get("rate_type") or "piece").strip()
        if rate_type not in ("piece", "hour"):
            raise UserError(_("Paid must be piece or hour, not %(value)s.", value=rate_type))
        currency = self.env.company.currency_id
        if row.get("currency_id"):
            currency = self._find("res.currency", row["currency_id"])

        def to_date(value):
            return fields.Date.to_date(value) if value else False

        return {
            "operation_id": operation.id,
            "product_id": product.id,
            "workcenter_id": workcenter.id,
            "grade": str(row["grade"]).strip() if row.get("grade") else False,
            "rate_type": rate_type,
            "rate": float(row.get("rate") or 0.0),
            "operator_scrap_rate": float(row.get("operator_scrap_rate") or 0.0),
            "material_scrap_paid": row.get("material_scrap_paid") not in (False, 0, "0", "no"),
            "overtime_multiplier": float(row.get("overtime_multiplier") or 1.5),
            "date_from": to_date(row.get("date_from")),
            "date_to": to_date(row.get("date_to")),
            "currency_id": currency.id,
        }

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose an Excel file to import."))
        import openpyxl  # installed with Odoo, only needed here

        try:
            book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(self.file)), data_only=True)
        except Exception as exc:
            raise UserError(_("This is not an Excel (xlsx) file.")) from exc
        sheet = book.worksheets[0]
        Rule = self.env["shopfloor.wage.rule"]
        created = updated = 0
        for index, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            if not any(v not in (None, "") for v in values):
                continue
            try:
                vals = self._parse_row(list(values))
            except (UserError, ValueError, TypeError) as exc:
                raise UserError(
                    _("Row %(row)s: %(error)s", row=index, error=getattr(exc, "args", [exc])[0])
                ) from exc
            key = [
                (f, "=", vals[f])
                for f in ("operation_id", "product_id", "workcenter_id", "grade", "date_from")
            ]
            rule = Rule.search(key, limit=1)
            if rule:
                rule.write(vals)
                updated += 1
            else:
                Rule.create(vals)
                created += 1
        self.result = _(
            "%(created)s rule(s) created, %(updated)s updated.", created=created, updated=updated
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
