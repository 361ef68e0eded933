"""Genealogy of lots and serials, computed in SQL.

Odoo links what an MO consumed to what it produced at the move-line level: each
finished move line's ``consume_line_ids`` (table ``stock_move_line_consume_rel``,
column ``consume_line_id`` = the finished line, ``produce_line_id`` = a consumed
line). A recursive query walks these links over lots, every lot once, then a few set
queries fetch the MOs, operations, people, machines, checks, scrap, alerts and
deliveries of the lots found. No record-by-record walk.
"""

from collections import defaultdict

from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import dt
from odoo.tools import SQL

MAX_DEPTH = 50


class ShopfloorTrace(models.AbstractModel):
    _name = "shopfloor.trace"
    _description = "Shop-floor Traceability"

    # ------------------------------------------------------------------
    # Recursive walks
    # ------------------------------------------------------------------
    @api.model
    def _get_backward_edges(self, lot_id):
        """Every (finished lot -> consumed line) link below ``lot_id``, all levels."""
        self.env.flush_all()
        query = SQL(
            """
            WITH RECURSIVE tree(lot_id) AS (
                SELECT %(lot)s::integer
                UNION
                SELECT cml.lot_id
                  FROM tree t
                  JOIN stock_move_line pml ON pml.lot_id = t.lot_id AND pml.state = 'done'
                  JOIN stock_move_line_consume_rel rel ON rel.consume_line_id = pml.id
                  JOIN stock_move_line cml ON cml.id = rel.produce_line_id
                   AND cml.state = 'done' AND cml.lot_id IS NOT NULL
            )
            SELECT DISTINCT pml.lot_id, cml.id, cml.product_id, cml.lot_id, cml.quantity,
                   pm.production_id, cml.date
              FROM tree t
              JOIN stock_move_line pml ON pml.lot_id = t.lot_id AND pml.state = 'done'
              JOIN stock_move pm ON pm.id = pml.move_id AND pm.production_id IS NOT NULL
              JOIN stock_move_line_consume_rel rel ON rel.consume_line_id = pml.id
              JOIN stock_move_line cml ON cml.id = rel.produce_line_id AND cml.state = 'done'
            """,
            lot=lot_id,
        )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @api.model
    def _get_forward_edges(self, lot_id):
        """Every (consumed lot -> finished line) link above ``lot_id``, all levels."""
        self.env.flush_all()
        query = SQL(
            """
            WITH RECURSIVE tree(lot_id) AS (
                SELECT %(lot)s::integer
                UNION
                SELECT pml.lot_id
                  FROM tree t
                  JOIN stock_move_line cml ON cml.lot_id = t.lot_id AND cml.state = 'done'
                  JOIN stock_move_line_consume_rel rel ON rel.produce_line_id = cml.id
                  JOIN stock_move_line pml ON pml.id = rel.consume_line_id
                   AND pml.state = 'done' AND pml.lot_id IS NOT NULL
            )
            SELECT DISTINCT cml.lot_id, pml.id, pml.product_id, pml.lot_id, pml.quantity,
                   pm.production_id, pml.date
              FROM tree t
              JOIN stock_move_line cml ON cml.lot_id = t.lot_id AND cml.state = 'done'
              JOIN stock_move_line_consume_rel rel ON rel.produce_line_id = cml.id
              JOIN stock_move_line pml ON pml.id = rel.consume_line_id AND pml.state = 'done'
              JOIN stock_move pm ON pm.id = pml.move_id
            """,
            lot=lot_id,
        )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @staticmethod
    def _depths(root, edges):
        """Breadth-first depth of each lot from ``root`` over ``{lot: [lots]}``."""
        depth = {root: 0}
        frontier = [root]
        while frontier and len(depth) < 10_000_000:
            nxt = []
            for lot in frontier:
                for child in edges.get(lot, ()):
                    if child and child not in depth:
                        depth[child] = depth[lot] + 1
                        nxt.append(child)
            frontier = nxt
        return depth

    # ------------------------------------------------------------------
    # Names (one query per table)
    # ------------------------------------------------------------------
    def _names(self, model, ids):
        ids = [i for i in set(ids) if i]
        if not ids:
            return {}
        records = self.env[model].sudo().browse(ids)  # names only, of records traced
        return {rec.id: rec.display_name for rec in records}

    def _lot_names(self, ids):
        ids = list({i for i in ids if i})
        if not ids:
            return {}
        self.env.cr.execute(SQL("SELECT id, name FROM stock_lot WHERE id = ANY(%s)", ids))
        return dict(self.env.cr.fetchall())

    def _production_names(self, ids):
        ids = list({i for i in ids if i})
        if not ids:
            return {}
        self.env.cr.execute(SQL("SELECT id, name FROM mrp_production WHERE id = ANY(%s)", ids))
        return dict(self.env.cr.fetchall())

    def _lot_info(self, lot):
        return {
            "id": lot.id,
            "name": lot.name,
            "product_id": lot.product_id.id,
            "product": lot.product_id.display_name,
            "on_hold": lot.shopfloor_hold,
        }

    # ------------------------------------------------------------------
    # Backward: a finished unit to everything it contains
    # ------------------------------------------------------------------
    @api.model
    def _backward(self, lot):
        lot.ensure_one()
        rows = self._get_backward_edges(lot.id)
        children = defaultdict(list)
        for parent_lot, _line, _product, child_lot, _qty, _mo, _date in rows:
            children[parent_lot].append(child_lot)
        depth = self._depths(lot.id, children)
        products = self._names("product.product", [r[2] for r in rows])
        lots = self._lot_names([r[0] for r in rows] + [r[3] for r in rows])
        production_ids = {r[5] for r in rows}
        production_ids |= set(self._get_origin_productions(lot.id, list(depth)))
        productions = self._production_names(production_ids)
        components = [
            {
                "depth": depth.get(parent_lot, 0) + 1,
                "move_line_id": line_id,
                "product_id": product_id,
                "product": products.get(product_id),
                "lot_id": child_lot or None,
                "lot": lots.get(child_lot),
                "qty": qty,
                "parent_lot": lots.get(parent_lot),
                "production_id": mo_id,
                "production": productions.get(mo_id),
                "date": dt(date),
            }
            for parent_lot, line_id, product_id, child_lot, qty, mo_id, date in rows
        ]
        components.sort(key=lambda c: (c["depth"], c["production"] or "", c["product"] or ""))
        lot_ids = list(depth)
        details = self._get_production_details(sorted(production_ids), lot_ids)
        return {
            "lot": self._lot_info(lot),
            "components": components,
            "raw_lots": sorted(
                {c["lot"] for c in components if c["lot_id"] and c["lot_id"] not in children}
            ),
            **details,
        }

    @api.model
    def _get_origin_productions(self, lot_id, lot_ids):
        """MOs whose last operation reported these lots on the shop floor (the MO a
        serial's one-unit MO was split from, or an MO not closed yet)."""
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT r.production_id
                  FROM shopfloor_report_stock_lot_rel rel
                  JOIN shopfloor_report r ON r.id = rel.report_id AND r.state = 'done'
                 WHERE rel.lot_id = ANY(%s)
                """,
                lot_ids or [lot_id],
            )
        )
        return [row[0] for row in self.env.cr.fetchall() if row[0]]

    @api.model
    def _get_production_details(self, production_ids, lot_ids):
        """Operations (start, end, people, work center, equipment), checks, scrap and
        alerts of ``production_ids`` and ``lot_ids``."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT p.id, p.name, p.product_id, p.lot_producing_id, p.state,
                       p.date_start, p.date_finished, p.shopfloor_origin_production_id
                  FROM mrp_production p WHERE p.id = ANY(%s) ORDER BY p.id
                """,
                production_ids,
            )
        )
        mo_rows = cr.fetchall()
        origin_ids = [r[7] for r in mo_rows if r[7] and r[7] not in production_ids]
        all_mo_ids = list(production_ids) + origin_ids
        cr.execute(
            SQL(
                """
                SELECT wo.id, wo.production_id, wo.name, wo.workcenter_id, wc.name,
                       wo.date_start, wo.date_finished, wo.qty_produced,
                       wo.shopfloor_qty_scrap, wo.state
                  FROM mrp_workorder wo
                  JOIN mrp_workcenter wc ON wc.id = wo.workcenter_id
                 WHERE wo.production_id = ANY(%s)
                 ORDER BY wo.production_id, wo.id
                """,
                all_mo_ids,
            )
        )
        wo_rows = cr.fetchall()
        wo_ids = [r[0] for r in wo_rows]
        cr.execute(
            SQL(
                """
                SELECT DISTINCT x.wo_id, e.id, e.name FROM (
                    SELECT COALESCE(t.workorder_id, t.shopfloor_workorder_id) AS wo_id,
                           t.employee_id
                      FROM mrp_workcenter_productivity t
                     WHERE COALESCE(t.workorder_id, t.shopfloor_workorder_id) = ANY(%(wos)s)
                    UNION
                    SELECT r.workorder_id, r.employee_id FROM shopfloor_report r
                     WHERE r.workorder_id = ANY(%(wos)s) AND r.state = 'done'
                ) x JOIN hr_employee e ON e.id = x.employee_id
                 ORDER BY e.name
                """,
                wos=wo_ids,
            )
        )
        employees = defaultdict(list)
        for wo_id, _emp_id, emp_name in cr.fetchall():
            employees[wo_id].append(emp_name)
        # the real start and end of an operation are in its time logs (an operation
        # reported on the shop floor without a plan has no dates of its own)
        cr.execute(
            SQL(
                """
                SELECT COALESCE(t.workorder_id, t.shopfloor_workorder_id),
                       MIN(t.date_start), MAX(t.date_end), bool_or(t.date_end IS NULL)
                  FROM mrp_workcenter_productivity t
                 WHERE COALESCE(t.workorder_id, t.shopfloor_workorder_id) = ANY(%s)
                 GROUP BY 1
                """,
                wo_ids,
            )
        )
        logged = {row[0]: row[1:] for row in cr.fetchall()}
        equipment = self._get_equipment({r[3] for r in wo_rows})
        wc_names = {r[3]: r[4] for r in wo_rows}
        mo_names = self._production_names(all_mo_ids)
        operations = [
            {
                "id": wo_id,
                "production_id": mo_id,
                "production": mo_names.get(mo_id),
                "name": name,
                "workcenter_id": wc_id,
                "workcenter": wc_names.get(wc_id),
                "equipment": equipment.get(wc_id, []),
                "date_start": dt(logged[wo_id][0] if wo_id in logged else start),
                "date_finished": dt(
                    logged[wo_id][1] if wo_id in logged and not logged[wo_id][2] else end
                ),
                "qty_good": qty_good,
                "qty_scrap": qty_scrap or 0.0,
                "state": state,
                "employees": employees.get(wo_id, []),
            }
            for wo_id, mo_id, name, wc_id, _wc, start, end, qty_good, qty_scrap, state in wo_rows
        ]
        products = self._names("product.product", [r[2] for r in mo_rows])
        lots = self._lot_names([r[3] for r in mo_rows])
        productions = [
            {
                "id": r[0],
                "name": r[1],
                "product": products.get(r[2]),
                "lot": lots.get(r[3]),
                "state": r[4],
                "date_start": dt(r[5]),
                "date_finished": dt(r[6]),
                "split_from": mo_names.get(r[7]),
            }
            for r in mo_rows
        ]
        return {
            "productions": productions,
            "operations": operations,
            "employees": sorted({e for names in employees.values() for e in names}),
            "workcenters": sorted({wc for wc in wc_names.values() if wc}),
            "checks": self._get_checks(all_mo_ids, lot_ids),
            "scraps": self._get_scraps(all_mo_ids, wo_ids),
            "alerts": self._get_alerts(all_mo_ids, lot_ids),
        }

    def _get_equipment(self, workcenter_ids):
        """Maintenance equipment of the work centers, when maintenance is installed."""
        Equipment = self.env.get("maintenance.equipment")
        if Equipment is None or "workcenter_id" not in Equipment._fields or not workcenter_ids:
            return {}
        self.env.cr.execute(
            SQL(
                "SELECT workcenter_id, name FROM maintenance_equipment "
                "WHERE workcenter_id = ANY(%s) AND active ORDER BY name",
                list(workcenter_ids),
            )
        )
        result = defaultdict(list)
        for wc_id, name in self.env.cr.fetchall():
            result[wc_id].append(name)
        return result

    def _get_checks(self, production_ids, lot_ids):
        self.env.cr.execute(
            SQL(
                """
                SELECT c.id, c.name, c.point_id, c.state, c.production_id, c.workorder_id,
                       c.lot_id, c.measure, c.test_type, c.date_done, e.name, c.trigger
                  FROM shopfloor_quality_check c
                  LEFT JOIN hr_employee e ON e.id = c.employee_id
                 WHERE c.production_id = ANY(%s) OR c.lot_id = ANY(%s)
                 ORDER BY c.date_due, c.id
                """,
                production_ids,
                lot_ids,
            )
        )
        rows = self.env.cr.fetchall()
        points = self._names("shopfloor.quality.point", [r[2] for r in rows])
        lots = self._lot_names([r[6] for r in rows])
        return [
            {
                "id": r[0],
                "name": r[1],
                "point": points.get(r[2]),
                "state": r[3],
                "production_id": r[4],
                "workorder_id": r[5],
                "lot": lots.get(r[6]),
                "measure": r[7] if r[8] == "measure" else None,
                "date_done": dt(r[9]),
                "employee": r[10],
                "trigger": r[11],
            }
            for r in rows
        ]

    def _get_scraps(self, production_ids, workorder_ids):
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id, s.name, s.product_id, s.scrap_qty, s.production_id,
                       s.workorder_id, s.lot_id, s.shopfloor_defect_type_id, s.date_done
                  FROM stock_scrap s
                 WHERE s.state = 'done'
                   AND (s.production_id = ANY(%s) OR s.workorder_id = ANY(%s))
                 ORDER BY s.id
                """,
                production_ids,
                workorder_ids,
            )
        )
        rows = self.env.cr.fetchall()
        products = self._names("product.product", [r[2] for r in rows])
        defects = self._names("shopfloor.defect.type", [r[7] for r in rows])
        lots = self._lot_names([r[6] for r in rows])
        return [
            {
                "id": r[0],
                "name": r[1],
                "product": products.get(r[2]),
                "qty": r[3],
                "production_id": r[4],
                "workorder_id": r[5],
                "lot": lots.get(r[6]),
                "defect_type": defects.get(r[7]),
                "date": dt(r[8]),
            }
            for r in rows
        ]

    def _get_alerts(self, production_ids, lot_ids):
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id, a.name, a.title, a.state, a.production_id, a.lot_id
                  FROM shopfloor_quality_alert a
                 WHERE a.production_id = ANY(%s) OR a.lot_id = ANY(%s)
                 ORDER BY a.id
                """,
                production_ids,
                lot_ids,
            )
        )
        rows = self.env.cr.fetchall()
        lots = self._lot_names([r[5] for r in rows])
        return [
            {
                "id": r[0],
                "name": r[1],
                "title": r[2],
                "state": r[3],
                "production_id": r[4],
                "lot": lots.get(r[5]),
            }
            for r in rows
        ]

    # ------------------------------------------------------------------
    # Forward: a material lot to every unit made from it and who received it
    # ------------------------------------------------------------------
    @api.model
    def _forward(self, lot):
        lot.ensure_one()
        rows = self._get_forward_edges(lot.id)
        parents = defaultdict(list)
        for from_lot, _line, _product, to_lot, _qty, _mo, _date in rows:
            parents[from_lot].append(to_lot)
        depth = self._depths(lot.id, parents)
        products = self._names("product.product", {r[2] for r in rows})
        lots = self._lot_names([r[0] for r in rows] + [r[3] for r in rows])
        productions = self._production_names([r[5] for r in rows])
        seen = set()
        units = []
        for from_lot, line_id, product_id, to_lot, qty, mo_id, date in rows:
            if (line_id, to_lot) in seen:
                continue
            seen.add((line_id, to_lot))
            units.append(
                {
                    "depth": depth.get(from_lot, 0) + 1,
                    "move_line_id": line_id,
                    "product_id": product_id,
                    "product": products.get(product_id),
                    "lot_id": to_lot or None,
                    "lot": lots.get(to_lot),
                    "qty": qty,
                    "from_lot": lots.get(from_lot),
                    "production_id": mo_id,
                    "production": productions.get(mo_id),
                    "date": dt(date),
                    "finished": bool(to_lot) and to_lot not in parents,
                }
            )
        units.sort(key=lambda u: (u["depth"], u["lot"] or ""))
        lot_ids = list(depth)
        deliveries = self._get_deliveries(lot_ids)
        return {
            "lot": self._lot_info(lot),
            "units": units,
            "finished": sorted({u["lot"] for u in units if u["finished"]}),
            "deliveries": deliveries,
            "customers": sorted({d["partner"] for d in deliveries if d["partner"]}),
            "alerts": self._get_alerts([], lot_ids),
        }

    @api.model
    def _get_deliveries(self, lot_ids):
        """Done moves of these lots to customers (the recall list)."""
        self.env.cr.execute(
            SQL(
                """
                SELECT ml.lot_id, ml.product_id, ml.quantity, ml.date, pk.id, pk.name,
                       p.id, p.complete_name, pk.origin
                  FROM stock_move_line ml
                  JOIN stock_location dest ON dest.id = ml.location_dest_id
                   AND dest.usage = 'customer'
                  LEFT JOIN stock_picking pk ON pk.id = ml.picking_id
                  LEFT JOIN res_partner p ON p.id = pk.partner_id
                 WHERE ml.lot_id = ANY(%s) AND ml.state = 'done'
                 ORDER BY ml.date, ml.id
                """,
                lot_ids,
            )
        )
        rows = self.env.cr.fetchall()
        products = self._names("product.product", [r[1] for r in rows])
        lots = self._lot_names([r[0] for r in rows])
        return [
            {
                "lot": lots.get(r[0]),
                "product": products.get(r[1]),
                "qty": r[2],
                "date": dt(r[3]),
                "picking_id": r[4],
                "picking": r[5],
                "partner_id": r[6],
                "partner": r[7],
                "origin": r[8],
            }
            for r in rows
        ]
