"""Labour in the MO cost overview: one "Labour" line per operation next to the
work-center costs, included in the MO's cost."""

from odoo import _, models


class ReportMoOverview(models.AbstractModel):
    _inherit = "report.mrp.report_mo_overview"

    def _get_operations_data(self, production, level=0, current_index=False):
        data = super()._get_operations_data(production, level=level, current_index=current_index)
        amounts = production.workorder_ids._sf_get_wage_amounts()
        currency = (production.company_id or self.env.company).currency_id
        labour_total = 0.0
        for index, workorder in enumerate(production.workorder_ids):
            amount = amounts.get(workorder.id, 0.0)
            if currency.is_zero(amount):
                continue
            labour_total += amount
            data["details"].append(
                {
                    "level": level,
                    "index": f"{current_index}WL{index}",
                    "model": workorder._name,
                    "id": workorder.id,
                    "name": _("Labour: %(name)s", name=workorder.name),
                    "state": workorder.state,
                    "formatted_state": self._format_state(workorder),
                    "quantity": 0.0,
                    "uom_name": _("Wages"),
                    "production_id": production.id,
                    "unit_cost": amount,
                    "mo_cost": amount,
                    "bom_cost": 0.0,
                    "real_cost": amount,
                    "mo_cost_decorator": False,
                    "real_cost_decorator": False,
                    "currency_id": currency.id,
                    "currency": currency,
                    "is_shopfloor_labour": True,
                }
            )
        summary = data["summary"]
        summary["shopfloor_labour_cost"] = labour_total
        summary["mo_cost"] = summary.get("mo_cost", 0.0) + labour_total
        summary["real_cost"] = summary.get("real_cost", 0.0) + labour_total
        return data
