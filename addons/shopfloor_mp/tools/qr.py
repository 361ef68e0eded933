"""QR payloads: one format for everything a worker scans.

A payload is an https URL under the Odoo base URL carrying a short opaque code::

    https://erp.example.com/sf/q/K7QX2M9WDA

The code is random (it cannot be derived from the record, nor one code from another);
the server keeps the code -> record table. Plain phone cameras open the URL; WeChat's
"scan to open mini-program" rule is configured on the URL prefix.
"""

import io
import re
import secrets

PATH_PREFIX = "/sf/q/"
# ISO/IEC 18004: a light margin ("quiet zone") of at least 4 modules around the symbol;
# less and scanners in a busy shop floor fail to find the code on a label's edge
QUIET_ZONE = 4
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: readable when typed
CODE_LEN = 10
# \A...\Z, not ^...$: "$" also matches before a trailing newline
CODE_RE = re.compile(r"\A[%s]{%d}\Z" % (ALPHABET, CODE_LEN))
URL_RE = re.compile(
    r"\Ahttps?://[^/\s]+(?:/[^\s]*)?%s([%s]{%d})/?\Z" % (re.escape(PATH_PREFIX), ALPHABET, CODE_LEN)
)


def new_code():
    """A fresh random code (about 50 bits)."""
    return "".join(secrets.choice(ALPHABET) for _i in range(CODE_LEN))


def make_url(base_url, code):
    return base_url.rstrip("/") + PATH_PREFIX + code


def parse(payload):
    """The code in a scanned payload (a URL or a bare code), or None.

    >>> parse("https://erp.example.com/sf/q/K7QX2M9WDA")
    'K7QX2M9WDA'
    >>> parse("k7qx2m9wda")
    'K7QX2M9WDA'
    >>> parse("https://evil.example.com/other") is None
    True
    """
    if not isinstance(payload, str):
        return None
    payload = payload.strip()
    match = URL_RE.match(payload)
    if match:
        return match.group(1)
    candidate = payload.upper()
    return candidate if CODE_RE.match(candidate) else None


def qr_png(data, box_size=8, border=QUIET_ZONE):
    """PNG bytes of a QR code (qrcode library, error correction M, 4-module quiet zone)."""
    import qrcode

    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=border
    )
    qr.add_data(data)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image().save(buf, format="PNG")
    return buf.getvalue()


def qr_svg(data):
    """SVG text of a QR code, crisp at any label size."""
    import qrcode
    import qrcode.image.svg

    img = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=QUIET_ZONE)
    buf = io.BytesIO()
    img.save(buf)
    return buf.getvalue().decode()
