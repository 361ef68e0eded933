from odoo.tests import tagged

from .common import OeeCommon, t


@tagged("post_install", "-at_install")
class TestOeeGateway(OeeCommon):
    def _ingest(self, events, now=None):
        return self.env["shopfloor.oee.gateway"]._ingest(events, now=now or t("14:30"))

    def _states(self):
        return self.env["shopfloor.oee.state.event"].search(
            [("workcenter_id", "=", self.wc.id)], order="date_start, id"
        )

    def test_batch_out_of_order_idempotent(self):
        batch = [
            {
                "id": "e3",
                "workcenter": "OEE-PRESS",
                "ts": "2026-03-02T08:45:00Z",
                "state": "running",
            },
            {
                "id": "e1",
                "workcenter": "OEE-PRESS",
                "ts": "2026-03-02T06:00:00Z",
                "state": "running",
            },
            {
                "id": "c1",
                "workcenter": "OEE-PRESS",
                "ts": "2026-03-02T09:00:00Z",
                "good": 300,
                "reject": 10,
            },
            {
                "id": "e2",
                "workcenter": self.wc.id,
                "ts": "2026-03-02T16:00:00+08:00",
                "reason": "JAM",
            },
        ]
        res = self._ingest(batch)
        self.assertEqual(sorted(res["accepted"]), ["c1", "e1", "e2", "e3"])
        self.assertFalse(res["rejected"])
        states = self._states()
        self.assertEqual(
            [(s.state, s.date_start, s.date_end) for s in states],
            [
                ("running", t("06:00"), t("08:00")),
                ("idle", t("08:00"), t("08:45")),  # JAM is an idle reason
                ("running", t("08:45"), False),
            ],
        )
        # the same batch again (lost answer, retry): nothing recorded twice
        res = self._ingest(batch)
        self.assertEqual(sorted(res["duplicates"]), ["c1", "e1", "e2", "e3"])
        self.assertEqual(len(self._states()), 3)
        self.assertEqual(
            self.env["shopfloor.oee.count"].search_count([("workcenter_id", "=", self.wc.id)]), 1
        )
        # a late change inserted in the middle splits the timeline
        self._ingest(
            [
                {
                    "id": "e4",
                    "workcenter": "OEE-PRESS",
                    "ts": "2026-03-02T07:00:00Z",
                    "state": "setup",
                }
            ]
        )
        self.assertEqual(
            [(s.state, s.date_end) for s in self._states()],
            [
                ("running", t("07:00")),
                ("setup", t("08:00")),
                ("idle", t("08:45")),
                ("running", False),
            ],
        )
        kpi = self._kpi(now=t("14:30"))
        self.assertAlmostEqual(kpi.setup_time, 60)
        self.assertEqual(kpi.good_qty, 300)

    def test_rejections_and_clock_skew(self):
        res = self._ingest(
            [
                {"id": "a", "workcenter": "NOPE", "ts": "2026-03-02T08:00:00Z", "state": "down"},
                {
                    "id": "b",
                    "workcenter": "OEE-PRESS",
                    "ts": "2026-03-02T15:00:00Z",
                    "state": "down",
                },
                {
                    "id": "c",
                    "workcenter": "OEE-PRESS",
                    "ts": "2026-02-01T08:00:00Z",
                    "state": "down",
                },
                {"id": "d", "workcenter": "OEE-PRESS", "ts": "yesterday", "state": "down"},
                {
                    "id": "e",
                    "workcenter": "OEE-PRESS",
                    "ts": "2026-03-02T08:00:00Z",
                    "state": "boom",
                },
                {"workcenter": "OEE-PRESS", "ts": "2026-03-02T08:00:00Z", "state": "down"},
                {
                    "id": "f",
                    "workcenter": "OEE-PRESS",
                    "ts": "2026-03-02T14:33:00Z",
                    "state": "down",
                },
                {"id": "g", "workcenter": "OEE-PRESS", "ts": "2026-03-02T08:00:00Z", "good": -1},
            ]
        )
        codes = {r["id"]: r["code"] for r in res["rejected"]}
        self.assertEqual(
            codes,
            {
                "a": "SF_OEE_UNKNOWN_WORKCENTER",
                "b": "SF_OEE_CLOCK_SKEW",
                "c": "SF_OEE_TOO_OLD",
                "d": "SF_OEE_BAD_EVENT",
                "e": "SF_OEE_BAD_EVENT",
                None: "SF_OEE_BAD_EVENT",
                "g": "SF_OEE_BAD_EVENT",
            },
        )
        # 3 minutes ahead: within the allowed skew, recorded at the server time
        self.assertEqual(res["accepted"], ["f"])
        self.assertEqual(self._states().date_start, t("14:30"))
