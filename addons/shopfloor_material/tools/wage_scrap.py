"""Scrapped units for the wage rules when a piece is reported twice (no Odoo import).

A spoiled piece may be reported through the work order (``workorder/report``: the
operator's scrap, work) and through the material ledger (``material/scrap``: the material
it was made of). The rule: the material ledger is material, the work report is work. The
wage rules count scrapped *work*: for one worker, operation and day, the work reports
count, and the material ledger adds only the pieces the reports do not show (the same
spoiled piece is never paid, or penalised, twice). Where the two disagree on the cause of
a piece, the operator-caused count of either side stands (工废 is the worker's own report
or the storekeeper's finding; 料废 is what is left).
"""


def merge(report_operator, report_material, ledger_operator, ledger_material):
    """``(operator, material)`` scrapped units of one worker on one operation and day.

    ``report_*``: units of the work reports (by defect category); ``ledger_*``: operation
    units of the material ledger's scraps (``piece_qty``, by defect category).
    """
    total = max(report_operator + report_material, ledger_operator + ledger_material)
    operator = min(max(report_operator, ledger_operator), total)
    return operator, total - operator
