from odoo import api, models
from odoo.tools import SQL

from ..tools import wage_scrap


class ShopfloorWageLine(models.Model):
    _inherit = "shopfloor.wage.line"

    @api.model
    def _sf_read_quantities(self, company, tz, bounds, wo_ids):
        """Material scrapped at an operation by a worker counts as scrapped units of
        that operation for the wage rules, by its defect category: material-caused
        (料废) paid as the rule says, operator-caused (工废) at the operator scrap rate.
        The units are the operation units the scrapped material makes (``piece_qty``).

        A piece reported both through the work order (``workorder/report``) and the
        material ledger (``material/scrap``) counts once: the ledger adds only the units
        the work reports of that worker, operation and day do not show
        (tools/wage_scrap.py). Consumed by ``_sf_recompute`` (``_sf_compute_targets``)."""
        quantities = super()._sf_read_quantities(company, tz, bounds, wo_ids)
        self.env["shopfloor.material.move"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """SELECT m.workorder_id, m.employee_id,
                          (m.date AT TIME ZONE 'UTC' AT TIME ZONE %s)::date,
                          SUM(CASE WHEN d.category = 'operator' THEN m.piece_qty ELSE 0 END),
                          SUM(CASE WHEN d.category = 'operator' THEN 0 ELSE m.piece_qty END)
                     FROM shopfloor_material_move m
                     JOIN shopfloor_defect_type d ON d.id = m.defect_type_id
                    WHERE m.kind = 'scrap' AND m.piece_qty > 0
                      AND m.employee_id IS NOT NULL AND %s
                 GROUP BY 1, 2, 3""",
                tz.zone,
                self._sf_where("m", company, bounds, wo_ids, "date"),
            )
        )
        for wo, emp, day, operator, material in rows:
            row = quantities.setdefault((wo, emp, day), [0.0, 0.0, 0.0])
            row[1], row[2] = wage_scrap.merge(row[1], row[2], operator, material)
        return quantities
