import datetime
import logging
import time
import uuid

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools import notify

_logger = logging.getLogger(__name__)

STATES = [
    ("pending", "Waiting"),
    ("sending", "Sending"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("cancel", "Cancelled"),
]
# A message still "sending" after this long was in a request whose answer was never
# recorded (the server stopped mid-way).
STALE_SENDING = datetime.timedelta(minutes=10)
# WeChat subscribe messages go one per request.
MAX_PER_BATCH = {"wechat": 1}
EPOCH = datetime.datetime(1970, 1, 1)
# The sending cron keeps sending (paced by the rate limits) this long per run.
CRON_RUN_SECONDS = 50


def _ts(value):
    return (value - EPOCH).total_seconds()


class ShopfloorNotifyMessage(models.Model):
    """The outbox: one notification for one channel, sent after commit.

    State machine (each step in its own short transaction, rows locked, so that two
    senders never take the same message and a message is never lost):

    ``pending`` --claim--> ``sending`` --answer--> ``sent`` | ``pending`` (retry at
    ``next_try_at``, backoff) | ``failed`` (refused for good, or out of attempts:
    visible, a manager requeues it). A message left ``sending`` by a crash is requeued
    for webhooks (the receiver dedupes on ``X-Shopfloor-Delivery``) and marked failed
    ("delivery unknown") for robots, which cannot dedupe: never sent twice.
    """

    _name = "shopfloor.notify.message"
    _description = "Shop-floor Outbox Message"
    _order = "id desc"

    channel_id = fields.Many2one(
        "shopfloor.notify.channel", required=True, index=True, ondelete="cascade"
    )
    channel_kind = fields.Selection(related="channel_id.kind")
    company_id = fields.Many2one("res.company", required=True, index=True)
    uid = fields.Char(
        "Delivery ID", required=True, readonly=True, copy=False, default=lambda s: str(uuid.uuid4())
    )
    key = fields.Char(readonly=True, copy=False, help="Poster's key: posted once per channel.")
    title = fields.Char(required=True)
    body = fields.Text()
    category = fields.Char(index=True)
    employee_id = fields.Many2one("hr.employee", help="WeChat: the recipient.")
    res_model = fields.Char("Source Model")
    res_id = fields.Many2oneReference("Source", model_field="res_model")
    state = fields.Selection(STATES, required=True, default="pending", index=True, readonly=True)
    attempts = fields.Integer(readonly=True, default=0)
    next_try_at = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True, readonly=True
    )
    attempt_id = fields.Many2one("shopfloor.notify.attempt", "Last Request", readonly=True)
    sent_at = fields.Datetime(readonly=True)
    last_error = fields.Char(readonly=True)

    _sql_constraints = [("uid_uniq", "unique(uid)", "Delivery ids are unique.")]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS shopfloor_notify_message_key_uniq "
                "ON shopfloor_notify_message (channel_id, key) WHERE key IS NOT NULL"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_notify_message_due_idx "
                "ON shopfloor_notify_message (channel_id, next_try_at) WHERE state = 'pending'"
            )
        )

    @api.depends("title", "channel_id")
    def _compute_display_name(self):
        for message in self:
            message.display_name = f"{message.channel_id.name or ''}: {message.title or ''}"

    # ------------------------------------------------------------------------------
    # queue
    # ------------------------------------------------------------------------------
    @api.model
    def _sf_enqueue(self, vals_list):
        """Create messages (skipping keys already queued on their channel) and trigger
        the sending cron for after this transaction's commit."""
        keyed = [(v["channel_id"], v["key"]) for v in vals_list if v.get("key")]
        if keyed:
            existing = self.search_fetch(
                [
                    ("channel_id", "in", list({c for c, _k in keyed})),
                    ("key", "in", list({k for _c, k in keyed})),
                ],
                ["channel_id", "key"],
            )
            taken = {(m.channel_id.id, m.key) for m in existing}
            vals_list = [v for v in vals_list if (v["channel_id"], v.get("key")) not in taken]
        messages = self.create(vals_list) if vals_list else self.browse()
        if messages:
            self._sf_trigger_cron()
        return messages

    @api.model
    def _sf_trigger_cron(self, at=None):
        data = self.env.cr.precommit.data
        if at is None and data.get("shopfloor_notify_triggered"):
            return
        cron = self.env.ref("shopfloor_mp.cron_shopfloor_notify_send", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger(at)  # sudo: scheduling the framework's own job
        if at is None:
            data["shopfloor_notify_triggered"] = True

    def action_requeue(self):
        """A manager fixed the channel: send the failed messages again."""
        todo = self.filtered(lambda m: m.state in ("failed", "cancel"))
        todo.write(
            {
                "state": "pending",
                "next_try_at": fields.Datetime.now(),
                "attempts": 0,
                "last_error": False,
            }
        )
        if todo:
            self._sf_trigger_cron()
        return True

    def action_cancel(self):
        self.filtered(lambda m: m.state in ("pending", "failed")).write({"state": "cancel"})
        return True

    # ------------------------------------------------------------------------------
    # sending
    # ------------------------------------------------------------------------------
    @api.model
    def _sf_send_due(self, channels=None, now=None):
        """Send what is due, channel by channel, each within its rate limit.

        Runs outside the caller's transaction (own short transactions): the caller's
        uncommitted messages are not seen (they are sent by the cron after commit). Call it
        from the cron (or a shell), not from a transaction that has written channel or
        outbox rows: use :meth:`_sf_trigger_cron` there."""
        self._sf_recover_stale(now)
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT DISTINCT m.channel_id FROM shopfloor_notify_message m"
                    " JOIN shopfloor_notify_channel c ON c.id = m.channel_id"
                    " WHERE m.state = 'pending' AND m.next_try_at <= %s AND c.active"
                    " AND (%s OR m.channel_id IN %s)",
                    now or fields.Datetime.now(),
                    channels is None,
                    tuple(channels.ids) if channels else (0,),
                )
            )
            channel_ids = [row[0] for row in cr.fetchall()]
        sent = 0
        for channel_id in channel_ids:
            sent += self._sf_send_channel(channel_id, now=now)
        return sent

    @api.model
    def _sf_send_loop(self, seconds=CRON_RUN_SECONDS):
        """The cron's work: send rounds, paced by the channels' limits, while messages
        are due within ``seconds``; then wake the cron up for what is left."""
        deadline = time.monotonic() + seconds
        sent = 0
        while True:
            sent += self._sf_send_due()
            wait = self._sf_next_wait()
            if wait is None:
                break
            if time.monotonic() + wait > deadline:
                self._sf_trigger_cron(
                    at=fields.Datetime.now() + datetime.timedelta(seconds=max(1, wait))
                )
                break
            time.sleep(min(max(wait, 0.2), 5.0))
        return sent

    @api.model
    def _sf_next_wait(self, now=None):
        """Seconds until something can be sent (None: nothing waits)."""
        now = now or fields.Datetime.now()
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT m.channel_id, c.rate_limit, MIN(m.next_try_at)"
                    " FROM shopfloor_notify_message m"
                    " JOIN shopfloor_notify_channel c ON c.id = m.channel_id"
                    " WHERE m.state = 'pending' AND c.active GROUP BY m.channel_id, c.rate_limit"
                )
            )
            rows = cr.fetchall()
            waits = []
            for channel_id, rate, next_try in rows:
                cr.execute(
                    SQL(
                        "SELECT date FROM shopfloor_notify_attempt"
                        " WHERE channel_id = %s AND date > %s",
                        channel_id,
                        now - datetime.timedelta(seconds=60),
                    )
                )
                recent = [_ts(r[0]) for r in cr.fetchall()]
                slot = notify.next_slot(_ts(now), recent, rate)
                waits.append(max(slot, _ts(next_try) - _ts(now)))
        return min(waits) if waits else None

    @api.model
    def _sf_send_channel(self, channel_id, now=None):
        """One round on one channel: claim what the rate budget allows, send, record."""
        attempts = self._sf_claim(channel_id, now)
        if not attempts:
            return 0
        results = []
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            channel = env["shopfloor.notify.channel"].sudo().browse(channel_id)
            for attempt_id, message_ids in attempts:
                messages = env["shopfloor.notify.message"].sudo().browse(message_ids)
                started = time.monotonic()
                verdict, reason, status = channel._sf_http_send(messages)
                results.append(
                    (attempt_id, message_ids, verdict, reason, status, time.monotonic() - started)
                )
        self._sf_record(channel_id, results, now)
        return sum(len(ids) for _a, ids, verdict, *_rest in results if verdict == "ok")

    @api.model
    def _sf_claim(self, channel_id, now=None):
        """Lock the channel, take the due messages the budget allows and mark them
        ``sending`` with one attempt per request. Committed before any HTTP call.

        The channel row is taken FOR NO KEY UPDATE SKIP LOCKED: a channel another sender
        is claiming (or a transaction is editing) is left for the next round, never waited
        for; the transactions posting messages (which hold a KEY SHARE lock on the channel
        through the foreign key until they commit) do not block a claim."""
        now = now or fields.Datetime.now()
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT kind, rate_limit FROM shopfloor_notify_channel"
                    " WHERE id = %s AND active FOR NO KEY UPDATE SKIP LOCKED",
                    channel_id,
                )
            )
            row = cr.fetchone()
            if not row:
                return []
            kind, rate_limit = row
            cr.execute(
                SQL(
                    "SELECT date FROM shopfloor_notify_attempt WHERE channel_id = %s AND date > %s",
                    channel_id,
                    now - datetime.timedelta(seconds=60),
                )
            )
            recent = [_ts(r[0]) for r in cr.fetchall()]
            budget = rate_limit - len(recent)
            if budget <= 0:
                return []
            per_batch = MAX_PER_BATCH.get(kind, 50)
            cr.execute(
                SQL(
                    "SELECT id, octet_length(title) + octet_length(COALESCE(body, ''))"
                    " FROM shopfloor_notify_message"
                    " WHERE channel_id = %s AND state = 'pending' AND next_try_at <= %s"
                    " ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED",
                    channel_id,
                    now,
                    budget * per_batch,
                )
            )
            rows = cr.fetchall()
            plan = notify.plan_requests(
                _ts(now),
                recent,
                rate_limit,
                [size for _id, size in rows],
                notify.MAX_TEXT_BYTES[kind] - 64,
                per_batch,
            )
            ids = [row[0] for row in rows]
            env = self.env(cr=cr)
            Attempt = env["shopfloor.notify.attempt"].sudo()
            claimed = []
            start = 0
            for size in plan:
                batch = ids[start : start + size]
                start += size
                attempt = Attempt.create(
                    {
                        "channel_id": channel_id,
                        "date": now,
                        "message_count": len(batch),
                        "state": "sending",
                    }
                )
                cr.execute(
                    SQL(
                        "UPDATE shopfloor_notify_message SET state = 'sending',"
                        " attempts = COALESCE(attempts, 0) + 1, attempt_id = %s, write_date = %s"
                        " WHERE id IN %s",
                        attempt.id,
                        now,
                        tuple(batch),
                    )
                )
                claimed.append((attempt.id, batch))
            env.flush_all()
        return claimed

    @api.model
    def _sf_record(self, channel_id, results, now=None):
        now = now or fields.Datetime.now()
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            Message = env["shopfloor.notify.message"].sudo()
            channel = env["shopfloor.notify.channel"].sudo().browse(channel_id)
            for attempt_id, message_ids, verdict, reason, status, duration in results:
                env["shopfloor.notify.attempt"].sudo().browse(attempt_id).write(
                    {
                        "state": verdict,
                        "status_code": status or False,
                        "error": reason or False,
                        "duration_ms": int(duration * 1000),
                    }
                )
                messages = Message.browse(message_ids)
                if verdict == "ok":
                    messages.write({"state": "sent", "sent_at": now, "last_error": False})
                    continue
                for message in messages:
                    give_up = verdict == "fail" or message.attempts >= channel.max_attempts
                    message.write(
                        {
                            "state": "failed" if give_up else "pending",
                            "last_error": reason,
                            "next_try_at": now
                            + datetime.timedelta(seconds=notify.backoff_seconds(message.attempts)),
                        }
                    )
                channel.write({"last_error": reason, "last_error_at": now})
                gave_up = messages.filtered(lambda m: m.state == "failed")
                # never the URL nor the headers: they carry the robot key and signature
                (_logger.warning if gave_up else _logger.info)(
                    "Notification channel %s: %s message(s) not delivered (%s failed for good): %s",
                    channel_id,
                    len(message_ids),
                    len(gave_up),
                    reason,
                )
            # the earliest retry wakes the cron up again
            retry = Message.search(
                [("channel_id", "=", channel_id), ("state", "=", "pending")],
                order="next_try_at",
                limit=1,
            )
            if retry:
                Message._sf_trigger_cron(at=max(retry.next_try_at, now))

    @api.model
    def _sf_recover_stale(self, now=None):
        now = now or fields.Datetime.now()
        limit = now - STALE_SENDING
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            stale = (
                env["shopfloor.notify.message"]
                .sudo()
                .search([("state", "=", "sending"), ("write_date", "<", limit)])
            )
            if not stale:
                return
            webhooks = stale.filtered(lambda m: m.channel_id.kind == "webhook")
            webhooks.write({"state": "pending", "next_try_at": now})
            (stale - webhooks).write(
                {
                    "state": "failed",
                    "last_error": _("Delivery unknown: the server stopped while sending."),
                }
            )

    @api.autovacuum
    def _gc_sent(self):
        """Sent messages and their requests are kept 30 days."""
        limit = fields.Datetime.now() - datetime.timedelta(days=30)
        self.sudo().search(
            [("state", "in", ("sent", "cancel")), ("create_date", "<", limit)]
        ).unlink()
        self.env["shopfloor.notify.attempt"].sudo().search([("date", "<", limit)]).unlink()
