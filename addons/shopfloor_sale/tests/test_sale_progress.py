import hashlib
from datetime import timedelta

from odoo import Command, fields
from odoo.addons.shopfloor_mp.tools.api import ShopfloorError
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSaleProgress(HttpCase):
    """Two customers (each with a portal login) and two salesmen (own orders only); an
    order per customer, its MO made for the order line, in production."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.api_user = env.ref("shopfloor_mp.user_shopfloor_api")
        cls.wc_cut, cls.wc_pack = env["mrp.workcenter"].create(
            [
                {"name": "SS Cutting", "costs_hour": 61.0},
                {"name": "SS Packing", "costs_hour": 29.0},
            ]
        )
        cls.product = env["product.product"].create(
            {"name": "SS Bracket", "is_storable": True, "type": "consu", "standard_price": 77.7}
        )
        cls.bom = env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.product.product_tmpl_id.id,
                "product_qty": 1,
                "operation_ids": [
                    Command.create(
                        {"name": "SS Cut", "workcenter_id": cls.wc_cut.id,
                         "time_cycle_manual": 6, "sequence": 10}
                    ),
                    Command.create(
                        {"name": "SS Pack", "workcenter_id": cls.wc_pack.id,
                         "time_cycle_manual": 3, "sequence": 20}
                    ),
                ],
            }
        )  # fmt: skip
        cls.worker = env["hr.employee"].create(
            {"name": "SS Worker Zhang San", "barcode": "7700001"}
        )
        cls.salesman_a = new_test_user(
            env, login="ss_sales_a", groups="sales_team.group_sale_salesman"
        )
        cls.salesman_b = new_test_user(
            env, login="ss_sales_b", groups="sales_team.group_sale_salesman"
        )
        cls.customer_a = env["res.partner"].create({"name": "SS Customer A", "is_company": True})
        cls.customer_b = env["res.partner"].create({"name": "SS Customer B", "is_company": True})
        cls.portal_a = new_test_user(
            env, login="ss_portal_a", password="ss_portal_a", groups="base.group_portal"
        )
        cls.portal_a.partner_id.parent_id = cls.customer_a
        cls.portal_b = new_test_user(
            env, login="ss_portal_b", password="ss_portal_b", groups="base.group_portal"
        )
        cls.portal_b.partner_id.parent_id = cls.customer_b
        cls.order_a, cls.mo_a = cls._order(cls.portal_a.partner_id, cls.salesman_a, 10)
        cls.order_b, cls.mo_b = cls._order(cls.portal_b.partner_id, cls.salesman_b, 4)
        cut = cls.mo_a.workorder_ids.sorted("sequence")[0]
        now = fields.Datetime.now()
        cut._sf_start(cls.worker, now)
        cut._sf_report(cls.worker, 6, 0, env["shopfloor.defect.type"], now, note="SS secret note")

    @classmethod
    def _order(cls, partner, salesman, qty):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": salesman.id,
                "commitment_date": fields.Datetime.now() + timedelta(days=20),
                "order_line": [
                    Command.create(
                        {"product_id": cls.product.id, "product_uom_qty": qty, "price_unit": 123.45}
                    )
                ],
            }
        )
        order.action_confirm()
        mo = cls.env["mrp.production"].create(
            {
                "product_id": cls.product.id,
                "product_qty": qty,
                "bom_id": cls.bom.id,
                "sale_line_id": order.order_line.id,
                "date_deadline": fields.Datetime.now() + timedelta(days=20),
            }
        )
        mo.action_confirm()
        return order, mo

    def _key(self, user):
        return (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate("rpc", "sales app", fields.Datetime.now() + timedelta(days=1))
        )

    def api(self, path, params, key, expect_error=None):
        service = self.env["shopfloor.api"].with_user(self.api_user)
        try:
            result = service._call(path, params, key, {})
        except ShopfloorError as exc:
            self.assertEqual(exc.code, expect_error, exc.get_message("en_US"))
            return exc
        self.assertFalse(expect_error, f"expected {expect_error}")
        return result

    # ------------------------------------------------------------------
    # One builder: model, API, backend
    # ------------------------------------------------------------------
    def test_progress_of_the_order(self):
        progress = self.order_a.with_user(self.salesman_a)._get_shopfloor_progress()
        self.assertEqual([p["name"] for p in progress["productions"]], [self.mo_a.name])
        cut, pack = progress["productions"][0]["operations"]
        self.assertEqual((cut["name"], cut["qty_good"], cut["qty_remaining"]), ("SS Cut", 6, 4))
        self.assertEqual((pack["qty_good"], pack["qty_remaining"]), (0, 10))
        self.assertEqual(
            progress["promised_date"], fields.Datetime.to_string(self.order_a.commitment_date)
        )
        self.assertFalse(progress["late"])
        # the promise passes: late, with the reason
        self.order_a.commitment_date = fields.Datetime.now() - timedelta(hours=1)
        progress = self.order_a._get_shopfloor_progress()
        self.assertTrue(progress["late"])
        self.assertEqual([r["code"] for r in progress["delay_reasons"]], ["overdue"])
        # the plan finishes after the promise: late in plan, with how much
        # (4 cuts of 6 minutes and 10 packs of 3 still to do)
        self.order_a.commitment_date = fields.Datetime.now() + timedelta(minutes=10)
        progress = self.order_a._get_shopfloor_progress()
        self.assertEqual([r["code"] for r in progress["delay_reasons"]], ["late_in_plan"])
        self.assertTrue(progress["late"])
        # a salesman's view and the customer's agree on the facts
        public = self.order_a._get_shopfloor_progress(public=True)
        self.assertEqual(public["late"], progress["late"])
        self.assertEqual(public["expected_finish"], progress["expected_finish"])

    def test_public_progress_hides_internal_data(self):
        public = self.order_a._get_shopfloor_progress(public=True)
        self.assertNotIn("id", public)
        mo = public["productions"][0]
        self.assertNotIn("id", mo)
        self.assertEqual(
            set(mo["operations"][0]),
            {"name", "workcenter", "state", "qty_good", "qty_remaining", "expected_finish"},
        )
        text = str(public)
        for secret in ("Zhang San", "SS secret note", "77.7", "61.0", "123.45"):
            self.assertNotIn(secret, text)

    def test_open_exception_is_a_reason(self):
        if "shopfloor.andon.exception" not in self.env:
            self.skipTest("shopfloor_andon is not installed")
        atype = self.env.ref("shopfloor_andon.type_equipment")
        Exception_ = self.env["shopfloor.andon.exception"]
        # on a machine the order does not wait for yet (packing comes after cutting)
        Exception_._sf_raise(
            {"type_id": atype.id, "workcenter_id": self.wc_pack.id, "note": "SS belt"},
            employee=self.worker,
        )
        self.assertFalse(self.order_a._get_shopfloor_progress()["delay_reasons"])
        # on the machine its running operation is on
        Exception_._sf_raise(
            {"type_id": atype.id, "workcenter_id": self.wc_cut.id, "note": "SS spindle"},
            employee=self.worker,
        )
        internal = self.order_a._get_shopfloor_progress()
        self.assertTrue(internal["at_risk"])
        self.assertEqual(internal["delay_reasons"][0]["code"], "exception")
        self.assertIn("SS Cutting", internal["delay_reasons"][0]["detail"])
        public = self.order_a._get_shopfloor_progress(public=True)
        self.assertEqual(public["delay_reasons"][0]["code"], "exception")
        self.assertNotIn("SS spindle", str(public))
        self.assertNotIn("detail", public["delay_reasons"][0])

    def test_salesman_backend_tab(self):
        order = self.order_a.with_user(self.salesman_a)
        html = str(order.shopfloor_progress_html)
        self.assertIn(self.mo_a.name, html)
        self.assertIn("SS Cut", html)
        self.assertEqual(order.shopfloor_production_count, 1)
        # the customer reads their order, not its internal progress (exception details)
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.portal_a).read(["shopfloor_progress_html"])
        self.order_a.with_user(self.portal_a).read(["name"])
        # the other salesman's order: record rules (own documents only)
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.salesman_a).read(["shopfloor_progress_html"])

    def test_sale_progress_api_is_the_same_builder(self):
        key_a = self._key(self.salesman_a)
        res = self.api("sale/progress", {"sale_order": self.order_a.name}, key_a)
        self.assertEqual(res, self.order_a._get_shopfloor_progress())
        # the other salesman's order: unknown to this salesman
        self.api(
            "sale/progress",
            {"sale_order": self.order_b.name},
            key_a,
            expect_error="SF_UNKNOWN_CODE",
        )
        # a manufacturing user sees every order's progress
        mrp = new_test_user(self.env, login="ss_mrp", groups="mrp.group_mrp_user")
        res = self.api("sale/progress", {"sale_order": self.order_b.name}, self._key(mrp))
        self.assertEqual(res["productions"][0]["name"], self.mo_b.name)

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------
    def test_portal_customer_sees_own_order_progress(self):
        self.authenticate("ss_portal_a", "ss_portal_a")
        resp = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertEqual(resp.status_code, 200)
        self.assertIn("shopfloor_progress", resp.text)
        self.assertIn(self.mo_a.name, resp.text)
        self.assertIn("SS Cut", resp.text)
        for secret in ("Zhang San", "SS secret note", "77.7"):
            self.assertNotIn(secret, resp.text)
        # another customer's order: not found
        resp = self.url_open(f"/my/orders/{self.order_b.id}", allow_redirects=False)
        self.assertEqual(resp.status_code, 404)
        self.assertNotIn(self.mo_b.name, resp.text)
        self.authenticate("ss_portal_b", "ss_portal_b")
        resp = self.url_open(f"/my/orders/{self.order_a.id}", allow_redirects=False)
        self.assertEqual(resp.status_code, 404)

    def test_portal_access_token_alone_shows_no_progress(self):
        """Odoo's order token does not expire: it shows the order, not its production."""
        self.authenticate(None, None)
        token = self.order_a._portal_ensure_token()
        resp = self.url_open(f"/my/orders/{self.order_a.id}?access_token={token}")
        self.assertEqual(resp.status_code, 200)
        self.assertNotIn("shopfloor_progress", resp.text)
        self.assertNotIn("SS Cut", resp.text)
        resp = self.url_open(f"/my/orders/{self.order_b.id}?access_token={token}")
        self.assertEqual(resp.status_code, 404)

    # ------------------------------------------------------------------
    # Shared link
    # ------------------------------------------------------------------
    def test_shared_link(self):
        link, token = self.order_a.with_user(self.salesman_a)._shopfloor_create_progress_link()
        # only the hash is stored
        self.assertEqual(link.token_hash, hashlib.sha256(token.encode()).hexdigest())
        self.env.cr.execute(
            "SELECT count(*) FROM shopfloor_sale_progress_link WHERE token_hash = %s", [token]
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        # the links are not the salesman's to read (hashes stay with administrators)
        with self.assertRaises(AccessError):
            link.with_user(self.salesman_a).read(["token_hash"])
        self.authenticate(None, None)
        resp = self.url_open(f"/shopfloor/progress/{token}")
        self.assertEqual(resp.status_code, 200)
        self.assertIn(self.mo_a.name, resp.text)
        self.assertIn(self.order_a.name, resp.text)
        self.assertEqual(resp.headers.get("Cache-Control"), "no-store")
        for secret in ("Zhang San", "SS secret note", "77.7", self.order_b.name):
            self.assertNotIn(secret, resp.text)
        # unknown and foreign-looking tokens: nothing
        for bad in ("x" * 43, token[:-1], token + "a"):
            self.assertEqual(self.url_open(f"/shopfloor/progress/{bad}").status_code, 404)
        # the other salesman cannot share an order they cannot change
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.salesman_b)._shopfloor_create_progress_link()
        # a new link replaces the old one
        _link2, token2 = self.order_a.with_user(self.salesman_a)._shopfloor_create_progress_link()
        self.assertEqual(self.url_open(f"/shopfloor/progress/{token}").status_code, 404)
        self.assertEqual(self.url_open(f"/shopfloor/progress/{token2}").status_code, 200)
        # expired
        self.order_a.with_user(self.salesman_a)
        self.env["shopfloor.sale.progress.link"].search(
            [("sale_order_id", "=", self.order_a.id)]
        ).expires_at = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(self.url_open(f"/shopfloor/progress/{token2}").status_code, 404)
        # revoked
        _link3, token3 = self.order_a.with_user(self.salesman_a)._shopfloor_create_progress_link()
        self.assertTrue(self.order_a.with_user(self.salesman_a).shopfloor_progress_link_expiry)
        self.order_a.with_user(self.salesman_a).action_shopfloor_revoke_progress()
        self.assertEqual(self.url_open(f"/shopfloor/progress/{token3}").status_code, 404)

    def test_shared_link_of_the_other_customer(self):
        _link, token_b = self.order_b.with_user(self.salesman_b)._shopfloor_create_progress_link()
        self.authenticate("ss_portal_a", "ss_portal_a")
        resp = self.url_open(f"/shopfloor/progress/{token_b}")
        self.assertEqual(resp.status_code, 200)
        self.assertIn(self.mo_b.name, resp.text)
        self.assertNotIn(self.mo_a.name, resp.text)

    def test_share_action_shows_the_link_once(self):
        action = self.order_a.with_user(self.salesman_a).action_shopfloor_share_progress()
        url = action["params"]["links"][0]["url"]
        token = url.rsplit("/", 1)[1]
        self.assertEqual(
            self.env["shopfloor.sale.progress.link"]._find(token).sale_order_id, self.order_a
        )
