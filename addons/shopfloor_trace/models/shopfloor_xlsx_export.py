import base64
import io

import xlsxwriter

from odoo import _, fields, models


class ShopfloorXlsxExport(models.AbstractModel):
    """Excel export (xlsxwriter) of report records and trace lines."""

    _name = "shopfloor.xlsx.export"
    _description = "Shop-floor Excel Export"

    def _export_records(self, records):
        """All stored fields of ``records`` (a report model), one row each."""
        names = [
            name
            for name, field in records._fields.items()
            if not field.automatic and name not in ("id", "company_id") and field.type != "binary"
        ]
        rows = []
        for rec in records:
            row = []
            for name in names:
                value = rec[name]
                field = records._fields[name]
                if field.type == "many2one":
                    value = value.display_name or ""
                elif field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value, "")
                elif field.type in ("date", "datetime"):
                    value = fields.Datetime.to_string(value) if value else ""
                row.append(value if value is not False else "")
            rows.append(row)
        headers = [records._fields[name]._description_string(self.env) for name in names]
        return self._xlsx_download(records._description, headers, rows)

    def _xlsx_download(self, title, headers, rows):
        """Write one sheet and return the action downloading it."""
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(title[:31])
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, max(12, min(len(str(header)) + 4, 40)))
        for row_idx, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                sheet.write(row_idx, col, value)
        sheet.freeze_panes(1, 0)
        workbook.close()
        attachment = self.env["ir.attachment"].create(
            {
                "name": _("%(title)s.xlsx", title=title),
                "datas": base64.b64encode(buffer.getvalue()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
