import uuid
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import ShopfloorCommon


def rid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestApiIdAccess(ShopfloorCommon):
    """Every id a client sends is checked for company and record rules like a scanned
    code; another company's id answers exactly like an unknown one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "SF Foreign Co"})
        cls.foreign_defect = cls.env["shopfloor.defect.type"].create(
            {"name": "Foreign", "code": "FX1", "category": "material", "company_id": cls.other.id}
        )
        cls.foreign_employee = cls.env["hr.employee"].create(
            {"name": "SF Foreign Worker", "company_id": cls.other.id}
        )

    def setUp(self):
        super().setUp()
        self.mo = self._create_mo(10)
        self.cut = self._wos(self.mo)[0]
        self.token = self.bind(self.worker)

    def _report(self, defect_id):
        return self.api(
            "workorder/report",
            {
                "workorder_id": self.cut.id,
                "qty_scrap": 1,
                "defect_type_id": defect_id,
                "request_uid": rid(),
            },
            self.token,
            expect_error="SF_BAD_PARAMS",
        )

    def test_foreign_or_archived_defect_type_refused_like_unknown(self):
        self.api("workorder/start", {"workorder_id": self.cut.id, "request_uid": rid()}, self.token)
        unknown = self._report(999999999).to_dict("en_US")
        foreign = self._report(self.foreign_defect.id).to_dict("en_US")
        self.assertEqual(unknown, foreign)
        archived = self.env["shopfloor.defect.type"].create(
            {"name": "Old", "code": "OLD1", "active": False}
        )
        self.assertEqual(self._report(archived.id).to_dict("en_US"), unknown)
        self.assertFalse(self.cut.shopfloor_report_ids)
        self.assertFalse(self.env["stock.scrap"].search([("production_id", "=", self.mo.id)]))

    def test_foreign_ids_are_unknown_everywhere(self):
        foreign_mo = (
            self.env["mrp.production"]
            .with_company(self.other)
            .create({"product_id": self.product.id, "product_qty": 1, "company_id": self.other.id})
        )
        for path, params in (
            ("production/progress", {"production_id": foreign_mo.id}),
            ("workorder/get", {"workorder_id": 999999999}),
        ):
            self.api(path, params, self.token, expect_error="SF_UNKNOWN_CODE")
        self.api(
            "production/progress",
            {"production_id": 999999999},
            self.token,
            expect_error="SF_UNKNOWN_CODE",
        )
        # a leader's binding code for another company's employee: refused like a stranger
        leader_token = self.bind(self.leader)
        self.foreign_employee.parent_id = self.leader
        self.api(
            "auth/bind_code",
            {"employee_id": self.foreign_employee.id, "request_uid": rid()},
            leader_token,
            expect_error="SF_FORBIDDEN",
        )

    def test_sale_progress_needs_rights(self):
        nobody = new_test_user(self.env, login="sf_acc_nobody", groups="base.group_user")
        key = (
            self.env["res.users.apikeys"]
            .with_user(nobody)
            ._generate("rpc", "x", fields.Datetime.now() + timedelta(days=1))
        )
        self.mo.origin = "S-RIGHTS"
        self.api("sale/progress", {"sale_order": "S-RIGHTS"}, key, expect_error="SF_FORBIDDEN")


@tagged("post_install", "-at_install")
class TestDeletionGuards(ShopfloorCommon):
    """History survives: used defect types, reports, API claims are archived
    or refused, never deleted by cascade."""

    def test_used_defect_type_is_archived_not_deleted(self):
        mo = self._create_mo(5)
        cut = self._wos(mo)[0]
        token = self.bind(self.worker)
        self.api("workorder/start", {"workorder_id": cut.id, "request_uid": rid()}, token)
        defect = self.env["shopfloor.defect.type"].create(
            {"name": "Burr", "code": "BURR9", "category": "operator"}
        )
        self.api(
            "workorder/report",
            {
                "workorder_id": cut.id,
                "qty_scrap": 1,
                "defect_type_id": defect.id,
                "request_uid": rid(),
            },
            token,
        )
        manager = new_test_user(
            self.env, login="sf_del_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        with self.assertRaises(UserError):
            defect.with_user(manager).unlink()
        defect.with_user(manager).active = False
        self.assertEqual(cut.shopfloor_report_ids.defect_type_id, defect)
        # a done report keeps its work order from being deleted (no SQL cascade)
        self.assertEqual(self.env["shopfloor.report"]._fields["workorder_id"].ondelete, "restrict")
        with self.assertRaises(UserError):
            cut._unlink_shopfloor_reports()
        with self.assertRaises(UserError):
            mo._unlink_except_shopfloor_reports()
        unused = self.env["shopfloor.defect.type"].create({"name": "Unused", "code": "UNU9"})
        unused.with_user(manager).unlink()
