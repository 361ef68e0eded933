"""Pure material allowance of shopfloor_material (addons/shopfloor_material/tools/allowance.py)."""

import pytest
from conftest import load_tool

al = load_tool("shopfloor_material", "allowance")
Uom = al.Uom

UNIT = Uom("unit", 1.0, 1.0)
DOZEN = Uom("unit", 1 / 12, 1.0)
KG = Uom("weight", 1.0, 0.001)
G = Uom("weight", 1000.0, 1.0)
M = Uom("length", 1.0, 0.01)
CM = Uom("length", 100.0, 1.0)


def bom(lines, qty=1.0, uom=UNIT):
    return {"qty": qty, "uom": uom, "lines": lines}


def line(product, qty, uom=UNIT, product_uom=None, kit=None):
    return {
        "product": product,
        "qty": qty,
        "uom": uom,
        "product_uom": product_uom or uom,
        "kit": kit,
    }


def test_convert_same_category():
    assert al.convert(1500, G, KG) == pytest.approx(1.5)
    assert al.convert(2, DOZEN, UNIT) == pytest.approx(24)
    assert al.convert(30, CM, M) == pytest.approx(0.3)


def test_convert_other_category_refused():
    with pytest.raises(al.UomError):
        al.convert(1, KG, M)


def test_convert_rounding_methods():
    assert al.convert(1234.4, G, G, "UP") == 1235
    assert al.convert(1234.4, G, G, "HALF-UP") == 1234
    assert al.convert(0.0015, KG, KG, "DOWN") == pytest.approx(0.001)


def test_round_to_absorbs_float_noise():
    assert al.round_to(0.1 + 0.2, 0.1, "UP") == pytest.approx(0.3)
    assert al.round_to(2.0000000001, 1.0, "UP") == 2


def test_standard_simple_line():
    assert al.standard_quantities(bom([line("steel", 2)]), 10) == {"steel": 20}


def test_standard_bom_for_several_units():
    # a BOM making 4 units with 10 bolts: 2.5 per unit
    std = al.standard_quantities(bom([line("bolt", 10)], qty=4), 8)
    assert std["bolt"] == pytest.approx(20)


def test_standard_line_uom_to_product_uom():
    # 250 g of paint per unit, stocked in kg
    std = al.standard_quantities(bom([line("paint", 250, G, KG)]), 10)
    assert std["paint"] == pytest.approx(2.5)


def test_standard_order_uom_to_bom_uom():
    # the order is for 2 dozen, the BOM is per unit
    std = al.standard_quantities(bom([line("screw", 3)]), 2, DOZEN)
    assert std["screw"] == pytest.approx(72)


def test_standard_kit_exploded():
    kit = bom([line("nut", 2), line("washer", 1)])
    std = al.standard_quantities(bom([line("bolt_kit", 4, kit=kit), line("washer", 1)]), 5)
    assert "bolt_kit" not in std
    assert std == pytest.approx({"nut": 40, "washer": 25})


def test_standard_kit_with_its_own_quantity_and_uom():
    # kit made per dozen: 24 pins per dozen kits, 6 kits per unit
    kit = bom([line("pin", 24)], qty=1, uom=DOZEN)
    std = al.standard_quantities(bom([line("pin_kit", 6, UNIT, UNIT, kit)]), 2)
    assert std["pin"] == pytest.approx(24)


def test_standard_nested_kits():
    inner = bom([line("rivet", 3)])
    outer = bom([line("inner", 2, kit=inner)])
    std = al.standard_quantities(bom([line("outer", 1, kit=outer)]), 10)
    assert std == pytest.approx({"rivet": 60})


def test_standard_recursive_kit_refused():
    kit = bom([])
    kit["lines"].append(line("self", 1, kit=kit))
    with pytest.raises(ValueError):
        al.standard_quantities(bom([line("self", 1, kit=kit)]), 1)


def test_standard_same_component_on_two_lines_summed():
    std = al.standard_quantities(bom([line("steel", 2), line("steel", 500, G, KG)]), 1)
    assert std["steel"] == pytest.approx(2.5)


def test_allowance_basic():
    assert al.allowance(2, 10) == 20


def test_allowance_tolerance_and_planned_scrap():
    # 2 per unit x (10 + 1 planned scrap) x 1.05
    assert al.allowance(2, 10, planned_scrap=1, tolerance=0.05) == pytest.approx(23.1)


def test_allowance_rounds_total_down_to_units():
    # 2 x 10 x 1.05 = 21.0; 2 x 11 x 1.05 = 23.1 -> 23 whole units
    assert al.allowance(2, 11, tolerance=0.05, rounding=1.0) == 23


def test_allowance_minus_issued_plus_returned():
    assert al.allowance(2, 10, issued=15, returned=3) == 8


def test_allowance_never_negative():
    assert al.allowance(2, 10, issued=25) == 0


def test_allowance_approved_extra():
    assert al.allowance(2, 10, issued=25, approved_extra=5) == 0
    assert al.allowance(2, 10, issued=20, approved_extra=5) == 5


def test_allowance_refuses_negative_inputs():
    with pytest.raises(ValueError):
        al.allowance(1, -1)
    with pytest.raises(ValueError):
        al.allowance(1, 1, tolerance=-0.1)


def test_allowance_kg_rounding():
    assert al.allowance(0.3333, 3, rounding=0.001) == pytest.approx(0.999)


def test_returnable():
    assert al.returnable(10, 2, 5, 1) == 2
    assert al.returnable(10, 2, 9, 1) == 0


def test_exceeds_uses_half_rounding():
    assert not al.exceeds(10.0004, 10, 0.001)
    assert al.exceeds(10.001, 10, 0.001)
    assert not al.exceeds(10, 10, 1.0)
    assert al.exceeds(11, 10, 1.0)


def test_variance_values():
    row = al.variance(20, 25, 3, 18, 1, unit_cost=2.0)
    assert row["net_issued"] == 22
    assert row["variance"] == 2
    assert row["variance_value"] == 4.0
    assert row["scrapped_value"] == 2.0


@pytest.mark.parametrize("qty", [1, 3, 7, 10, 99])
@pytest.mark.parametrize("tol", [0, 0.02, 0.1])
def test_allowance_is_monotonic_in_issues(qty, tol):
    full = al.allowance(1.5, qty, tolerance=tol, rounding=0.01)
    issued = 0.0
    while True:
        left = al.allowance(1.5, qty, tolerance=tol, issued=issued, rounding=0.01)
        if left <= 0:
            break
        issued += min(left, 1.0)
    assert issued == pytest.approx(full)
