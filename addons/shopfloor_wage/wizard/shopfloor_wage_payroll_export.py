import base64
import io

import xlsxwriter

from odoo import _, fields, models


class ShopfloorWagePayrollExport(models.TransientModel):
    """The payroll sheet of a statement: totals per employee, then the detail."""

    _name = "shopfloor.wage.payroll.export"
    _description = "Shop-floor Payroll Export"

    statement_id = fields.Many2one("shopfloor.wage.statement", required=True)
    file = fields.Binary(readonly=True)
    filename = fields.Char()

    def _get_xlsx(self):
        statement = self.statement_id
        Line = self.env["shopfloor.wage.line"]
        domain = statement._get_line_domain()
        totals = Line._read_group(
            domain,
            ["employee_id", "kind"],
            ["amount:sum", "qty_good:sum", "minutes:sum", "overtime_minutes:sum"],
        )
        per_employee = {}
        for employee, kind, amount, qty, minutes, overtime in totals:
            row = per_employee.setdefault(
                employee,
                {"piece": 0.0, "hour": 0.0, "manual": 0.0, "qty": 0.0, "min": 0.0, "ot": 0.0},
            )
            row[kind] += amount
            row["qty"] += qty
            row["min"] += minutes
            row["ot"] += overtime
        adjustments = dict(
            Line._read_group(
                domain + [("is_adjustment", "=", True)], ["employee_id"], ["amount:sum"]
            )
        )
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        money_bold = book.add_format({"num_format": "#,##0.00", "bold": True})
        sheet = book.add_worksheet(_("Payroll"))
        sheet.write(0, 0, statement.name, bold)
        headers = [
            _("Employee"),
            _("Badge"),
            _("Good Units"),
            _("Hours"),
            _("Overtime Hours"),
            _("Piecework"),
            _("Time Wages"),
            _("Manual"),
            _("Of which Adjustments"),
            _("Total"),
        ]
        for col, header in enumerate(headers):
            sheet.write(2, col, header, bold)
            sheet.set_column(col, col, 14)
        row_index = 3
        grand = [0.0] * 5
        for employee in sorted(per_employee, key=lambda e: e.name or ""):
            row = per_employee[employee]
            total = row["piece"] + row["hour"] + row["manual"]
            values = [
                row["piece"],
                row["hour"],
                row["manual"],
                adjustments.get(employee, 0.0),
                total,
            ]
            sheet.write(row_index, 0, employee.name)
            # sudo: the badge number (HR field) identifies the worker in the payroll file
            sheet.write(row_index, 1, employee.sudo().barcode or "")
            sheet.write(row_index, 2, row["qty"])
            sheet.write(row_index, 3, round(row["min"] / 60.0, 2))
            sheet.write(row_index, 4, round(row["ot"] / 60.0, 2))
            for offset, value in enumerate(values):
                sheet.write(row_index, 5 + offset, value, money)
                grand[offset] += value
            row_index += 1
        sheet.write(row_index, 0, _("Total"), bold)
        for offset, value in enumerate(grand):
            sheet.write(row_index, 5 + offset, value, money_bold)

        detail = book.add_worksheet(_("Detail"))
        detail_headers = [
            _("Employee"),
            _("Date"),
            _("Work Date"),
            _("Manufacturing Order"),
            _("Operation"),
            _("Product"),
            _("Kind"),
            _("Good"),
            _("Operator Scrap"),
            _("Material Scrap"),
            _("Minutes"),
            _("Overtime Minutes"),
            _("Rate"),
            _("Amount"),
            _("Adjustment"),
        ]
        for col, header in enumerate(detail_headers):
            detail.write(0, col, header, bold)
            detail.set_column(col, col, 14)
        kinds = dict(Line._fields["kind"]._description_selection(self.env))
        lines = Line.search(domain, order="employee_id, date, id")
        for index, line in enumerate(lines, start=1):
            values = [
                line.employee_id.name,
                fields.Date.to_string(line.date),
                fields.Date.to_string(line.work_date),
                line.production_id.name or "",
                line.operation_id.name or "",
                line.product_id.display_name or "",
                kinds.get(line.kind, line.kind),
                line.qty_good,
                line.qty_scrap_operator,
                line.qty_scrap_material,
                line.minutes,
                line.overtime_minutes,
            ]
            for col, value in enumerate(values):
                detail.write(index, col, value)
            detail.write(index, 12, line.rate, money)
            detail.write(index, 13, line.amount, money)
            detail.write(index, 14, _("Yes") if line.is_adjustment else "")
        book.close()
        return output.getvalue()

    def action_export(self):
        self.ensure_one()
        filename = f"payroll_{self.statement_id.date_from}_{self.statement_id.id}.xlsx"
        self.write({"file": base64.b64encode(self._get_xlsx()), "filename": filename})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{filename}?download=true",
            "target": "self",
        }
