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

    def test_hostile_values_rejected_per_event(self):
        """nan/inf/1e308/huge counts, lists and objects where a scalar is expected,
        timestamps off the calendar: each event rejected with SF_OEE_BAD_EVENT, none
        recorded, never an exception."""
        ok = {"workcenter": "OEE-PRESS", "ts": "2026-03-02T08:00:00Z"}
        hostile = [
            {"good": "nan"},
            {"good": "inf"},
            {"good": float("nan")},
            {"good": float("inf")},
            {"good": 1e308},
            {"reject": 10**400},
            {"good": [1]},
            {"good": {"n": 1}},
            {"good": True},
            {"workcenter": ["OEE-PRESS"]},
            {"workcenter": {"code": "OEE-PRESS"}},
            {"equipment": [1], "state": "down"},
            {"product": {"id": 1}, "good": 1},
            {"state": ["down"]},
            {"state": {"x": 1}},
            {"reason": [1], "state": "down"},
            {"type": ["count"], "good": 1},
            {"ts": "0001-01-01T00:00:00+14:00", "state": "down"},
            {"ts": "9999-12-31T23:59:59-14:00", "state": "down"},
            {"ts": 1e308, "state": "down"},
            {"ts": 10**400, "state": "down"},
            {"ts": ["2026-03-02T08:00:00Z"], "state": "down"},
        ]
        events = [dict(ok, id=f"h{i}", **values) for i, values in enumerate(hostile)]
        events += [{"id": ["x"], **ok, "good": 1}, {"id": {"a": 1}, **ok, "good": 1}]
        events += [{"id": "y" * 65, **ok, "good": 1}, "not an object", None, 7]
        res = self._ingest(events)
        self.assertEqual(res["accepted"], [])
        self.assertEqual(len(res["rejected"]), len(events))
        self.assertEqual({r["code"] for r in res["rejected"]}, {"SF_OEE_BAD_EVENT"})
        self.assertFalse(self._states())
        self.assertFalse(
            self.env["shopfloor.oee.count"].search([("workcenter_id", "=", self.wc.id)])
        )
