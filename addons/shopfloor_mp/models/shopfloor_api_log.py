import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ShopfloorApiLog(models.Model):
    """Every API call: who, which device, what, result code, duration.

    The row of a successful data-changing call also keeps the answer, keyed by the
    client's request id, so that a retry from a flaky phone connection gets the first
    answer back instead of counting twice.
    """

    _name = "shopfloor.api.log"
    _description = "Shop-floor API Call"
    _order = "id desc"
    _log_access = False

    create_date = fields.Datetime("Time", readonly=True, index=True)
    endpoint = fields.Char(readonly=True, index=True)
    request_uid = fields.Char("Request ID", readonly=True)
    payload_hash = fields.Char(readonly=True)
    token_id = fields.Many2one("shopfloor.token", "Device", readonly=True, ondelete="set null")
    employee_id = fields.Many2one("hr.employee", readonly=True, index="btree_not_null")
    user_id = fields.Many2one("res.users", readonly=True)
    result_code = fields.Char("Result", readonly=True, index=True)
    response = fields.Text(readonly=True)
    duration_ms = fields.Integer("Duration (ms)", readonly=True)
    replayed = fields.Boolean(readonly=True, help="A retry answered from the first call.")
    is_claim = fields.Boolean(readonly=True)
    ip = fields.Char("IP Address", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)

    def init(self):
        # One executing call per request id; replays and failures are logged freely.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS shopfloor_api_log_request_uid_claim "
                "ON shopfloor_api_log (request_uid) WHERE is_claim"
            )
        )

    @api.model
    def _find_claim(self, request_uid):
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id, endpoint, payload_hash, token_id, response FROM shopfloor_api_log "
                "WHERE request_uid = %s AND is_claim",
                request_uid,
            )
        )
        return self.env.cr.dictfetchone()

    @api.model
    def _claim(self, vals):
        """Insert the claim row of an executing call. A concurrent twin blocks here
        until the first commits; PostgreSQL then raises a serialization failure and
        Odoo retries the twin, which finds the claim and replays its answer."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO shopfloor_api_log (create_date, endpoint, request_uid, payload_hash,"
                " token_id, employee_id, user_id, result_code, is_claim, ip, company_id)"
                " VALUES (now() at time zone 'UTC', %s, %s, %s, %s, %s, %s, 'PENDING', true, %s, %s)"
                " ON CONFLICT (request_uid) WHERE is_claim DO NOTHING RETURNING id",
                vals["endpoint"],
                vals["request_uid"],
                vals["payload_hash"],
                vals.get("token_id"),
                vals.get("employee_id"),
                vals.get("user_id"),
                vals.get("ip"),
                vals.get("company_id"),
            )
        )
        row = self.env.cr.fetchone()
        return row and row[0]

    @api.model
    def _finish_claim(self, log_id, result, duration_ms, employee_id=None):
        self.env.cr.execute(
            SQL(
                "UPDATE shopfloor_api_log SET result_code = 'OK', response = %s, duration_ms = %s,"
                " employee_id = COALESCE(%s, employee_id) WHERE id = %s",
                json.dumps(result, default=str),
                duration_ms,
                employee_id,
                log_id,
            )
        )

    @api.model
    def _write_line(self, vals):
        """A plain log line (reads, replays, failures), by SQL: the hot path."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO shopfloor_api_log (create_date, endpoint, request_uid, payload_hash,"
                " token_id, employee_id, user_id, result_code, duration_ms, replayed, is_claim,"
                " ip, company_id)"
                " VALUES (now() at time zone 'UTC', %s, %s, %s, %s, %s, %s, %s, %s, %s, false, %s, %s)",
                vals.get("endpoint"),
                vals.get("request_uid"),
                vals.get("payload_hash"),
                vals.get("token_id"),
                vals.get("employee_id"),
                vals.get("user_id"),
                vals.get("result_code"),
                vals.get("duration_ms"),
                bool(vals.get("replayed")),
                vals.get("ip"),
                vals.get("company_id"),
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_claim(self):
        # A claim is what makes a retried request answer instead of running again:
        # only the retention (autovacuum, far beyond any offline window) removes them.
        if any(log.is_claim for log in self):
            raise UserError(
                _("Calls that changed data cannot be deleted: a retry would run them again.")
            )

    @api.autovacuum
    def _gc_old_calls(self):
        """Retention: drop calls older than the configured number of days; claims (the
        idempotency of write calls) live at least the offline window plus a day."""
        # sudo: retention settings are system parameters (autovacuum)
        icp = self.env["ir.config_parameter"].sudo()
        days = int(icp.get_param("shopfloor_mp.api_log_days", 90))
        window_hours = int(icp.get_param("shopfloor_mp.offline_window_hours", 72))
        claim_days = max(days, window_hours // 24 + 2)
        self.env.cr.execute(
            SQL(
                "DELETE FROM shopfloor_api_log WHERE create_date < "
                "(now() at time zone 'UTC') - make_interval(days => "
                "CASE WHEN is_claim THEN %s ELSE %s END)",
                claim_days,
                days,
            )
        )
