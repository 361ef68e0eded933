from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import ShopfloorCommon

INDEX = "shopfloor_wage_line_active_key_uniq"


@tagged("post_install", "-at_install")
class TestWageIntegrity(ShopfloorCommon):
    """One active computed wage line per employee, work order, day worked and day paid:
    a unique index no concurrent recompute can pass; duplicates left by the old race are
    archived when the index is created (unless already posted)."""

    def _insert(self, wo, kind="piece", active=True, amount=6.0):
        return self.env.execute_query(
            SQL(
                """INSERT INTO shopfloor_wage_line
                       (employee_id, date, work_date, workorder_id, production_id, kind,
                        amount, active, company_id)
                   VALUES (%s, '2026-01-05', '2026-01-05', %s, %s, %s, %s, %s, %s)
                   RETURNING id""",
                self.worker.id,
                wo.id,
                wo.production_id.id,
                kind,
                amount,
                active,
                self.env.company.id,
            )  # fmt: skip
        )[0][0]

    def test_unique_active_computed_line(self):
        wo = self._wos(self._create_mo(3))[0]
        self._insert(wo)
        self._insert(wo, active=False)  # history: archived lines may repeat
        self._insert(wo, kind="manual")  # dispute settlements are not computed lines
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._insert(wo)

    def test_init_archives_open_duplicates(self):
        wo = self._wos(self._create_mo(3))[0]
        self.env.execute_query(SQL("DROP INDEX %s", SQL.identifier(INDEX)))
        first = self._insert(wo)
        second = self._insert(wo)
        with mute_logger("odoo.addons.shopfloor_wage.models.shopfloor_wage_line"):
            self.env["shopfloor.wage.line"].init()
        lines = (
            self.env["shopfloor.wage.line"].with_context(active_test=False).browse([first, second])
        )
        self.assertEqual(lines.mapped("active"), [True, False])
        self.assertTrue(
            self.env.execute_query(SQL("SELECT 1 FROM pg_indexes WHERE indexname = %s", INDEX))
        )


@tagged("post_install", "-at_install")
class TestWageDeletionGuards(ShopfloorCommon):
    """History survives: a wage rule that paid a line is archived, never deleted."""

    def test_used_wage_rule_cannot_be_deleted(self):
        rule = self.env["shopfloor.wage.rule"].create(
            {"operation_id": self.bom.operation_ids[0].id, "rate_type": "piece", "rate": 1.0}
        )
        self.env["shopfloor.wage.line"].sudo().create(
            {
                "employee_id": self.worker.id,
                "date": fields.Date.today(),
                "work_date": fields.Date.today(),
                "rule_id": rule.id,
                "kind": "piece",
                "company_id": self.company.id,
            }
        )
        with self.assertRaises(UserError):
            rule.unlink()
        rule.active = False
