import uuid

from odoo.tests import tagged

from .common import MaterialCommon


def uid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestMaterialApi(MaterialCommon):
    """material/* as the app calls it: workers, a storekeeper, a leader (employees with
    tokens; the calls run as the API technical user)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.t_worker = cls.bind(cls, cls.worker)
        cls.t_leader = cls.bind(cls, cls.leader)
        cls.t_store = cls.bind(cls, cls.storekeeper)
        cls.t_outsider = cls.bind(cls, cls.outsider)

    def _mo_code(self, mo):
        return self.env["shopfloor.code"]._get_codes(mo)[mo.id]

    def test_needs_and_issue_by_scan(self):
        for warehouse in (self.wh1, self.wh2):
            mo = self._create_mo(10, warehouse=warehouse)
            needs = self.api("material/needs", {"code": self._mo_code(mo)}, self.t_worker)
            lines = {line["product_id"]: line for line in needs["lines"]}
            self.assertEqual(lines[self.component.id]["allowed"], 20)
            self.assertEqual(needs["production"]["manufacture_steps"], warehouse.manufacture_steps)
            # a job card QR code names its order too; a product barcode the component
            wo_code = self.env["shopfloor.code"]._get_codes(mo.workorder_ids[:1])
            res = self.api(
                "material/issue",
                {
                    "code": wo_code[mo.workorder_ids[:1].id],
                    "component_code": "SFPOWDER01",
                    "lot_id": self.lot1.id,
                    "qty": 1.5,
                    "request_uid": uid(),
                },
                self.t_worker,
            )
            self.assertEqual(res["move"]["kind"], "issue")
            self.assertAlmostEqual(res["line"]["allowed"], 1.0)
            # a lot number scanned alone names its product
            res = self.api(
                "material/issue",
                {
                    "production_id": mo.id,
                    "component_code": "SF-PWD-2",
                    "qty": 1,
                    "request_uid": uid(),
                },
                self.t_store,
            )
            self.assertEqual(res["move"]["lot"], "SF-PWD-2")
            # internal reference of a kit component
            res = self.api(
                "material/issue",
                {
                    "production_id": mo.id,
                    "component_code": "SFBOLT",
                    "qty": 4,
                    "request_uid": uid(),
                },
                self.t_store,
            )
            self.assertEqual(res["move"]["product_id"], self.bolt.id)

    def test_errors(self):
        mo = self._create_mo(10)
        base = {"production_id": mo.id, "product_id": self.component.id}
        exc = self.api(
            "material/issue",
            dict(base, qty=21, request_uid=uid()),
            self.t_worker,
            expect_error="SF_MAT_OVER_ISSUE",
        )
        # every SF_MAT_* message exists in Chinese and English
        self.assertIn("补料", exc.get_message("zh_CN"))
        self.assertIn("replenishment", exc.get_message("en_US"))
        self.api(
            "material/issue",
            dict(base, qty=0, request_uid=uid()),
            self.t_worker,
            expect_error="SF_MAT_QTY_ZERO",
        )
        self.api(
            "material/issue",
            dict(base, qty=-1, request_uid=uid()),
            self.t_worker,
            expect_error="SF_BAD_PARAMS",
        )
        self.api(
            "material/issue",
            dict(base, qty=1, request_uid=uid()),
            self.t_outsider,
            expect_error="SF_FORBIDDEN",
        )
        self.api(
            "material/issue",
            {"production_id": mo.id, "component_code": "NOPE", "qty": 1, "request_uid": uid()},
            self.t_worker,
            expect_error="SF_MAT_UNKNOWN_COMPONENT",
        )
        self.api(
            "material/needs", {"code": "garbage"}, self.t_worker, expect_error="SF_UNKNOWN_CODE"
        )
        emp_code = self.env["shopfloor.code"]._get_codes(self.worker)[self.worker.id]
        self.api(
            "material/needs",
            {"code": emp_code},
            self.t_worker,
            expect_error="SF_MAT_NOT_PRODUCTION",
        )
        self.api(
            "material/needs",
            {"production_id": 999999},
            self.t_worker,
            expect_error="SF_UNKNOWN_CODE",
        )
        self.api(
            "material/return",
            dict(base, qty=1, request_uid=uid()),
            self.t_worker,
            expect_error="SF_MAT_RETURN_EXCEEDS",
        )
        self.api(
            "material/scrap",
            dict(base, qty=1, request_uid=uid()),
            self.t_worker,
            expect_error="SF_MAT_DEFECT_REQUIRED",
        )
        self.assertFalse(
            self.env["shopfloor.material.move"].search([("production_id", "=", mo.id)])
        )

    def test_storekeeper_serves_every_order(self):
        mo = self._create_mo(10)
        # the storekeeper has no work center, yet serves the order
        res = self.api(
            "material/issue",
            {
                "production_id": mo.id,
                "product_id": self.component.id,
                "qty": 2,
                "request_uid": uid(),
            },
            self.t_store,
        )
        self.assertEqual(res["line"]["issued"], 2)

    def test_replenish_approve_refuse(self):
        mo = self._create_mo(10)
        base = {"production_id": mo.id, "product_id": self.component.id}
        self.api("material/issue", dict(base, qty=20, request_uid=uid()), self.t_store)
        req = self.api(
            "material/replenish", dict(base, qty=2, reason="bent", request_uid=uid()), self.t_worker
        )["request"]
        req2 = self.api(
            "material/replenish", dict(base, qty=5, reason="more", request_uid=uid()), self.t_worker
        )["request"]
        self.api(
            "material/replenish",
            dict(base, qty=2, request_uid=uid()),
            self.t_worker,
            expect_error="SF_MAT_REASON_REQUIRED",
        )
        pending = self.api("material/requests", {}, self.t_leader)["requests"]
        self.assertIn(req["id"], [r["id"] for r in pending])
        self.api(
            "material/approve",
            {"request_id": req["id"], "request_uid": uid()},
            self.t_worker,
            expect_error="SF_MAT_NOT_LEADER",
        )
        self.api(
            "material/approve",
            {"request_id": req["id"], "request_uid": uid()},
            self.t_store,
            expect_error="SF_MAT_NOT_LEADER",
        )
        res = self.api(
            "material/approve", {"request_id": req["id"], "request_uid": uid()}, self.t_leader
        )
        self.assertEqual(res["request"]["state"], "approved")
        self.assertEqual(res["move"]["qty"], 2)
        self.api(
            "material/approve",
            {"request_id": req["id"], "request_uid": uid()},
            self.t_leader,
            expect_error="SF_MAT_REQUEST_DECIDED",
        )
        res = self.api(
            "material/refuse",
            {"request_id": req2["id"], "reason": "use the off-cuts", "request_uid": uid()},
            self.t_leader,
        )
        self.assertEqual(res["request"]["state"], "refused")
        self.api(
            "material/refuse",
            {"request_id": 999999, "request_uid": uid()},
            self.t_leader,
            expect_error="SF_MAT_UNKNOWN_REQUEST",
        )
        needs = self.api("material/needs", {"production_id": mo.id}, self.t_worker)
        line = next(li for li in needs["lines"] if li["product_id"] == self.component.id)
        self.assertEqual(line["issued"], 22)
        self.assertEqual(line["allowed"], 0)

    def test_return_and_scrap(self):
        mo = self._create_mo(10, warehouse=self.wh2)
        base = {"production_id": mo.id, "product_id": self.powder.id, "lot_id": self.lot1.id}
        self.api("material/issue", dict(base, qty=2, request_uid=uid()), self.t_worker)
        res = self.api("material/return", dict(base, qty=0.5, request_uid=uid()), self.t_worker)
        self.assertAlmostEqual(res["line"]["returned"], 0.5)
        res = self.api(
            "material/scrap",
            dict(
                base,
                qty=0.25,
                defect_code=self.defect_operator.code,
                workorder_id=mo.workorder_ids[0].id,
                request_uid=uid(),
            ),
            self.t_worker,
        )
        self.assertAlmostEqual(res["line"]["scrapped"], 0.25)
        self.assertAlmostEqual(res["line"]["on_line"], 1.25)
        self.api(
            "material/return",
            dict(base, qty=1.5, request_uid=uid()),
            self.t_worker,
            expect_error="SF_MAT_RETURN_EXCEEDS",
        )

    def test_retry_replays(self):
        mo = self._create_mo(10)
        params = {
            "production_id": mo.id,
            "product_id": self.component.id,
            "qty": 3,
            "request_uid": uid(),
        }
        first = self.api("material/issue", params, self.t_worker)
        again = self.api("material/issue", params, self.t_worker)
        self.assertEqual(first["move"]["id"], again["move"]["id"])
        self.assertEqual(self._line_qty(mo, self.component), 3)

    def test_error_catalogue_in_chinese(self):
        from ..errors import MESSAGES

        for code, message in MESSAGES.items():
            zh = message._translate("zh_CN")
            self.assertNotEqual(zh, message._translate("en_US"), f"{code} has no zh_CN")
