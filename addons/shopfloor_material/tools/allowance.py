"""Material allowance of a manufacturing order: pure arithmetic, no Odoo import.

The model layer describes the BOM as plain dicts and calls :func:`standard_quantities`
and :func:`allowance`; the tests in ``tests/test_material_allowance.py`` check them
without a database.

Units of measure are ``Uom(category, factor, rounding)`` as in Odoo: ``factor`` is how
many of this unit make one reference unit of its category (a dozen: 1/12, a gram in
the kg category: 1000), so ``qty_ref = qty / factor``.

A BOM is ``{"qty": 1.0, "uom": Uom, "lines": [line, ...]}`` and a line is
``{"product": key, "qty": 2.0, "uom": Uom, "product_uom": Uom, "kit": bom or None}``:
kit lines (phantom BOMs) are exploded into their own components.
"""

import math
from collections import namedtuple

Uom = namedtuple("Uom", "category factor rounding")

MAX_KIT_DEPTH = 20


class UomError(ValueError):
    """Two units of different categories."""


def round_to(qty, rounding, method="HALF-UP"):
    """Round ``qty`` to a multiple of ``rounding`` (Odoo's float_round)."""
    if not rounding:
        return qty
    steps = qty / rounding
    # absorb binary noise (0.1 + 0.2 style) before rounding up
    steps = round(steps, 9)
    if method == "UP":
        steps = math.ceil(steps)
    elif method == "DOWN":
        steps = math.floor(steps)
    else:
        steps = math.floor(steps + 0.5) if steps >= 0 else -math.floor(-steps + 0.5)
    return round(steps * rounding, 12)


def convert(qty, from_uom, to_uom, rounding_method=None):
    """``qty`` in ``from_uom`` expressed in ``to_uom`` (rounded to its rounding when
    ``rounding_method`` is given)."""
    if from_uom == to_uom:
        result = qty
    else:
        if from_uom.category != to_uom.category:
            raise UomError(f"cannot convert {from_uom.category} into {to_uom.category}")
        result = qty / from_uom.factor * to_uom.factor
    if rounding_method:
        result = round_to(result, to_uom.rounding, rounding_method)
    return result


def standard_quantities(bom, qty, qty_uom=None, _depth=0):
    """BOM standard of each component for ``qty`` finished units (in ``qty_uom``,
    the BOM's unit when None): ``{product: qty in the product's unit}``, kits exploded,
    the same component on several lines summed."""
    if _depth > MAX_KIT_DEPTH:
        raise ValueError("kit BOMs nest too deep (a kit containing itself?)")
    times = convert(qty, qty_uom, bom["uom"]) if qty_uom else qty
    times = times / (bom["qty"] or 1.0)
    result = {}
    for line in bom["lines"]:
        need = line["qty"] * times  # in the line's unit
        kit = line.get("kit")
        if kit:
            sub = standard_quantities(kit, need, line["uom"], _depth + 1)
        else:
            sub = {line["product"]: convert(need, line["uom"], line["product_uom"])}
        for product, value in sub.items():
            result[product] = result.get(product, 0.0) + value
    return result


def allowance(
    standard_per_unit,
    qty_to_produce,
    planned_scrap=0.0,
    tolerance=0.0,
    issued=0.0,
    returned=0.0,
    approved_extra=0.0,
    rounding=0.0,
):
    """What may still be issued of one component (never negative).

    ``allowed = standard x (qty to produce + planned scrap) x (1 + tolerance)
    - issued + returned + approved extra``; ``standard_per_unit`` is the component's
    quantity per finished unit, ``tolerance`` a fraction (0.05 = 5 %). The total
    (before issues) is rounded DOWN to the product's rounding: a tolerance never
    allows a fraction of a unit the store cannot hand out.
    """
    if qty_to_produce < 0 or planned_scrap < 0 or tolerance < 0:
        raise ValueError("quantities and tolerance cannot be negative")
    total = standard_per_unit * (qty_to_produce + planned_scrap) * (1.0 + tolerance)
    if rounding:
        total = round_to(total, rounding, "DOWN")
    left = total - issued + returned + approved_extra
    if rounding:
        left = round_to(left, rounding, "HALF-UP")
    return max(left, 0.0)


def returnable(issued, returned, consumed, scrapped, rounding=0.0):
    """What may go back to the store of one component (and lot): issued and neither
    returned, consumed by the order nor scrapped on the line (never negative)."""
    left = issued - returned - consumed - scrapped
    if rounding:
        left = round_to(left, rounding, "HALF-UP")
    return max(left, 0.0)


def exceeds(qty, limit, rounding):
    """``qty`` is more than ``limit`` by at least half a ``rounding`` step."""
    epsilon = (rounding or 1e-9) / 2.0
    return qty - limit > epsilon


def variance(standard, issued, returned, consumed, scrapped, unit_cost=0.0):
    """One row of the material variance: net issued (issued - returned) against the
    BOM standard, with values at ``unit_cost``."""
    net = issued - returned
    return {
        "standard": standard,
        "issued": issued,
        "returned": returned,
        "consumed": consumed,
        "scrapped": scrapped,
        "net_issued": net,
        "variance": net - standard,
        "standard_value": standard * unit_cost,
        "net_issued_value": net * unit_cost,
        "scrapped_value": scrapped * unit_cost,
        "variance_value": (net - standard) * unit_cost,
    }
