"""Pure helpers of the outbound notification channels (addons/shopfloor_mp/tools/notify.py)."""

import json

import pytest
from conftest import load_tool

notify = load_tool("shopfloor_mp", "notify")

# Computed independently with openssl:
#   printf '1700000000000\nSEC0123456789abcdef' \
#     | openssl dgst -sha256 -hmac 'SEC0123456789abcdef' -binary | base64
DING_SECRET = "SEC0123456789abcdef"
DING_TS = 1700000000000
DING_B64 = "TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk="


def test_dingtalk_signature_fixed_vector():
    assert notify.dingtalk_sign(DING_SECRET, DING_TS) == (
        DING_B64.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D")
    )


def test_dingtalk_url_signed_and_unsigned():
    url = notify.dingtalk_url("http://127.0.0.1:9/", "tok en", DING_SECRET, DING_TS)
    assert url.startswith("http://127.0.0.1:9/robot/send?access_token=tok%20en&timestamp=")
    assert url.endswith("&sign=" + notify.dingtalk_sign(DING_SECRET, DING_TS))
    assert "sign=" not in notify.dingtalk_url("http://x", "t", "", DING_TS)


def test_wecom_url():
    assert notify.wecom_url("https://qyapi.weixin.qq.com/", "k-1") == (
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1"
    )


def test_webhook_signature_fixed_vector_and_verify():
    body = json.dumps({"a": 1}, separators=(",", ":")).encode()
    header = notify.webhook_signature("whsec", body, 1700000000)
    assert header == (
        "t=1700000000,v1=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032"
    )
    assert notify.verify_webhook_signature("whsec", body, header, 1700000100)
    assert not notify.verify_webhook_signature("whsec", body + b" ", header, 1700000100)
    assert not notify.verify_webhook_signature("other", body, header, 1700000100)
    assert not notify.verify_webhook_signature("whsec", body, header, 1700009999)  # replay
    assert not notify.verify_webhook_signature("whsec", body, "garbage", 1700000000)


@pytest.mark.parametrize(
    ("attempt", "delay"), [(0, 30), (1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (50, 3600)]
)
def test_backoff(attempt, delay):
    assert notify.backoff_seconds(attempt) == delay


@pytest.mark.parametrize(
    ("kind", "status", "payload", "verdict"),
    [
        ("wecom", 200, {"errcode": 0, "errmsg": "ok"}, "ok"),
        ("wecom", 200, {"errcode": 45009, "errmsg": "api freq out of limit"}, "retry"),
        ("wecom", 200, {"errcode": 93000, "errmsg": "invalid webhook url"}, "fail"),
        ("wecom", 200, "not json", "retry"),
        ("wecom", 502, None, "retry"),
        ("dingtalk", 200, {"errcode": 130101, "errmsg": "send too fast"}, "retry"),
        ("dingtalk", 200, {"errcode": 310000, "errmsg": "sign not match"}, "fail"),
        ("dingtalk", 200, {"errcode": -1, "errmsg": "busy"}, "retry"),
        ("webhook", 204, None, "ok"),
        ("webhook", 429, None, "retry"),
        ("webhook", 401, None, "fail"),
        ("webhook", 500, None, "retry"),
        ("wechat", 200, {"errcode": 43101, "errmsg": "user refuse to accept the msg"}, "fail"),
    ],
)
def test_classify_response(kind, status, payload, verdict):
    assert notify.classify_response(kind, status, payload)[0] == verdict


def test_requests_allowed_sliding_window_and_burst():
    # nothing sent recently: the burst
    assert notify.requests_allowed(1000.0, [], 20) == 5
    assert notify.requests_allowed(1000.0, [], 3) == 3
    # just sent: wait for the next token (60/20 = 3 s)
    assert notify.requests_allowed(1000.0, [999.0], 20) == 0
    assert notify.requests_allowed(1003.5, [1000.0], 20) == 1
    # the minute is full: nothing, however long since the last one
    recent = [950.0 + i for i in range(20)]
    assert notify.requests_allowed(1005.0, recent, 20) == 0
    # old requests leave the window
    assert notify.requests_allowed(1100.0, recent, 20) == 5


def test_requests_allowed_never_exceeds_rate_in_any_window():
    """Simulate a sender that always sends what is allowed, every 0.1 s for 10 min."""
    sent = []
    t = 0.0
    while t < 600:
        n = notify.requests_allowed(t, sent, 20)
        sent += [t] * n
        t = round(t + 0.1, 1)
    for start in sent:
        assert sum(1 for s in sent if start <= s < start + 60) <= 20
    assert len(sent) >= 190  # and it does use the budget


def test_next_slot():
    assert notify.next_slot(10.0, [], 20) == 0.0
    assert notify.next_slot(10.0, [9.0], 20) == pytest.approx(2.0)
    full = [float(i) for i in range(20)]
    assert notify.next_slot(20.0, full, 20) == pytest.approx(40.0)


def test_pack_batches():
    assert notify.pack_batches([], 100, 5) == []
    assert notify.pack_batches([10, 10, 10], 1000, 5) == [3]
    assert notify.pack_batches([10, 10, 10], 25, 5, overhead=0) == [2, 1]
    # only as many requests as allowed: the rest waits
    assert notify.pack_batches([10] * 10, 25, 2, overhead=0) == [2, 2]
    # one per request (WeChat)
    assert notify.pack_batches([10] * 3, 1000, 5, max_per_batch=1) == [1, 1, 1]
    # a message larger than a request goes alone (cut when built)
    assert notify.pack_batches([5000, 10], 2000, 5, overhead=0) == [1, 1]


def test_coalesce_text_and_truncation():
    assert notify.coalesce_text([("Down", "CNC-1")], 100) == "Down\nCNC-1"
    text = notify.coalesce_text([("A", "x"), ("B", "")], 100, header="2 notifications")
    assert text == "2 notifications\n1. A: x\n2. B"
    cut = notify.coalesce_text([("设备故障" * 400, "")], 2048)
    assert len(cut.encode()) <= 2048 and cut.endswith("...")
    cut.encode().decode()  # still valid UTF-8


def test_plan_requests_clears_a_burst_fast_within_the_limit():
    """200 small messages arriving over 10 s, a round every 0.5 s: all sent within a few
    seconds of their arrival, never more than 20 requests in any minute."""
    sent_at = {}
    recent = []
    t = 0.0
    while t < 120:
        waiting = [i for i in range(min(200, int(t * 20))) if i not in sent_at]
        plan = notify.plan_requests(t, recent, 20, [70] * len(waiting), 2048 - 64)
        cursor = 0
        for size in plan:
            for i in waiting[cursor : cursor + size]:
                sent_at[i] = t
            cursor += size
            recent.append(t)
        t = round(t + 0.5, 1)
    assert len(sent_at) == 200
    delays = sorted(sent_at[i] - i / 20 for i in range(200))
    assert delays[int(0.95 * 200)] <= 5.0
    for start in recent:
        assert sum(1 for s in recent if start <= s < start + 60) <= 20


def test_plan_requests_trickle_and_full_window():
    assert notify.plan_requests(0.0, [], 20, [], 2000) == []
    assert notify.plan_requests(0.0, [], 20, [10, 10], 2000) == [2]
    assert notify.plan_requests(10.0, [float(i) / 10 for i in range(20)], 20, [10], 2000) == []
    # one message a second: one request every 3 s, the others wait and go together
    assert notify.plan_requests(10.0, [9.0], 20, [10], 2000) == []
    assert notify.plan_requests(12.0, [9.0], 20, [10, 10, 10], 2000) == [3]
