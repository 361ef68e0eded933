from odoo.addons.shopfloor_andon.tests.common import AndonCommon, t
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestAndonQuality(AndonCommon):
    def test_quality_exception_opens_alert_and_solving_resolves(self):
        qtype = self.env["shopfloor.andon.type"].create(
            {"name": "AN Quality", "category": "quality", "team_id": self.team.id}
        )
        exc = self.raise_(t("08:00"), atype=qtype, note="porosity on the batch")
        alert = exc.quality_alert_id
        self.assertTrue(alert)
        self.assertIn("porosity", alert.title)
        self.assertFalse(exc.oee_event_id, "a quality problem does not stop the machine")
        again = self.raise_(t("08:01"), atype=qtype)
        self.assertEqual(again, exc)
        self.assertEqual(self.env["shopfloor.quality.alert"].search_count(
            [("title", "ilike", exc.name)]), 1)  # fmt: skip
        alert.state = "solved"
        self.assertEqual(exc.state, "resolved")
        self.assertEqual(exc.log_ids.mapped("action"), ["raise", "raise", "ack", "resolve"])

    def test_other_types_open_no_alert(self):
        exc = self.raise_(t("08:00"))
        self.assertFalse(exc.quality_alert_id)
