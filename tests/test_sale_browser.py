"""Order progress (shopfloor_sale) in a real browser against a real server: the demo
salesman's Production Progress tab, the demo customer's portal page (another customer's
order: 404) and a shared link on a phone (a wrong token: 404). Screenshots in
docs/screenshots/sale/. Needs the demo data of shopfloor_sale in the e2e database."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from test_app_browser import BROWSER, ROOT


def test_order_progress_in_browser(odoo_server):
    s = odoo_server
    admin = s.login("admin", "admin")

    def kw(model, method, args, kwargs=None):
        return s.call_kw(admin, "admin", model, method, args, kwargs)

    xmlid = kw(
        "ir.model.data",
        "search_read",
        [[("module", "=", "shopfloor_sale"), ("name", "=", "demo_sale_order_customer")]],
        {"fields": ["res_id"]},
    )
    if not xmlid:
        pytest.skip("shopfloor_sale and its demo data are not installed")
    order_id = xmlid[0]["res_id"]
    order = kw("sale.order", "read", [[order_id], ["name", "partner_id"]])[0]
    customer = kw("res.partner", "read", [[order["partner_id"][0]], ["commercial_partner_id"]])
    commercial = customer[0]["commercial_partner_id"][0]
    mos = kw(
        "mrp.production", "search_read", [[("origin", "=", order["name"])]], {"fields": ["name"]}
    )
    foreign = kw(
        "sale.order",
        "search",
        [[("partner_id.commercial_partner_id", "!=", commercial)]],
        {"limit": 1},
    )
    # the demo salesman shares the order's progress (the link is shown once, in the answer)
    sales_uid = s.login("sf_sales", "sf_sales")
    action = s.call_kw(
        sales_uid, "sf_sales", "sale.order", "action_shopfloor_share_progress", [[order_id]]
    )
    token = action["params"]["links"][0]["url"].rsplit("/", 1)[1]
    fixture = {
        "order_id": order_id,
        "order_name": order["name"],
        "mo_name": mos[0]["name"],
        "salesman": ["sf_sales", "sf_sales"],
        "customer": ["sf_customer", "sf_customer"],
        "link_url": f"{s.url}/shopfloor/progress/{token}",
        "foreign_order_id": foreign[0] if foreign else None,
        # worker names of the demo reports, a price of the order
        "secrets": ["张伟", "孙浩", "275.00"],
    }
    node = shutil.which("node")
    assert node, "node is needed for the browser tests"
    assert (ROOT / "node_modules" / "playwright-core").is_dir(), "run `npm ci` first"
    env = dict(os.environ, SF_APP_URL=s.url, SF_FIXTURE=json.dumps(fixture))
    proc = subprocess.run(
        [node, str(BROWSER / "sale_progress.mjs")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    assert proc.returncode == 0, f"sale_progress.mjs failed:\n{proc.stdout}\n{proc.stderr}"
    assert 'SF_RESULT {"backend":true,"portal":true,"link":true}' in proc.stdout
