from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.tests import Form, new_test_user, tagged

# OR-Tools is imported by the solver on first use; imported for the first time under
# freezegun's patched clock it crashes the process, so it is loaded here, before any
# freeze_time (the class alone would otherwise be the first to solve)
from ..tools.scheduler import cpsat, lns  # noqa: F401


@tagged("post_install", "-at_install")
class TestPlanningRush(ShopfloorCommon):
    """Rush insertion wizard (issue 12): apply from now, no sequence number consumed by the
    preview, earlier and later counted apart, already-late orders not "becoming late"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.planner = cls.env["shopfloor.planner"]
        cls.planner_user = new_test_user(
            cls.env, login="sf_test_rush_planner", groups="mrp.group_mrp_user"
        )
        cls.env["ir.config_parameter"].sudo().set_param("shopfloor_mp.plan_time_limit", "3")

    def _mos(self, count, qty=20, deadline_days=2):
        mos = self.env["mrp.production"]
        for i in range(count):
            mo = self._create_mo(qty=qty)
            mo.date_deadline = fields.Datetime.now() + timedelta(days=deadline_days + i)
            mos |= mo
        return mos

    def _wizard(self, **values):
        form = Form(self.env["shopfloor.rush.order"].with_user(self.planner_user))
        for key, value in values.items():
            setattr(form, key, value)
        return form.save()

    def test_apply_replans_from_now_and_shows_changes(self):
        # in working time (the preview's plan starts at once), then 90 minutes later
        start = self.planner._next_working_time(
            self.wc_cut, fields.Datetime.now().replace(second=0, microsecond=0)
        ) + timedelta(minutes=30)
        with freeze_time(start, tick=True):
            mos = self._mos(3)
            self.planner._plan(mos)
            rush = self._create_mo(qty=5)
            wizard = self._wizard(production_id=rush)
            wizard.action_preview()
            previewed = wizard.rush_finish
        later = start + timedelta(minutes=90)
        with freeze_time(later, tick=True):
            wizard.action_apply()
            # the plan from now differs (the rush order cannot start 90 minutes ago):
            # nothing applied, the new impact and the differences shown
            self.assertFalse(rush.shopfloor_urgent)
            self.assertTrue(wizard.change_note)
            self.assertGreater(wizard.rush_finish, previewed, wizard.change_note)
            self.assertIn("The rush order finishes", wizard.change_note)
            self.assertEqual(wizard.plan_origin, later)
            wizard.action_apply()
            self.assertTrue(rush.shopfloor_urgent)
            self.assertGreaterEqual(min(rush.workorder_ids.mapped("date_start")), later)
            self.assertEqual(rush.shopfloor_expected_finish, wizard.rush_finish)

    def test_preview_takes_no_sequence_number(self):
        mos = self._mos(1)
        self.planner._plan(mos)
        sequence = mos.picking_type_id.sequence_id
        sequence.invalidate_recordset()
        number = sequence.number_next_actual
        wizard = self._wizard(create_new=True, product_id=self.product, product_qty=2)
        wizard.action_preview()
        sequence.invalidate_recordset()
        self.assertEqual(sequence.number_next_actual, number)
        wizard.action_apply()
        self.assertEqual(wizard.production_id.name, sequence.get_next_char(number))
        self.assertEqual(wizard.production_id.state, "confirmed")

    def test_earlier_later_and_already_late(self):
        # in working time: at night the plan starts tomorrow and nothing moves the same way
        start = self.planner._next_working_time(
            self.wc_cut, fields.Datetime.now().replace(second=0, microsecond=0)
        ) + timedelta(minutes=30)
        with freeze_time(start, tick=True):
            mos = self._mos(3)
            self.planner._plan(mos)
            late_mo = mos[0]
            late_mo.date_deadline = fields.Datetime.now() - timedelta(hours=1)  # already late
            # a gap: the last order's first operation moved two days later (not locked)
            gap_mo = mos[2]
            cut = self._wos(gap_mo)[0]
            self.planner._move_workorder(
                cut.id, fields.Datetime.to_string(cut.date_start + timedelta(days=2)), lock=False
            )
            rush = self._create_mo(qty=5)
            wizard = self._wizard(production_id=rush)
            wizard.action_preview()
            lines = {line.production_id: line for line in wizard.line_ids}
            self.assertEqual(lines[gap_mo].move, "earlier")
            self.assertLess(lines[gap_mo].shift_hours, 0)
            self.assertGreater(lines[gap_mo].shift_abs_hours, 0)
            self.assertIn("h earlier", lines[gap_mo].change_label)
            self.assertIn("h later", lines[late_mo].change_label)
            self.assertIn("→", lines[late_mo].late_label)
            self.assertEqual(lines[late_mo].move, "later")
            others = wizard.line_ids.filtered(lambda line: not line.is_rush)
            self.assertEqual(
                wizard.moved_earlier_count, len(others.filtered(lambda line: line.shift_hours < 0))
            )
            self.assertEqual(
                wizard.moved_later_count, len(others.filtered(lambda line: line.shift_hours > 0))
            )
            self.assertGreaterEqual(wizard.moved_earlier_count, 1)
            self.assertGreaterEqual(wizard.moved_later_count, 1)
            # already late and later still: more delay, not "becoming late"
            self.assertFalse(lines[late_mo].becomes_late)
            self.assertTrue(lines[late_mo].later_when_late)
            self.assertEqual(wizard.new_late_count, 0)
            self.assertGreater(wizard.added_late_hours, 0)
