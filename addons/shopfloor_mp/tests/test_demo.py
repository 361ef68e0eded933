from odoo.addons.shopfloor_mp.hooks import uninstall_hook
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

WORKCENTERS = [
    "demo_wc_die_casting",
    "demo_wc_cnc_center",
    "demo_wc_cnc_lathe",
    "demo_wc_deburring",
    "demo_wc_assembly",
    "demo_wc_inspection",
    "demo_wc_packing",
]
FINISHED = ["engine", "brake_disc", "wheel_hub", "clutch_cover"]


@tagged("post_install", "-at_install")
class TestDemoFactory(TransactionCase):
    """The demo factory (重庆渝江摩配) is complete enough to show every feature."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("shopfloor_mp.demo_wc_die_casting", raise_if_not_found=False):
            cls.skipTest(cls, "database created without demo data")

    def ref(self, xmlid):
        return self.env.ref(f"shopfloor_mp.{xmlid}")

    def test_workcenters(self):
        workcenters = self.env["mrp.workcenter"].browse([self.ref(x).id for x in WORKCENTERS])
        self.assertGreaterEqual(len(workcenters), 6)
        for workcenter in workcenters:
            self.assertTrue(workcenter.resource_calendar_id, workcenter.name)
            self.assertGreater(workcenter.costs_hour, 0, workcenter.name)
            self.assertGreater(workcenter.default_capacity, 0, workcenter.name)
        calendars = workcenters.resource_calendar_id
        self.assertGreaterEqual(len(calendars), 3, "day, two-shift and three-shift calendars")
        for calendar in calendars:
            self.assertIn("lunch", calendar.attendance_ids.mapped("day_period"), calendar.name)
        three_shift = self.ref("demo_calendar_three_shift")
        self.assertEqual(self.ref("demo_wc_die_casting").resource_calendar_id, three_shift)
        self.assertGreater(three_shift.hours_per_day, 20, "the die-casting line runs 24 h")
        holiday = self.ref("demo_leave_new_year")
        self.assertFalse(holiday.resource_id, "a public holiday is for everybody")

    def test_products_and_boms(self):
        Bom = self.env["mrp.bom"]
        for name in FINISHED:
            product = self.ref(f"demo_product_{name}")
            bom = Bom._bom_find(product)[product]
            self.assertTrue(bom, name)
            self.assertGreaterEqual(len(bom.operation_ids), 4, name)
            self.assertTrue(
                all(op.time_cycle_manual > 0 for op in bom.operation_ids), f"{name}: cycle times"
            )
            sub_boms = Bom._bom_find(bom.bom_line_ids.product_id)
            sub_boms = [b for b in sub_boms.values() if b]
            self.assertTrue(sub_boms, f"{name}: multi-level (a component has its own BoM)")
            self.assertTrue(any(b.operation_ids for b in sub_boms), f"{name}: sub-routing")
        self.assertEqual(self.ref("demo_product_engine").tracking, "serial")
        self.assertEqual(self.ref("demo_product_brake_disc").tracking, "lot")
        ingot = self.ref("demo_product_ingot_adc12")
        self.assertEqual(ingot.tracking, "lot")
        quants = self.env["stock.quant"].search(
            [("product_id", "=", ingot.id), ("location_id.usage", "=", "internal")]
        )
        self.assertTrue(quants and all(quants.mapped("lot_id")), "ingot stock is in lots")
        self.assertGreater(sum(quants.mapped("quantity")), 0)

    def test_employees(self):
        department = self.ref("demo_department_production")
        self.assertEqual(department.name, "生产部")
        employees = self.env["hr.employee"].search([("department_id", "=", department.id)])
        self.assertGreaterEqual(len(employees), 15)
        badges = employees.mapped("barcode")
        self.assertTrue(all(b and b.isdigit() for b in badges), "badges are digits")
        self.assertEqual(len(set(badges)), len(badges), "badges are unique")
        self.assertTrue(all(p and p.isdigit() and len(p) == 4 for p in employees.mapped("pin")))
        self.assertTrue(all(employees.mapped("shopfloor_workcenter_ids")))
        leaders = employees.filtered(lambda e: e.shopfloor_role == "leader")
        self.assertGreaterEqual(len(leaders), 2)
        self.assertTrue(
            any(e.parent_id in leaders for e in employees - leaders), "leaders have a team"
        )
        leader_user = self.ref("demo_user_sf_leader")
        self.assertTrue(leader_user.employee_ids)
        self.assertTrue(leader_user.has_group("shopfloor_mp.group_shopfloor_leader"))
        self.assertTrue(
            self.ref("demo_user_sf_manager").has_group("shopfloor_mp.group_shopfloor_manager")
        )
        self.assertTrue(
            self.ref("demo_user_sf_accountant").has_group("account.group_account_manager")
        )

    def test_manufacturing_orders(self):
        orders = self.env["mrp.production"].browse(
            [
                self.ref(f"demo_mo_{x}").id
                for x in (
                    "engine_confirmed",
                    "hub_progress",
                    "block_progress",
                    "cover_late",
                    "disc_done",
                    "engine_done",
                    "disc_draft",
                )
            ]
        )
        self.assertTrue({"draft", "confirmed", "progress", "done"} <= set(orders.mapped("state")))
        late = self.ref("demo_mo_cover_late")
        self.assertEqual(late.state, "confirmed")
        self.assertTrue(late.is_delayed)
        self.assertIn(late, self.env["mrp.production"].search([("is_delayed", "=", True)]))

        in_progress = self.ref("demo_mo_hub_progress")
        self.assertEqual(in_progress.state, "progress")
        wo_states = in_progress.workorder_ids.mapped("state")
        self.assertIn("done", wo_states)
        self.assertIn("progress", wo_states)
        running = in_progress.workorder_ids.filtered(lambda w: w.state == "progress")
        self.assertTrue(running.time_ids.filtered(lambda t: not t.date_end).employee_id)

        for xmlid, tracking in (("demo_mo_disc_done", "lot"), ("demo_mo_engine_done", "serial")):
            done = self.ref(xmlid)
            self.assertEqual(done.state, "done", xmlid)
            self.assertEqual(done.product_id.tracking, tracking)
            self.assertTrue(done.lot_producing_id)
            self.assertTrue(all(wo.state == "done" for wo in done.workorder_ids))
            logs = done.workorder_ids.time_ids
            self.assertTrue(logs and all(logs.mapped("employee_id")), "time logs per worker")
            self.assertTrue(all(d > 0 for d in done.workorder_ids.mapped("duration")))
            self.assertLess(done.date_finished, done.date_deadline.replace(hour=23))
            finished = done.move_finished_ids.filtered_domain(
                [("product_id", "=", done.product_id.id)]
            )
            self.assertEqual(finished.state, "done")
            self.assertEqual(finished.move_line_ids.lot_id, done.lot_producing_id)

        # Lot-tracked aluminium consumed at the die-casting operation of the casting order.
        casting = self.ref("demo_mo_block_progress")
        ingot_move = casting.move_raw_ids.filtered(
            lambda m: m.product_id == self.ref("demo_product_ingot_adc12")
        )
        self.assertTrue(ingot_move.picked)
        self.assertTrue(ingot_move.move_line_ids.lot_id)

    def test_demo_users_see_the_factory(self):
        """The demo logins work on the factory with their own rights (not as admin)."""
        manager = self.ref("demo_user_sf_manager")
        leader = self.ref("demo_user_sf_leader")
        accountant = self.ref("demo_user_sf_accountant")
        for user in (manager, leader, accountant):
            Production = self.env["mrp.production"].with_user(user)
            self.assertTrue(
                Production.search_count([("id", "=", self.ref("demo_mo_disc_done").id)])
            )
            self.assertTrue(
                self.env["mrp.workcenter"]
                .with_user(user)
                .browse(self.ref("demo_wc_assembly").id)
                .name
            )
        employees = (
            self.env["hr.employee"]
            .with_user(leader)
            .search([("department_id", "=", self.ref("demo_department_production").id)])
        )
        self.assertGreaterEqual(len(employees), 15)
        done = self.ref("demo_mo_engine_done").with_user(accountant)
        self.assertGreater(
            done.move_finished_ids.filtered(lambda m: m.state == "done").price_unit, 0
        )

    def test_uninstall_hook_clears_the_demo_history(self):
        """Uninstalling must be able to delete the demo records: the hook removes the
        manufacturing and stock history the demo made (rolled back with the test), and
        never anything a user made: the demo records a user's order uses are kept."""
        products = self.env["product.product"].browse(
            [self.ref(f"demo_product_{name}").id for name in FINISHED + ["ingot_adc12"]]
        )
        workcenter = self.ref("demo_wc_assembly")
        other = self.env["product.product"].create({"name": "Not from the demo"})
        done = self.ref("demo_mo_disc_done")
        # a user's order of a demo product, on the demo's work centers
        engine = self.ref("demo_product_engine")
        user_mo = self.env["mrp.production"].create({"product_id": engine.id, "product_qty": 1})
        user_mo.action_confirm()
        user_moves = user_mo.move_raw_ids | user_mo.move_finished_ids
        self.assertTrue(user_mo.workorder_ids)
        uninstall_hook(self.env)
        left = self.env["stock.move"].search(
            [("product_id", "in", products.ids), ("id", "not in", user_moves.ids)]
        )
        self.assertFalse(
            left,
            left.read(["reference", "product_id", "production_id", "state", "create_date"]),
        )
        self.assertFalse(self.env["stock.lot"].search([("product_id", "in", products.ids)]))
        self.assertFalse(
            self.env["mrp.workorder"].search(
                [("workcenter_id", "=", workcenter.id), ("production_id", "!=", user_mo.id)]
            )
        )
        self.assertFalse(done.exists())
        self.assertTrue(other.exists())
        # the user's order is untouched; the demo records it uses stay, detached
        self.assertEqual(user_mo.state, "confirmed")
        self.assertEqual(len(user_mo.move_raw_ids | user_mo.move_finished_ids), len(user_moves))
        self.assertTrue(engine.exists())
        self.assertFalse(
            self.env["ir.model.data"].search(
                [
                    ("module", "=", "shopfloor_mp"),
                    ("model", "=", "product.product"),
                    ("res_id", "=", engine.id),
                ]
            ),
            "a demo record a user uses is detached, so Odoo keeps it",
        )
