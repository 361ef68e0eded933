import json

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestBoardHttp(HttpCase):
    """The public pages: a board token opens its own board only; a wrong or revoked
    token gets a 404, on the page as on its data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.wc_a = env["mrp.workcenter"].create({"name": "Board HTTP WC A"})
        cls.wc_b = env["mrp.workcenter"].create({"name": "Board HTTP WC B"})
        cls.board_a = env["shopfloor.board"].create(
            {"name": "Board A", "workcenter_ids": [Command.set(cls.wc_a.ids)]}
        )
        cls.board_b = env["shopfloor.board"].create(
            {"name": "Board B", "workcenter_ids": [Command.set(cls.wc_b.ids)]}
        )
        cls.secret_a = cls.board_a._generate_token()
        cls.secret_b = cls.board_b._generate_token()

    def _data(self, token):
        return self.url_open(
            "/shopfloor/board/data",
            data="{}",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )

    def test_page_and_data_of_its_own_board(self):
        page = self.url_open(f"/shopfloor/board/{self.secret_a}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Board A", page.text)
        self.assertNotIn(self.secret_a, page.text)
        self.assertEqual(page.headers["Cache-Control"], "no-store")
        self.assertEqual(page.headers["Referrer-Policy"], "no-referrer")
        resp = self._data(self.secret_a)
        self.assertEqual(resp.status_code, 200)
        data = resp.json()
        self.assertEqual(data["board"], "Board A")
        blob = json.dumps(data)
        self.assertIn("Board HTTP WC A", blob)
        self.assertNotIn("Board HTTP WC B", blob)

    def test_wrong_or_revoked_token(self):
        self.assertEqual(self.url_open("/shopfloor/board/nope").status_code, 404)
        self.assertEqual(self._data("nope").status_code, 404)
        self.assertEqual(self._data("").status_code, 404)
        # the token travels in the header, never in the query
        self.assertEqual(
            self.url_open(f"/shopfloor/board/data?token={self.secret_a}", data="{}").status_code,
            404,
        )
        self.board_b.action_revoke_link()
        self.assertEqual(self.url_open(f"/shopfloor/board/{self.secret_b}").status_code, 404)
        self.assertEqual(self._data(self.secret_b).status_code, 404)
        self.assertEqual(self._data(self.secret_a).status_code, 200)
