import datetime

from odoo import Command, fields
from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

NOW = datetime.datetime(2026, 3, 2, 10, 30)  # a Monday, 10:30 UTC


@tagged("post_install", "-at_install")
class TestBoardData(ShopfloorCommon):
    """The board's data method: tiles by state, plan against actual, late orders, OEE
    trend as the ratio of sums; its secret link; what each user may see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env.company.resource_calendar_id.tz = "UTC"
        env.company.partner_id.tz = "UTC"
        cls.manager_user = new_test_user(
            env, login="sf_test_board_manager", groups="shopfloor_mp.group_shopfloor_manager"
        )
        cls.wcs = cls.wc_cut | cls.wc_weld | cls.wc_pack
        cls.board = env["shopfloor.board"].create(
            {
                "name": "Line board",
                "workcenter_ids": [Command.set(cls.wcs.ids)],
                "lang": "en_US",
            }
        )
        cls.shift = env["shopfloor.oee.shift"].create(
            {"name": "Board day", "hour_from": 6.0, "hour_to": 14.0, "is_default": False}
        )

    def _data(self, now=NOW):
        return {p["code"]: p["data"] for p in self.board._get_board_data(now)["pages"]}

    def _event(self, wc, state, start, end=False):
        return self.env["shopfloor.oee.state.event"].create(
            {"workcenter_id": wc.id, "state": state, "date_start": start, "date_end": end}
        )

    def test_tiles_by_state(self):
        self._event(self.wc_cut, "running", NOW - datetime.timedelta(hours=1))
        self._event(self.wc_pack, "down", NOW - datetime.timedelta(minutes=5))
        mo = self._create_mo(qty=10)
        weld = self._wos(mo)[1]
        weld.write({"state": "progress", "qty_produced": 4})
        tiles = {t["id"]: t for t in self._data()["workshop"]["tiles"]}
        self.assertEqual(tiles[self.wc_cut.id]["state"], "running")
        self.assertEqual(tiles[self.wc_pack.id]["state"], "down")
        # a work order in progress, the machine not running: paused
        self.assertEqual(tiles[self.wc_weld.id]["state"], "paused")
        self.assertIn(mo.name, tiles[self.wc_weld.id]["workorder"])
        self.assertEqual(tiles[self.wc_weld.id]["progress"], 40.0)
        self.assertEqual(tiles[self.wc_weld.id]["state_label"], "Paused")

    def test_idle_and_other_company_work_centers_left_out(self):
        other = self.env["res.company"].create({"name": "Board Other Co"})
        foreign = self.env["mrp.workcenter"].create({"name": "Foreign WC", "company_id": other.id})
        plant = self.env["shopfloor.board"].create({"name": "Plant"})
        data = {p["code"]: p["data"] for p in plant._get_board_data(NOW)["pages"]}
        ids = {t["id"] for t in data["workshop"]["tiles"]}
        self.assertIn(self.wc_cut.id, ids)
        self.assertNotIn(foreign.id, ids)
        tile = next(t for t in data["workshop"]["tiles"] if t["id"] == self.wc_cut.id)
        self.assertEqual(tile["state"], "idle")

    def test_plan_against_actual(self):
        mo = self._create_mo(qty=10)
        cut = self._wos(mo)[0]
        # planned 08:00-10:00: 5 per hour
        # low-level write: Odoo would recompute the end from the work center's calendar
        cut._write(
            {
                "date_start": NOW.replace(hour=8, minute=0),
                "date_finished": NOW.replace(hour=10, minute=0),
            }
        )
        cut.invalidate_recordset()
        self.env["shopfloor.report"].create(
            {
                "workorder_id": cut.id,
                "production_id": mo.id,
                "workcenter_id": self.wc_cut.id,
                "employee_id": self.worker.id,
                "qty_good": 3,
                "date": NOW.replace(hour=9, minute=15),
            }
        )
        plan = self._data()["plan"]
        line = next(x for x in plan["lines"] if x["id"] == self.wc_cut.id)
        cells = {c["hour"]: c for c in line["cells"]}
        self.assertEqual(cells[8]["plan"], 5.0)
        self.assertEqual(cells[9]["plan"], 5.0)
        self.assertEqual(cells[9]["actual"], 3.0)
        self.assertEqual(cells[8]["actual"], 0.0)
        self.assertEqual(line["actual"], 3.0)
        self.assertEqual(line["plan"], 10.0)

    def test_late_and_at_risk_orders(self):
        late = self._create_mo(qty=5)
        late.date_deadline = NOW - datetime.timedelta(hours=2)
        risk = self._create_mo(qty=5)
        risk.date_deadline = NOW + datetime.timedelta(hours=5)
        far = self._create_mo(qty=5)
        far.date_deadline = NOW + datetime.timedelta(days=20)
        orders = {o["id"]: o for o in self._data()["late"]["orders"]}
        self.assertEqual(orders[late.id]["status"], "late")
        self.assertEqual(orders[risk.id]["status"], "risk")
        self.assertNotIn(far.id, orders)

    def test_oee_trend_is_the_ratio_of_sums(self):
        """Two work centers the same day: 100 % on a short shift, 50 % on a long one.
        The day's OEE is that of the sums (62.5 %), not the mean of the two (75 %)."""
        Kpi = self.env["shopfloor.oee.kpi"]
        day = NOW.date() - datetime.timedelta(days=1)
        start = NOW - datetime.timedelta(days=1)
        for wc, busy, run in ((self.wc_cut, 100, 100), (self.wc_weld, 300, 150)):
            Kpi.create(
                {
                    "workcenter_id": wc.id,
                    "shift_id": self.shift.id,
                    "date": day,
                    "date_start": start,
                    "date_end": start,
                    "company_id": self.env.company.id,
                    "busy_time": busy,
                    "run_time": run,
                    "ideal_time": run,
                    "good_qty": 10,
                    "produced_qty": 10,
                    "availability": 100 * run / busy,
                    "performance": 100,
                    "quality": 100,
                    "oee": 100 * run / busy,
                }
            )
        days = {d["date"]: d for d in self._data()["oee"]["days"]}
        self.assertEqual(len(days), self.board.oee_days)
        self.assertAlmostEqual(days[fields.Date.to_string(day)]["oee"], 62.5)
        self.assertAlmostEqual(days[fields.Date.to_string(day)]["availability"], 62.5)
        self.assertIsNone(days[fields.Date.to_string(NOW.date())]["oee"])

    def test_secret_link(self):
        board = self.board.with_user(self.manager_user)
        action = board.action_generate_link()
        url = action["context"]["shopfloor_shown_secret"]
        secret = url.rsplit("/", 1)[1]
        wizard = self.env["shopfloor.board.link.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.with_context(**action["context"]).url, url)
        self.assertFalse(wizard.url, "shown once: not readable again")
        Board = self.env["shopfloor.board"]
        self.assertEqual(Board._find_by_token(secret), self.board)
        self.assertFalse(Board._find_by_token(secret + "x"))
        self.assertFalse(Board._find_by_token(""))
        # stored hashed only, and only administrators read the hash
        self.assertNotEqual(self.board.sudo().token_hash, secret)
        self.assertNotIn(secret, str(self.board.sudo().read()))
        with self.assertRaises(AccessError):
            board.read(["token_hash"])
        # a new link revokes the former one; an archived board opens no more
        secret2 = board._generate_token()
        self.assertFalse(Board._find_by_token(secret))
        self.assertEqual(Board._find_by_token(secret2), self.board)
        self.board.active = False
        self.assertFalse(Board._find_by_token(secret2))

    def test_access_by_group_and_company(self):
        other = self.env["res.company"].create({"name": "Board Co B"})
        theirs = self.env["shopfloor.board"].create({"name": "B board", "company_id": other.id})
        manager = self.manager_user
        self.assertNotIn(theirs, self.env["shopfloor.board"].with_user(manager).search([]))
        with self.assertRaises(AccessError):
            theirs.with_user(manager).read(["name"])
        with self.assertRaises(AccessError):
            self.board.with_user(self.leader_user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.board.with_user(self.leader_user).action_generate_link()
        with self.assertRaises(AccessError):
            self.env["shopfloor.board"].with_user(self.worker_user).search([])

    def test_report_pings_the_channel_of_its_work_center(self):
        Board = self.env["shopfloor.board"]
        channels = Board._get_workcenter_channels(self.wcs)
        self.assertEqual(len(set(channels.values())), 3)
        # not guessable from the id: an HMAC with the database secret
        self.assertRegex(channels[self.wc_cut.id], r"^shopfloor\.board\.wc/[0-9a-f]{32}$")
        # a board's page learns the channels of its own work centers only
        config = self.board._get_board_config()
        self.assertEqual(set(config["channels"]), set(channels.values()))
        line = Board.create({"name": "Pack", "workcenter_ids": [Command.set(self.wc_pack.ids)]})
        self.assertEqual(line._get_board_config()["channels"], [channels[self.wc_pack.id]])
        self.env.cr.precommit.data.pop("bus.bus.values", None)
        mo = self._create_mo(qty=10)
        cut = self._wos(mo)[0]
        for _i in range(2):
            self.env["shopfloor.report"].create(
                {
                    "workorder_id": cut.id,
                    "production_id": mo.id,
                    "workcenter_id": self.wc_cut.id,
                    "employee_id": self.worker.id,
                    "qty_good": 1,
                }
            )
        Board._flush_notifications()
        values = self.env.cr.precommit.data.get("bus.bus.values", [])
        sent = [v for v in values if "shopfloor.board" in v["channel"]]
        # one ping per work center and transaction, with no data
        self.assertEqual(len(sent), 1)
        self.assertIn(channels[self.wc_cut.id], sent[0]["channel"])
        self.assertNotIn("qty", sent[0]["message"])
