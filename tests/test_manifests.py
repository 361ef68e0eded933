"""Every third-party Python package an addon imports is declared in its manifest's
``external_dependencies`` (so a missing one stops the install, not the first re-plan),
unless Odoo 18 itself requires it."""

import ast
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in (ROOT / "addons").glob("*/__manifest__.py"))
# packages of Odoo 18.0's own requirements.txt (installed with Odoo)
ODOO_PROVIDED = {
    "babel", "dateutil", "decorator", "docutils", "gevent", "greenlet", "idna", "jinja2",
    "lxml", "markupsafe", "num2words", "ofxparse", "passlib", "PIL", "polib", "psutil",
    "psycopg2", "pyasn1", "pydot", "pyparsing", "PyPDF2", "pypdf", "pyserial", "pytz",
    "pyusb", "qrcode", "reportlab", "requests", "urllib3", "vobject", "werkzeug", "xlrd",
    "xlsxwriter", "xlwt", "zeep", "chardet", "cryptography", "OpenSSL", "openpyxl",
    "rjsmin", "stdnum", "asn1crypto", "cbor2", "geoip2", "freezegun", "ldap", "serial",
    "usb", "magic", "libsass",
}  # fmt: skip
# import name -> name in external_dependencies (pip distribution)
DIST = {"dateutil": "python-dateutil", "PIL": "Pillow", "yaml": "PyYAML"}
# Odoo's own checks that only some declared packages are always required
ALWAYS_DECLARE = {"ortools", "qrcode", "requests", "xlsxwriter"}


def _imports(addon):
    names = {}
    for path in addon.rglob("*.py"):
        rel = path.relative_to(addon)
        if rel.parts[0] == "tests":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                mods = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                mods = [node.module]
            else:
                continue
            for mod in mods:
                top = mod.split(".")[0]
                names.setdefault(top, str(rel))
    return names


def _third_party(names):
    return {
        name: where
        for name, where in names.items()
        if name not in sys.stdlib_module_names and name != "odoo"
    }


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_third_party_imports_declared(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    declared = {n.lower() for n in manifest.get("external_dependencies", {}).get("python", [])}
    missing = {}
    for name, where in _third_party(_imports(addon)).items():
        dist = DIST.get(name, name)
        if dist.lower() in declared or name.lower() in declared:
            continue
        if name in ODOO_PROVIDED and name not in ALWAYS_DECLARE:
            continue
        missing[name] = where
    assert not missing, (
        f"{addon.name}: imported but not in external_dependencies['python']: {missing}"
    )


def test_ortools_declared_where_the_scheduler_lives():
    manifest = ast.literal_eval((ROOT / "addons/shopfloor_planning/__manifest__.py").read_text())
    assert "ortools" in manifest["external_dependencies"]["python"]
