from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ShopfloorTraceWizard(models.TransientModel):
    """Backend traceability: a lot or serial traced backward (what it contains, who
    made it, how it was checked) or forward (what was made from it, who received it)."""

    _name = "shopfloor.trace.wizard"
    _description = "Trace a Lot or Serial"

    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", required=True)
    direction = fields.Selection(
        [("backward", "Backward (genealogy)"), ("forward", "Forward (recall)")],
        required=True,
        default="backward",
    )
    line_ids = fields.One2many("shopfloor.trace.wizard.line", "wizard_id", readonly=True)
    summary = fields.Text(readonly=True)

    def _get_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
            "name": _("Traceability"),
        }

    def action_trace(self):
        self.ensure_one()
        Trace = self.env["shopfloor.trace"]
        self.line_ids.unlink()
        if self.direction == "backward":
            data = Trace._backward(self.lot_id)
            lines = self._prepare_backward_lines(data)
            summary = _(
                "%(components)s components, %(raw)s material lots, %(mos)s MOs, "
                "%(ops)s operations, %(checks)s checks, %(alerts)s alerts",
                components=len(data["components"]),
                raw=len(data["raw_lots"]),
                mos=len(data["productions"]),
                ops=len(data["operations"]),
                checks=len(data["checks"]),
                alerts=len(data["alerts"]),
            )
        else:
            data = Trace._forward(self.lot_id)
            lines = self._prepare_forward_lines(data)
            summary = _(
                "%(units)s lots made from it, %(finished)s finished, %(deliveries)s "
                "deliveries to %(customers)s customers",
                units=len(data["units"]),
                finished=len(data["finished"]),
                deliveries=len(data["deliveries"]),
                customers=len(data["customers"]),
            )
        self.env["shopfloor.trace.wizard.line"].create(
            [dict(vals, wizard_id=self.id, sequence=i) for i, vals in enumerate(lines)]
        )
        self.summary = summary
        return self._get_action()

    @api.model
    def _prepare_backward_lines(self, data):
        lines = [
            {
                "kind": "component",
                "depth": c["depth"],
                "name": c["product"],
                "lot_name": c["lot"],
                "parent": c["parent_lot"],
                "production": c["production"],
                "qty": c["qty"],
                "date": c["date"],
            }
            for c in data["components"]
        ]
        lines += [
            {
                "kind": "operation",
                "name": op["name"],
                "production": op["production"],
                "workcenter": op["workcenter"],
                "equipment": ", ".join(op["equipment"]),
                "employees": ", ".join(op["employees"]),
                "date": op["date_start"],
                "date_end": op["date_finished"],
                "qty": op["qty_good"],
                "state": op["state"],
            }
            for op in data["operations"]
        ]
        lines += [
            {
                "kind": "check",
                "name": f"{c['name']} {c['point'] or ''}",
                "lot_name": c["lot"],
                "employees": c["employee"],
                "date": c["date_done"],
                "state": c["state"],
                "qty": c["measure"] or 0.0,
            }
            for c in data["checks"]
        ]
        lines += [
            {
                "kind": "scrap",
                "name": f"{s['name']} {s['product'] or ''}",
                "qty": s["qty"],
                "date": s["date"],
                "state": s["defect_type"],
            }
            for s in data["scraps"]
        ]
        lines += [
            {"kind": "alert", "name": f"{a['name']} {a['title']}", "state": a["state"]}
            for a in data["alerts"]
        ]
        return lines

    @api.model
    def _prepare_forward_lines(self, data):
        finished = _("finished")
        lines = [
            {
                "kind": "unit",
                "depth": u["depth"],
                "name": u["product"],
                "lot_name": u["lot"],
                "parent": u["from_lot"],
                "production": u["production"],
                "qty": u["qty"],
                "date": u["date"],
                "state": finished if u["finished"] else "",
            }
            for u in data["units"]
        ]
        lines += [
            {
                "kind": "delivery",
                "name": d["product"],
                "lot_name": d["lot"],
                "partner": d["partner"],
                "production": d["picking"],
                "qty": d["qty"],
                "date": d["date"],
            }
            for d in data["deliveries"]
        ]
        return lines

    def action_export_xlsx(self):
        """The lines as an Excel sheet (the recall list for a forward trace)."""
        self.ensure_one()
        if not self.line_ids:
            raise UserError(_("Trace the lot first."))
        Line = self.env["shopfloor.trace.wizard.line"]
        names = [
            "kind",
            "depth",
            "name",
            "lot_name",
            "parent",
            "production",
            "workcenter",
            "equipment",
            "employees",
            "partner",
            "qty",
            "date",
            "date_end",
            "state",
        ]
        kinds = dict(Line._fields["kind"]._description_selection(self.env))
        rows = []
        for line in self.line_ids:
            row = [line[n] or "" for n in names]
            row[0] = kinds.get(line.kind, line.kind)
            row[11] = fields.Datetime.to_string(line.date) if line.date else ""
            row[12] = fields.Datetime.to_string(line.date_end) if line.date_end else ""
            rows.append(row)
        headers = [Line._fields[n]._description_string(self.env) for n in names]
        title = (
            _("Recall %(lot)s", lot=self.lot_id.name)
            if self.direction == "forward"
            else _("Genealogy %(lot)s", lot=self.lot_id.name)
        )
        return self.env["shopfloor.xlsx.export"]._xlsx_download(title, headers, rows)


class ShopfloorTraceWizardLine(models.TransientModel):
    _name = "shopfloor.trace.wizard.line"
    _description = "Traceability Line"
    _order = "sequence, id"

    wizard_id = fields.Many2one("shopfloor.trace.wizard", required=True, ondelete="cascade")
    sequence = fields.Integer()
    kind = fields.Selection(
        [
            ("component", "Component"),
            ("operation", "Operation"),
            ("check", "Quality Check"),
            ("scrap", "Scrap"),
            ("alert", "Quality Alert"),
            ("unit", "Made From It"),
            ("delivery", "Delivery"),
        ],
        required=True,
    )
    depth = fields.Integer("Level")
    name = fields.Char("Description")
    lot_name = fields.Char("Lot/Serial")
    parent = fields.Char("Of Lot")
    production = fields.Char("Order")
    workcenter = fields.Char("Work Center")
    equipment = fields.Char()
    employees = fields.Char("People")
    partner = fields.Char("Customer")
    qty = fields.Float("Quantity")
    date = fields.Datetime()
    date_end = fields.Datetime("End")
    state = fields.Char("Result")
