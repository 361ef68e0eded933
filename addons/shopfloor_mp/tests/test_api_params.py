import re
import uuid

from odoo.tests import tagged

from ..tools.api import RuleMessage, ShopfloorError, error
from ..tools.params import Params, check_payload, parse_datetime
from .common import ShopfloorCommon

LATIN = re.compile(r"[A-Za-z]{3,}")


def rid():
    return str(uuid.uuid4())


@tagged("post_install", "-at_install")
class TestApiParams(ShopfloorCommon):
    """Every client mistake is SF_BAD_PARAMS with the field and a reason in the worker's
    language, checked once in the parameter layer."""

    def assertBad(self, func, field):
        with self.assertRaises(ShopfloorError) as info:
            func()
        exc = info.exception
        self.assertEqual(exc.code, "SF_BAD_PARAMS", exc.get_message("en_US"))
        self.assertEqual(exc.details["field"], field)
        data = exc.to_dict("zh_CN")
        # the reason is translated: the English reason is not pasted in the Chinese message
        reason_en = exc.get_details("en_US")["reason"]
        self.assertNotIn(reason_en, data["message_zh"])
        self.assertNotEqual(data["details"]["reason"], reason_en)
        self.assertEqual(data["details"]["reason"], exc.get_details("zh_CN")["reason"])
        self.assertIsInstance(data["details"]["reason"], str)
        return exc

    def test_hostile_values(self):
        cases = {
            "nul": {"note": "a\x00b"},
            "surrogate": {"note": "\ud800"},
            "huge": {"qty_good": 10**400},
            "float_max": {"qty_good": 1e308},
            "nan": {"qty_good": float("nan")},
        }
        fields_ = {
            "nul": "note",
            "surrogate": "note",
            "huge": "qty_good",
            "float_max": "qty_good",
            "nan": "qty_good",
        }
        for name, params in cases.items():
            with self.subTest(name):
                self.assertBad(lambda params=params: check_payload(params), fields_[name])
        deep = []
        for _i in range(100_000):
            deep = [deep]
        self.assertBad(lambda: check_payload({"x": deep}), "x" + "[0]" * 15)

    def test_scalars_expected(self):
        for value in ([1], {"a": 1}, [], {}):
            p = Params(
                {
                    "workorder_id": value,
                    "code": value,
                    "qty_good": value,
                    "client_ts": value,
                    "all": value,
                    "request_uid": value,
                }
            )
            self.assertBad(lambda p=p: p.int("workorder_id"), "workorder_id")
            self.assertBad(lambda p=p: p.str("code"), "code")
            self.assertBad(lambda p=p: p.qty("qty_good"), "qty_good")
            self.assertBad(lambda p=p: p.datetime("client_ts"), "client_ts")
            self.assertBad(lambda p=p: p.bool("all"), "all")
            self.assertBad(lambda p=p: p.request_uid(), "request_uid")
        self.assertBad(lambda: Params({"workorder_id": 2**31}).int("workorder_id"), "workorder_id")
        self.assertBad(lambda: Params({"ids": [1, "2"]}).ids("ids"), "ids")

    def test_timestamps_at_calendar_edges(self):
        for value in (
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "0001-01-01T00:00:00",
            "1900-01-01T00:00:00Z",
            "3000-01-01T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "x" * 100,
        ):
            with self.subTest(value):
                p = Params({"client_ts": value})
                self.assertBad(lambda p=p: p.datetime("client_ts"), "client_ts")
        self.assertIsNone(parse_datetime("0001-01-01T00:00:00+14:00"))
        self.assertEqual(
            str(Params({"t": "2026-11-24T09:41:00+08:00"}).datetime("t")), "2026-11-24 01:41:00"
        )
        # through the API: an offline report's client_ts at the edge of the calendar
        token = self.bind(self.worker)
        mo = self._create_mo(2)
        cut = self._wos(mo)[0]
        exc = self.api(
            "workorder/start",
            {
                "workorder_id": cut.id,
                "request_uid": rid(),
                "client_ts": "0001-01-01T00:00:00+14:00",
            },
            token,
            expect_error="SF_BAD_PARAMS",
        )
        self.assertEqual(exc.details["field"], "client_ts")
        self.assertEqual(cut.state, "ready")

    def test_request_uid_strict(self):
        for value in (
            "abcdefgh-1234\n",
            "abcdefgh-1234\r\n",
            " abcdefgh-1234",
            "short",
            "abcdefgh\x001234",
            "abcdefgh-1234" + "x" * 60,
        ):
            with self.subTest(value):
                p = Params({"request_uid": value})
                self.assertBad(p.request_uid, "request_uid")
        self.assertEqual(Params({"request_uid": "abcdefgh-1234"}).request_uid(), "abcdefgh-1234")

    def test_reason_in_worker_language(self):
        exc = self.assertBad(lambda: Params({"qty_good": -1}).qty("qty_good"), "qty_good")
        self.assertEqual(exc.get_message("en_US"), "Invalid parameter qty_good: cannot be negative")
        self.assertEqual(exc.get_message("zh_CN"), "参数 qty_good 无效：不能为负数")
        exc = self.assertBad(lambda: Params({"s": "x" * 9}).str("s", max_len=8), "s")
        self.assertIn("8", exc.get_message("zh_CN"))

    def test_business_rule_never_mixes_languages(self):
        rule = RuleMessage("Le stock est insuffisant.", "fr_FR")
        exc = error("SF_BUSINESS_RULE", rule=rule)
        data = exc.to_dict("zh_CN")
        self.assertNotIn("stock", data["message_zh"])
        self.assertNotIn("stock", data["message_en"])
        self.assertFalse(LATIN.search(data["message_zh"]), data["message_zh"])
        zh = error("SF_BUSINESS_RULE", rule=RuleMessage("库存不足。", "zh_CN")).to_dict("zh_CN")
        self.assertEqual(zh["message"], "库存不足。")
        self.assertNotIn("库存", zh["message_en"])
        en = error("SF_BUSINESS_RULE", rule=RuleMessage("Not enough stock.", "en_US"))
        self.assertEqual(en.to_dict("en_US")["message"], "Not enough stock.")
        self.assertFalse(LATIN.search(en.to_dict("zh_CN")["message_zh"]))
