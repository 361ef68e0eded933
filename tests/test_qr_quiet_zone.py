"""QR codes keep the 4-module quiet zone ISO/IEC 18004 asks for (PNG and SVG), and
scanned payloads are matched whole (no trailing newline slips through ``$``)."""

import io
import re

import pytest
from conftest import load_tool

qr = load_tool("shopfloor_mp", "qr")
PIL = pytest.importorskip("PIL.Image")

URL = "https://erp.example.com/sf/q/K7QX2M9WDA"


def test_png_quiet_zone_is_four_modules():
    box = 8
    png = qr.qr_png(URL, box_size=box)
    img = PIL.open(io.BytesIO(png)).convert("L")
    width, height = img.size
    dark = img.point(lambda v: 255 if v < 128 else 0).getbbox()
    left, top, right, bottom = dark
    assert qr.QUIET_ZONE == 4
    for margin in (left, top, width - right, height - bottom):
        assert margin == 4 * box, (margin, img.size, dark)
    # the default: every label and badge image uses it
    default = PIL.open(io.BytesIO(qr.qr_png(URL))).convert("L")
    assert default.point(lambda v: 255 if v < 128 else 0).getbbox()[0] == 4 * 8


def test_svg_quiet_zone_is_four_modules():
    svg = qr.qr_svg(URL)
    size = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert size, svg[:200]
    total = float(size.group(1))
    path = re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)
    xs = [float(x) for x in re.findall(r"M([\d.]+)", path)]
    # the symbol starts 4 modules in: total = (modules + 8) units, first x >= 4 units
    unit = total / round(total)  # one module in viewBox units (SvgPathImage: 1 mm per module)
    assert min(xs) >= 4 * unit - 1e-6, (min(xs), total)


@pytest.mark.parametrize(
    "payload",
    ["K7QX2M9WDA\nx", "https://erp.example.com/sf/q/K7QX2M9WDA\nhttps://evil/"],
)
def test_payload_matched_whole(payload):
    assert qr.parse(payload) is None
