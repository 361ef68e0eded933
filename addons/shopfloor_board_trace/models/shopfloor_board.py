from odoo import models


class ShopfloorBoard(models.Model):
    _inherit = "shopfloor.board"

    def _get_board_pages(self):
        pages = super()._get_board_pages()
        pages["quality"] = self._board_page_quality
        return pages

    def _board_page_quality(self, ctx):
        """Today's first-pass yield per work center and over the board (good / processed
        of the day's reports: the ratio of the sums), and the top defects of the day
        (scrap reported and defects found by checks, shopfloor.defect.pareto)."""
        wcs = ctx["workcenters"]
        domain = [
            ("workcenter_id", "in", wcs.ids),
            ("company_id", "=", self.company_id.id),
            ("state", "=", "done"),
            ("date", ">=", ctx["day_start"]),
            ("date", "<=", ctx["now"]),
        ]
        groups = self.env["shopfloor.report"]._read_group(
            domain, ["workcenter_id"], ["qty_good:sum", "qty_scrap:sum"]
        )
        lines = []
        total_good = total_input = 0.0
        for wc, good, scrap in groups:
            processed = good + scrap
            total_good += good
            total_input += processed
            lines.append(
                {
                    "id": wc.id,
                    "name": wc.name,
                    "good": good,
                    "scrap": scrap,
                    "fpy": round(100.0 * good / processed, 1) if processed else None,
                }
            )
        lines.sort(key=lambda x: (x["fpy"] if x["fpy"] is not None else 101.0, x["name"]))
        defects = self.env["shopfloor.defect.pareto"]._read_group(
            [
                ("workcenter_id", "in", wcs.ids),
                ("company_id", "=", self.company_id.id),
                ("date", ">=", ctx["day_start"]),
                ("date", "<=", ctx["now"]),
            ],
            ["defect_type_id"],
            ["qty:sum"],
            order="qty:sum desc",
            limit=8,
        )
        return {
            "fpy": round(100.0 * total_good / total_input, 1) if total_input else None,
            "good": total_good,
            "processed": total_input,
            "lines": lines,
            "defects": [
                {"name": dtype.display_name or "", "qty": qty} for dtype, qty in defects if qty
            ],
        }
