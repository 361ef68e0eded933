import base64
import uuid

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AndonCommon

PNG = base64.b64encode(
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
).decode()


def uid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestAndonApi(AndonCommon):
    """The loop through the API, as the real people: raise -> ack -> on site (scan) ->
    resolve -> verify -> close; each bad input an SF_* error that writes nothing."""

    def _raise(self, **params):
        params = dict({"type_id": self.type_down.id, "code": self.wc_code,
                       "request_uid": uid()}, **params)  # fmt: skip
        return self.api("andon/raise", params, self.tok_worker)

    def test_loop_over_api(self):
        res = self._raise(note="oil leak", photo=PNG)
        info = res["exception"]
        self.assertFalse(res["duplicate"])
        self.assertEqual((info["state"], info["workcenter"]["id"]), ("raised", self.wc.id))
        self.assertTrue(info["machine_down"])
        exc = self.Exception.browse(info["id"])
        self.assertTrue(exc.photo)
        self.assertEqual(exc.equipment_id, self.equipment, "the work center's machine")
        types = self.api("andon/types", {}, self.tok_worker)["types"]
        self.assertIn(self.type_down.id, [ty["id"] for ty in types])
        # the responder sees it in their inbox and in the list of exceptions waiting for them
        inbox = self.api("my/inbox", {}, self.tok_responder)
        self.assertEqual(inbox["items"][0]["source"], {"model": exc._name, "id": exc.id})
        mine = self.api("andon/list", {"mine": True}, self.tok_responder)["exceptions"]
        self.assertEqual([e["id"] for e in mine], exc.ids)
        eid = {"exception_id": exc.id}

        self.api("andon/ack", dict(eid, request_uid=uid()), self.tok_responder)
        self.api("andon/onsite", dict(eid, code=self.equipment_code, request_uid=uid()),
                 self.tok_responder)  # fmt: skip
        cause = self.env.ref("shopfloor_andon.cause_bearing")
        self.api("andon/resolve", dict(eid, note="seal replaced", cause_id=cause.id,
                 request_uid=uid()), self.tok_responder)  # fmt: skip
        self.assertFalse(exc.oee_event_id.ongoing, "the machine is up again")
        self.api("andon/verify", dict(eid, request_uid=uid()), self.tok_worker)
        res = self.api("andon/close", dict(eid, request_uid=uid()), self.tok_leader)
        self.assertEqual(res["exception"]["state"], "closed")
        self.assertEqual((exc.cause_id, exc.resolution), (cause, "seal replaced"))
        log = self.api("andon/get", eid, self.tok_worker)["exception"]["log"]
        self.assertEqual(
            [(entry["action"], entry["by"]) for entry in log],
            [("raise", "AN Worker"), ("ack", "AN Fitter"), ("onsite", "AN Fitter"),
             ("resolve", "AN Fitter"), ("verify", "AN Worker"), ("close", "AN Line Leader")],
        )  # fmt: skip
        self.assertTrue(all(entry["date"] for entry in log))
        # every to-do of the exception is done
        items = self.Item.search([("res_model", "=", exc._name), ("res_id", "=", exc.id)])
        self.assertEqual(set(items.filtered(lambda i: i.kind == "todo").mapped("state")), {"done"})
        self.assertEqual(
            self.api("andon/list", {"workcenter_id": self.wc.id}, self.tok_worker)["exceptions"],
            [],
            "closed: not open",
        )

    def test_errors_write_nothing(self):
        Log = self.env["shopfloor.andon.log"]
        self.api("andon/raise", {"type_id": 999999, "code": self.wc_code, "request_uid": uid()},
                 self.tok_worker, expect_error="SF_ANDON_TYPE_UNKNOWN")  # fmt: skip
        self.api("andon/raise", {"type": "NOPE", "code": self.wc_code, "request_uid": uid()},
                 self.tok_worker, expect_error="SF_ANDON_TYPE_UNKNOWN")  # fmt: skip
        self.api("andon/raise", {"type_id": self.type_down.id, "request_uid": uid()},
                 self.tok_worker, expect_error="SF_ANDON_NO_TARGET")  # fmt: skip
        self.api("andon/raise", {"type_id": self.type_down.id, "code": "garbage",
                 "request_uid": uid()}, self.tok_worker, expect_error="SF_UNKNOWN_CODE")  # fmt: skip
        self.api("andon/raise", {"type_id": self.type_down.id, "code": self.wc_code,
                 "photo": "bm90IGFuIGltYWdl", "request_uid": uid()}, self.tok_worker,
                 expect_error="SF_ANDON_PHOTO_INVALID")  # fmt: skip
        self.api("andon/raise", {"type_id": self.type_down.id, "code": self.wc_code},
                 self.tok_worker, expect_error="SF_BAD_PARAMS")  # fmt: skip
        other = self.env["res.company"].create({"name": "AN Other Co"})
        other_wc = self.env["mrp.workcenter"].create({"name": "AN other", "company_id": other.id})
        self.api("andon/raise", {"type_id": self.type_down.id, "workcenter_id": other_wc.id,
                 "request_uid": uid()}, self.tok_worker, expect_error="SF_OTHER_COMPANY")  # fmt: skip
        self.assertFalse(self.Exception.search([("workcenter_id", "in", (self.wc | other_wc).ids)]))

        exc = self.Exception.browse(self._raise()["exception"]["id"])
        eid = {"exception_id": exc.id}
        logs = Log.search_count([])
        self.api("andon/ack", dict(eid, request_uid=uid()), self.tok_outsider,
                 expect_error="SF_ANDON_NOT_RESPONDER")  # fmt: skip
        self.api("andon/resolve", dict(eid, request_uid=uid()), self.tok_responder,
                 expect_error="SF_ANDON_BAD_STATE")  # fmt: skip
        self.api("andon/onsite", dict(eid, code=self.wc_code, request_uid=uid()),
                 self.tok_outsider, expect_error="SF_ANDON_NOT_RESPONDER")  # fmt: skip
        another_wc = self.env["mrp.workcenter"].create({"name": "AN elsewhere"})
        other_code = self.env["shopfloor.code"]._get_codes(another_wc)[another_wc.id]
        self.api("andon/onsite", dict(eid, code=other_code, request_uid=uid()),
                 self.tok_responder, expect_error="SF_ANDON_WRONG_MACHINE")  # fmt: skip
        self.api("andon/ack", {"exception_id": 999999, "request_uid": uid()}, self.tok_responder,
                 expect_error="SF_ANDON_UNKNOWN")  # fmt: skip
        self.assertEqual(Log.search_count([]), logs)
        self.assertEqual(exc.state, "raised")

        req = uid()
        first = self.api("andon/ack", dict(eid, request_uid=req), self.tok_responder)
        again = self.api("andon/ack", dict(eid, request_uid=req), self.tok_responder)
        self.assertEqual(first, again, "a retry is answered the same")
        bad = self.api("andon/ack", dict(eid, request_uid=uid()), self.tok_responder,
                       expect_error="SF_ANDON_BAD_STATE")  # fmt: skip
        # the state and the action in words, in each language; the codes in the details
        self.assertEqual(
            bad.get_message("en_US"),
            "This exception is acknowledged: it cannot be acknowledged now.",
        )
        zh = bad.get_message("zh_CN")
        self.assertIn("已确认", zh)
        self.assertNotIn("acknowledged", zh)
        self.assertEqual(bad.to_dict("zh_CN")["details"]["state_code"], "acknowledged")
        self.assertEqual(bad.to_dict("zh_CN")["details"]["action_code"], "ack")
        self.assertEqual(len(exc.log_ids.filtered(lambda lg: lg.action == "ack")), 1)
        self.api("andon/resolve", dict(eid, request_uid=uid()), self.tok_responder)
        exc_err = self.api("andon/verify", dict(eid, request_uid=uid()), self.tok_outsider,
                           expect_error="SF_ANDON_NOT_VERIFIER")  # fmt: skip
        self.assertNotEqual(exc_err.get_message("zh_CN"), exc_err.get_message("en_US"))
        self.api("andon/close", dict(eid, request_uid=uid()), self.tok_leader,
                 expect_error="SF_ANDON_BAD_STATE")  # fmt: skip

    def test_second_tap_same_exception(self):
        first = self._raise()["exception"]
        second = self.api("andon/raise", {"type_id": self.type_down.id,
                          "workcenter_id": self.wc.id, "request_uid": uid()},
                          self.tok_leader)  # fmt: skip
        self.assertTrue(second["duplicate"])
        self.assertEqual(second["exception"]["id"], first["id"])
        self.assertEqual(
            self.env["shopfloor.oee.state.event"].search_count(
                [("workcenter_id", "=", self.wc.id), ("date_end", "=", False)]
            ),
            1,
        )

    def test_backend_access(self):
        exc = self.raise_(fields.Datetime.now())
        worker_user = new_test_user(
            self.env, login="an_worker_user", groups="shopfloor_mp.group_shopfloor_worker"
        )
        self.assertEqual(self.Exception.with_user(worker_user).search([("id", "=", exc.id)]), exc)
        with self.assertRaises(AccessError):
            exc.with_user(worker_user).write({"note": "x"})
        # the plant manager acknowledges from the backend as their employee
        exc.with_user(self.manager_user).action_acknowledge()
        self.assertEqual(exc.acknowledged_by_id, self.plant_manager)
