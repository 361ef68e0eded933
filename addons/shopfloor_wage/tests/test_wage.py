import base64
import io
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import ShopfloorCommon


class WageCommon(ShopfloorCommon):
    """January 2026 of the line's team (leader Wang, workers Li and Zhang), with
    rates: cutting by the piece (operator scrap penalised), welding by the hour
    (overtime x1.5), packing by the piece (operator scrap unpaid)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company.partner_id.tz = "Asia/Shanghai"
        (cls.wc_cut | cls.wc_weld | cls.wc_pack).costs_hour = 0.0
        category = env["product.category"].create(
            {"name": "SF AVCO", "property_cost_method": "average"}
        )
        cls.product.categ_id = category
        cls.op_cut, cls.op_weld, cls.op_pack = cls.bom.operation_ids.sorted("sequence")
        Rule = env["shopfloor.wage.rule"]
        cls.rule_cut = Rule.create(
            {
                "operation_id": cls.op_cut.id,
                "rate_type": "piece",
                "rate": 1.5,
                "operator_scrap_rate": -0.5,
                "material_scrap_paid": True,
            }
        )
        cls.rule_weld = Rule.create(
            {"operation_id": cls.op_weld.id, "rate_type": "hour", "rate": 30.0}
        )
        cls.rule_pack = Rule.create(
            {"operation_id": cls.op_pack.id, "rate_type": "piece", "rate": 0.8}
        )
        cls.expense_account = env["account.account"].create(
            {"code": "SFW601", "name": "SF Wages", "account_type": "expense"}
        )
        cls.payable_account = env["account.account"].create(
            {"code": "SFW221", "name": "SF Wages Payable", "account_type": "liability_current"}
        )
        cls.journal = env["account.journal"].create(
            {"name": "SF Wages", "code": "SFWG", "type": "general"}
        )
        cls.company.write(
            {
                "shopfloor_wage_expense_account_id": cls.expense_account.id,
                "shopfloor_wage_payable_account_id": cls.payable_account.id,
                "shopfloor_wage_journal_id": cls.journal.id,
            }
        )
        cls.accountant = new_test_user(
            env,
            login="sf_test_accountant",
            groups="account.group_account_manager,account.group_account_user",
        )
        cls.worker.user_id = cls.worker_user
        cls.Line = env["shopfloor.wage.line"]

    @staticmethod
    def at(day, hour, minute=0):
        """UTC time of January 2026 (Asia/Shanghai is UTC+8)."""
        return datetime(2026, 1, day, hour, minute)

    def _lines(self, employee, **filters):
        domain = [("employee_id", "=", employee.id)] + [(k, "=", v) for k, v in filters.items()]
        return self.Line.search(domain)

    def _amount(self, employee, **filters):
        return round(sum(self._lines(employee, **filters).mapped("amount")), 2)


@tagged("post_install", "-at_install")
class TestWage(WageCommon):
    def _run_january(self):
        mo = self._create_mo(20)
        cut, weld, pack = self._wos(mo)
        # Jan 5: cutting shared by Li (3 h) and Zhang (2 h): 18 good, 1 operator
        # scrap, 1 material scrap, split 60/40 by time.
        cut._sf_start(self.worker, self.at(5, 1))
        cut._sf_start(self.worker2, self.at(5, 2))
        cut._sf_report(self.worker, 10, 0, None, self.at(5, 3))
        cut._sf_report(self.worker2, 8, 1, self.defect_operator, self.at(5, 3, 30))
        cut._sf_report(self.worker2, 0, 1, self.defect_material, self.at(5, 3, 40))
        cut._sf_pause(self.worker2, self.pause_reason, self.at(5, 4))
        cut._sf_pause(self.worker, self.pause_reason, self.at(5, 4))
        # Jan 6: Li welds from 08:00 to 19:00 local: 8 h regular, 3 h overtime
        # (lunch 12-13 and 17-19).
        weld._sf_start(self.worker, self.at(6, 0))
        weld._sf_report(self.worker, 18, 0, None, self.at(6, 10))
        weld._sf_pause(self.worker, self.pause_reason, self.at(6, 11))
        # Jan 7: Wang packs 17 and scraps one by mistake (unpaid); the MO is done.
        # (Time logs are closed by pausing: the pauses are not paid time.)
        pack._sf_start(self.leader, self.at(7, 1))
        pack._sf_report(self.leader, 17, 1, self.defect_operator, self.at(7, 1, 30))
        pack._sf_pause(self.leader, self.pause_reason, self.at(7, 2))
        self.assertTrue(mo._sf_try_mark_done())
        # Jan 20: Zhang cuts 10 of another MO (still running at the lock).
        mo2 = self._create_mo(10)
        cut2 = self._wos(mo2)[0]
        cut2._sf_start(self.worker2, self.at(20, 1))
        late = cut2._sf_report(self.worker2, 10, 0, None, self.at(20, 2))
        return mo, mo2, late

    def _team_statement(self):
        form = Form(self.env["shopfloor.wage.statement"].with_user(self.leader_user))
        form.period_type = "month"
        form.date_from = date(2026, 1, 1)
        form.team_leader_id = self.leader
        return form.save()

    def test_month_statement_costs_and_lock(self):
        mo, _mo2, late = self._run_january()
        self.assertEqual(mo.state, "done")

        statement = self._team_statement()
        self.assertEqual(statement.date_to, date(2026, 1, 31))
        statement.action_compute()
        # shared cutting: 10.8 good + 0.6 material at 1.50, 0.6 operator scrap at -0.50
        self.assertEqual(self._amount(self.worker, workorder_id=self._wos(mo)[0].id), 16.80)
        self.assertEqual(self._amount(self.worker2, workorder_id=self._wos(mo)[0].id), 11.20)
        weld_line = self._lines(self.worker, workorder_id=self._wos(mo)[1].id)
        self.assertEqual(weld_line.minutes, 660)
        self.assertEqual(weld_line.overtime_minutes, 180)
        self.assertEqual(weld_line.amount, 375.00)  # 8 h x 30 + 3 h x 45
        self.assertEqual(self._amount(self.leader), 13.60)  # 17 x 0.80, scrap unpaid
        self.assertEqual(self._amount(self.worker), 391.80)
        self.assertEqual(self._amount(self.worker2), 26.20)
        self.assertAlmostEqual(statement.amount_piece, 56.60, places=2)
        self.assertAlmostEqual(statement.amount_hour, 375.00, places=2)
        self.assertAlmostEqual(statement.amount_total, 431.60, places=2)

        # MO cost: the labour of its operations is in the finished product's value
        self.assertAlmostEqual(mo.shopfloor_wage_amount, 416.60, places=2)
        finished = mo.move_finished_ids.filtered(lambda m: m.product_id == self.product)
        self.assertAlmostEqual(sum(finished.stock_valuation_layer_ids.mapped("value")), 416.60, 2)
        overview = self.env["report.mrp.report_mo_overview"].get_report_values(mo.id)["data"]
        labour = [op for op in overview["operations"]["details"] if op.get("is_shopfloor_labour")]
        self.assertEqual(len(labour), 3)
        self.assertAlmostEqual(overview["operations"]["summary"]["shopfloor_labour_cost"], 416.60)

        # workflow: the leader confirms, only accounting locks
        with self.assertRaises(AccessError):
            statement.with_user(self.leader_user).action_lock()
        statement.with_user(self.leader_user).action_confirm()
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(statement.employee_ids, self.leader | self.worker | self.worker2)
        statement.with_user(self.accountant).action_lock()
        self.assertEqual(statement.state, "locked")
        move = statement.move_id
        self.assertEqual(move.state, "posted")
        debit = move.line_ids.filtered(lambda line: line.account_id == self.expense_account)
        self.assertAlmostEqual(debit.debit, 431.60, places=2)
        credits = {
            line.partner_id: line.credit
            for line in move.line_ids.filtered(lambda line: line.account_id == self.payable_account)
        }
        self.assertEqual(
            credits,
            {
                self.worker.work_contact_id: 391.80,
                self.worker2.work_contact_id: 26.20,
                self.leader.work_contact_id: 13.60,
            },
        )
        with self.assertRaises(UserError):
            statement.date_from = date(2026, 2, 1)

        # a correction after the lock: Zhang cut 8, not 10, on Jan 20
        new = late.action_correct(8, 0)
        self.assertEqual(late.state, "cancel")
        self.assertEqual(new.correction_of_id, late)
        statement.invalidate_recordset()
        self.assertAlmostEqual(statement.amount_total, 431.60, places=2)  # locked: unchanged
        adjustment = self._lines(self.worker2, is_adjustment=True)
        self.assertEqual(len(adjustment), 1)
        self.assertEqual(adjustment.date, date(2026, 2, 1))
        self.assertEqual(adjustment.work_date, date(2026, 1, 20))
        self.assertAlmostEqual(adjustment.amount, -3.00, places=2)
        self.assertAlmostEqual(adjustment.qty_good, -2.0)
        # the January line stays as it was locked
        january = self._lines(self.worker2, work_date=date(2026, 1, 20), is_adjustment=False)
        self.assertEqual(january.amount, 15.00)
        # February statement of Zhang carries the adjustment
        february = self.env["shopfloor.wage.statement"].create(
            {"period_type": "month", "date_from": date(2026, 2, 1), "employee_id": self.worker2.id}
        )
        february.action_compute()
        self.assertAlmostEqual(february.amount_total, -3.00, places=2)
        self.assertAlmostEqual(february.amount_adjustment, -3.00, places=2)
        # recomputing again changes nothing (idempotent)
        self.assertEqual(
            self.Line._sf_recompute(self.company, date(2026, 1, 1), date(2026, 2, 28)), 0
        )
        # payroll sheet
        export = self.env["shopfloor.wage.payroll.export"].create({"statement_id": statement.id})
        export.action_export()
        self.assertTrue(export.file)
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.file)))
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(rows[-1][0], "Total")
        self.assertAlmostEqual(rows[-1][9], 431.60, places=2)
        self.assertEqual(len(list(book.worksheets[1].iter_rows())), 1 + statement.line_count)

    def test_real_time_valuation_absorbs_labour(self):
        self.product.categ_id.property_valuation = "real_time"
        mo = self._create_mo(2)
        cut, weld, pack = self._wos(mo)
        cut._sf_start(self.worker, self.at(5, 1))
        cut._sf_report(self.worker, 2, 0, None, self.at(5, 2))
        cut._sf_pause(self.worker, self.pause_reason, self.at(5, 2))
        weld._sf_start(self.worker, self.at(5, 2))
        weld._sf_report(self.worker, 2, 0, None, self.at(5, 2, 30))
        weld._sf_pause(self.worker, self.pause_reason, self.at(5, 3))
        pack._sf_start(self.leader, self.at(5, 3))
        pack._sf_report(self.leader, 2, 0, None, self.at(5, 3, 10))
        self.assertTrue(mo._sf_try_mark_done())
        labour = 3.0 + 30.0 + 1.6  # 2 x 1.50, 1 h x 30, 2 x 0.80
        self.assertAlmostEqual(mo.shopfloor_wage_amount, labour, places=2)
        finished = mo.move_finished_ids.filtered(lambda m: m.product_id == self.product)
        self.assertAlmostEqual(sum(finished.stock_valuation_layer_ids.mapped("value")), labour, 2)
        move = self.env["account.move"].search([("ref", "=", f"{mo.name} - Shop-floor labour")])
        self.assertEqual(move.state, "posted")
        wage_line = move.line_ids.filtered(lambda line: line.account_id == self.expense_account)
        self.assertAlmostEqual(wage_line.credit, labour, places=2)
        self.assertAlmostEqual(sum(move.line_ids.mapped("debit")), labour, places=2)

    def test_correction_in_open_period_keeps_history(self):
        _mo, _mo2, late = self._run_january()
        self.Line._sf_recompute(self.company, date(2026, 1, 1), date(2026, 1, 31))
        before = self._lines(self.worker2, work_date=date(2026, 1, 20))
        self.assertEqual(before.amount, 15.0)
        late.action_correct(6, 0)
        after = self._lines(self.worker2, work_date=date(2026, 1, 20))
        self.assertEqual(after.amount, 9.0)
        self.assertFalse(after.is_adjustment)
        self.assertFalse(before.active)  # archived: the history of the line
        self.assertEqual(after.date, date(2026, 1, 20))

    def test_split_equally_and_to_reporter(self):
        mo = self._create_mo(20)
        cut = self._wos(mo)[0]
        cut._sf_start(self.worker, self.at(5, 1))
        cut._sf_start(self.worker2, self.at(5, 2))
        cut._sf_report(self.worker, 10, 0, None, self.at(5, 3))
        cut._sf_pause(self.worker, self.pause_reason, self.at(5, 4))
        cut._sf_pause(self.worker2, self.pause_reason, self.at(5, 4))
        self.company.shopfloor_wage_split = "equal"
        cut._sf_update_wages()
        self.assertEqual(self._amount(self.worker), 7.5)
        self.assertEqual(self._amount(self.worker2), 7.5)
        self.company.shopfloor_wage_split = "reporter"
        cut._sf_update_wages()
        self.assertEqual(self._amount(self.worker), 15.0)
        self.assertEqual(self._amount(self.worker2), 0.0)

    def test_rule_by_grade_and_validity(self):
        self.env["shopfloor.wage.rule"].create(
            {"operation_id": self.op_cut.id, "grade": "A", "rate_type": "piece", "rate": 2.0}
        )
        self.env["shopfloor.wage.rule"].create(
            {
                "operation_id": self.op_cut.id,
                "rate_type": "piece",
                "rate": 1.7,
                "date_from": date(2026, 1, 10),
            }
        )
        self.worker.shopfloor_wage_grade = "A"
        mo = self._create_mo(20)
        cut = self._wos(mo)[0]
        cut._sf_start(self.worker, self.at(5, 1))
        cut._sf_report(self.worker, 4, 0, None, self.at(5, 2))
        cut._sf_pause(self.worker, self.pause_reason, self.at(5, 3))
        cut._sf_start(self.worker2, self.at(12, 1))
        cut._sf_report(self.worker2, 4, 0, None, self.at(12, 2))
        cut._sf_update_wages()
        self.assertEqual(self._amount(self.worker), 8.0)  # grade A
        self.assertEqual(self._amount(self.worker2), 6.8)  # new rate from Jan 10

    def test_worker_sees_own_lines_only(self):
        self._run_january()
        self.Line._sf_recompute(self.company, date(2026, 1, 1), date(2026, 1, 31))
        lines = self.Line.with_user(self.worker_user).search([])
        self.assertTrue(lines)
        self.assertEqual(lines.employee_id, self.worker)
        with self.assertRaises(AccessError):
            self.env["shopfloor.wage.statement"].with_user(self.worker_user).create(
                {"date_from": date(2026, 1, 1)}
            )

    def test_api_my_wages_and_dispute(self):
        mo = self._create_mo(10)
        cut = self._wos(mo)[0]
        token = self.bind(self.worker)
        now = datetime.now().replace(microsecond=0)
        cut._sf_start(self.worker, now.replace(hour=0, minute=0, second=0))
        cut._sf_report(self.worker, 6, 0, None, now.replace(hour=0, minute=30, second=0))
        result = self.api("wage/my", {}, token)
        self.assertEqual(result["currency"], self.company.currency_id.name)
        self.assertAlmostEqual(result["month"]["amount"], 9.0)
        self.assertEqual(len(result["month"]["lines"]), 1)
        line = result["month"]["lines"][0]
        self.assertEqual(line["qty_good"], 6)
        # another worker cannot dispute Li's line
        other = self.bind(self.worker2)
        self.api(
            "wage/dispute",
            {"line_id": line["id"], "reason": "not mine", "request_uid": "req-wage-0001"},
            other,
            expect_error="SF_WAGE_LINE_UNKNOWN",
        )
        answer = self.api(
            "wage/dispute",
            {"line_id": line["id"], "reason": "I made 7", "request_uid": "req-wage-0002"},
            token,
        )
        dispute = self.env["shopfloor.wage.dispute"].browse(answer["dispute_id"])
        self.assertEqual(dispute.state, "open")
        self.api(
            "wage/dispute",
            {"line_id": line["id"], "reason": "again", "request_uid": "req-wage-0003"},
            token,
            expect_error="SF_WAGE_DISPUTE_OPEN",
        )
        with self.assertRaises(AccessError):
            dispute.with_user(self.worker_user).action_accept()
        dispute = dispute.with_user(self.leader_user)
        dispute.write({"correction_amount": 1.5, "resolution": "one more unit"})
        dispute.action_accept()
        self.assertEqual(dispute.state, "accepted")
        self.assertEqual(dispute.correction_line_id.amount, 1.5)
        self.assertEqual(dispute.correction_line_id.kind, "manual")
        result = self.api("wage/my", {"lines": False}, token)
        self.assertAlmostEqual(result["month"]["amount"], 10.5)
        self.assertNotIn("lines", result["today"])

    def test_rates_xlsx_roundtrip(self):
        wizard = self.env["shopfloor.wage.rate.xlsx"].create({})
        wizard.action_export()
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        sheet = book.worksheets[0]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 3)
        # raise the cutting rate and add a grade rule
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == "Cut":
                row[6].value = 1.6
        sheet.append(["Weld", "", "", "SF Welding", "B", "hour", 35, 0, True, 2, None, None, ""])
        output = io.BytesIO()
        book.save(output)
        upload = self.env["shopfloor.wage.rate.xlsx"].create(
            {"file": base64.b64encode(output.getvalue()), "filename": "rates.xlsx"}
        )
        upload.action_import()
        self.assertIn("1 rule(s) created, 3 updated", upload.result)
        self.assertEqual(self.rule_cut.rate, 1.6)
        grade_b = self.env["shopfloor.wage.rule"].search([("grade", "=", "B")])
        self.assertEqual(grade_b.rate, 35)
        self.assertEqual(grade_b.operation_id, self.op_weld)
        self.assertEqual(grade_b.overtime_multiplier, 2)
        bad = self.env["shopfloor.wage.rate.xlsx"].create(
            {"file": base64.b64encode(b"not excel"), "filename": "x.xlsx"}
        )
        with self.assertRaises(UserError):
            bad.action_import()

    def test_rule_constraints(self):
        with self.assertRaises(UserError):
            self.env["shopfloor.wage.rule"].create(
                {
                    "rate": 1,
                    "date_from": date(2026, 2, 1),
                    "date_to": date(2026, 1, 1),
                }
            )
        with self.assertRaises(UserError):
            self.env["shopfloor.wage.rule"].create({"rate": -1})
        statement = self.env["shopfloor.wage.statement"].create(
            {"period_type": "day", "date_from": date(2026, 1, 5), "employee_id": self.worker.id}
        )
        self.assertEqual(statement.date_to, date(2026, 1, 5))
        with self.assertRaises(UserError):
            statement.with_user(self.accountant).action_lock()  # not confirmed
        self.assertTrue(statement.name)
        self.assertFalse(statement.employee_ids)
        statement.employee_ids = [Command.set(self.worker.ids)]
        self.assertEqual(statement._sf_get_members(), self.worker)
