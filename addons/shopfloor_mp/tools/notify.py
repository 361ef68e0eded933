"""Pure helpers of the outbound notification channels (no Odoo import: unit-tested alone).

- DingTalk custom robot signature: ``sign = urlencode(base64(HMAC-SHA256(secret,
  "<timestamp_ms>\\n<secret>")))``, sent as ``&timestamp=...&sign=...``.
- Generic webhook signature: ``X-Shopfloor-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret,
  "<unix>.<body>")>`` (the receiver recomputes it and rejects old timestamps).
- Retry backoff, the classification of a receiver's answer, the rate limit (sliding
  window + token bucket) and the packing of waiting messages into few requests.
"""

import base64
import hashlib
import hmac
import urllib.parse

DEFAULT_BASE_URLS = {
    "wecom": "https://qyapi.weixin.qq.com",
    "dingtalk": "https://oapi.dingtalk.com",
    "wechat": "https://api.weixin.qq.com",
    "webhook": "",
}
# Text limits of the robots (bytes of UTF-8): a coalesced message is cut to fit.
MAX_TEXT_BYTES = {"wecom": 2048, "dingtalk": 4000, "webhook": 60000, "wechat": 1000}
# WeCom "API freq out of limit", DingTalk "send too fast": retried later.
THROTTLED_CODES = {45009, 45033, 130101, 660026}


def dingtalk_sign(secret, timestamp_ms):
    """The ``sign`` query value of a DingTalk signed robot (already URL-encoded)."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def dingtalk_url(base_url, access_token, secret, timestamp_ms):
    """The full send URL of a DingTalk robot (signed when ``secret`` is set)."""
    url = f"{base_url.rstrip('/')}/robot/send?access_token={urllib.parse.quote(access_token)}"
    if secret:
        url += f"&timestamp={timestamp_ms}&sign={dingtalk_sign(secret, timestamp_ms)}"
    return url


def wecom_url(base_url, key):
    return f"{base_url.rstrip('/')}/cgi-bin/webhook/send?key={urllib.parse.quote(key)}"


def webhook_signature(secret, body, timestamp):
    """Header value signing ``body`` (bytes) at ``timestamp`` (int seconds)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_webhook_signature(secret, body, header, now, tolerance=300):
    """What a receiver does (used by the tests' stub and documented for integrators)."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = webhook_signature(secret, body, timestamp)
    return hmac.compare_digest(expected, header)


def backoff_seconds(attempt, base=30, cap=3600):
    """Delay before retry number ``attempt`` (1-based): 30 s, 60 s, 2 min, ... capped 1 h."""
    attempt = max(1, int(attempt))
    return min(cap, base * 2 ** (attempt - 1))


def classify_response(kind, status, payload):
    """``("ok" | "retry" | "fail", reason)`` for a receiver's HTTP status and JSON body.

    ``retry``: the message was not taken (server error, throttled) and is sent again
    later. ``fail``: the receiver refused it for good (bad key, bad signature): the
    message stays visible as failed until a manager fixes the channel and requeues it.
    """
    if status == 429:
        return "retry", "HTTP 429 throttled"
    if status >= 500:
        return "retry", f"HTTP {status}"
    if status >= 400:
        return "fail", f"HTTP {status}"
    if kind in ("wecom", "dingtalk", "wechat"):
        if not isinstance(payload, dict):
            return "retry", "answer is not JSON"
        code = payload.get("errcode", 0)
        if code in (0, "0"):
            return "ok", ""
        reason = f"errcode {code}: {str(payload.get('errmsg', ''))[:200]}"
        if code in THROTTLED_CODES or code == -1:  # -1: system busy
            return "retry", reason
        return "fail", reason
    return "ok", ""


def requests_allowed(now, recent, rate, burst=5, window=60.0):
    """How many requests a channel may send at ``now`` (seconds).

    ``recent``: times of its requests of the last ``window`` seconds. Two limits: never
    more than ``rate`` requests in any ``window`` (the receiver's rule), and a token
    bucket of ``burst`` refilled at ``rate`` per window, so that a burst does not spend
    the whole minute's budget at once and later messages wait seconds, not a minute.
    """
    recent = [t for t in recent if t > now - window]
    budget = rate - len(recent)
    if budget <= 0:
        return 0
    if not recent:
        return min(budget, burst)
    spacing = window / rate
    tokens = int((now - max(recent)) / spacing)
    return max(0, min(budget, burst, tokens))


def next_slot(now, recent, rate, window=60.0):
    """Seconds until the next request is allowed (0: now)."""
    recent = sorted(t for t in recent if t > now - window)
    if not recent:
        return 0.0
    waits = [max(recent) + window / rate - now]
    if len(recent) >= rate:
        waits.append(recent[len(recent) - rate] + window - now)
    return max(0.0, max(waits))


def pack_batches(sizes, max_bytes, max_requests, max_per_batch=50, overhead=8):
    """Group consecutive messages (their text sizes in bytes) into at most
    ``max_requests`` requests, each at most ``max_bytes`` (a message alone may be cut
    to fit) and ``max_per_batch`` messages. Returns the batch lengths, in order; the
    messages that do not fit wait for the next round.

    >>> pack_batches([10, 10, 10], 25, 5)
    [2, 1]
    >>> pack_batches([10, 10, 10], 1000, 1, max_per_batch=2)
    [2]
    """
    batches = []
    current, used = 0, 0
    for size in sizes:
        size += overhead
        if current and (used + size > max_bytes or current >= max_per_batch):
            batches.append(current)
            if len(batches) >= max_requests:
                return batches
            current, used = 0, 0
        current += 1
        used += size
    if current and len(batches) < max_requests:
        batches.append(current)
    return batches


def plan_requests(now, recent, rate, sizes, max_bytes, max_per_batch=50, burst=5, reserve=4):
    """The batches (lengths) to send now for the waiting messages of ``sizes`` (bytes).

    The token bucket of :func:`requests_allowed` paces a trickle; a backlog that fills
    whole requests may use more of the minute's budget at once (all but ``reserve``
    requests, kept for what comes next), so a burst is cleared in seconds. Never more
    than ``rate`` requests in any window.
    """
    budget = rate - len([t for t in recent if t > now - 60.0])
    if budget <= 0 or not sizes:
        return []
    batches = pack_batches(sizes, max_bytes, budget, max_per_batch)
    full = len(batches) - 1  # all but the last are full (the next message did not fit)
    allowed = max(requests_allowed(now, recent, rate, burst), min(full, budget - reserve))
    return batches[:allowed]


def coalesce_text(entries, max_bytes, header=None):
    """One text from ``entries`` (list of (title, body)), cut to ``max_bytes`` UTF-8 bytes."""
    if len(entries) == 1 and not header:
        title, body = entries[0]
        text = f"{title}\n{body}" if body else title
    else:
        lines = [header] if header else []
        for index, (title, body) in enumerate(entries, 1):
            lines.append(f"{index}. {title}" + (f": {body}" if body else ""))
        text = "\n".join(lines)
    return truncate_utf8(text, max_bytes)


def truncate_utf8(text, max_bytes):
    raw = text.encode()
    if len(raw) <= max_bytes:
        return text
    cut = raw[: max(0, max_bytes - 3)].decode(errors="ignore")
    return cut + "..."
