from odoo import Command
from odoo.addons.shopfloor_andon.tests.common import AndonCommon
from odoo.addons.shopfloor_oee.tests.common import t
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestBoardAndon(AndonCommon):
    """The boards' andon page: open exceptions of the board's work centers only."""

    def test_open_exceptions_of_its_work_centers(self):
        other_wc = self.env["mrp.workcenter"].create({"name": "AN Other WC"})
        board = self.env["shopfloor.board"].create(
            {
                "name": "Press board",
                "workcenter_ids": [Command.set(self.wc.ids)],
                "page_ids": [Command.set(self.env.ref("shopfloor_board_andon.page_andon").ids)],
            }
        )
        exc = self.raise_(t("08:00"))
        closed = self.raise_(t("08:10"), atype=self.type_material)
        closed.write({"state": "cancel"})
        elsewhere = self.raise_(t("08:20"), atype=self.type_material, workcenter_id=other_wc.id)
        pages = board._get_board_data(t("08:30"))["pages"]
        self.assertEqual([p["code"] for p in pages], ["andon"])
        rows = pages[0]["data"]["exceptions"]
        ids = [r["id"] for r in rows]
        self.assertIn(exc.id, ids)
        self.assertNotIn(closed.id, ids)
        self.assertNotIn(elsewhere.id, ids)
        row = rows[ids.index(exc.id)]
        self.assertEqual(row["raised_at"], "2026-03-02 08:00:00Z")
        self.assertEqual(row["state"], "raised")

    def test_raise_pings_the_work_center(self):
        Board = self.env["shopfloor.board"]
        self.env.cr.precommit.data.pop("bus.bus.values", None)
        self.raise_(t("08:00"))
        Board._flush_notifications()
        values = self.env.cr.precommit.data.get("bus.bus.values", [])
        channel = Board._get_workcenter_channels(self.wc)[self.wc.id]
        self.assertTrue(any(channel in v["channel"] for v in values))
