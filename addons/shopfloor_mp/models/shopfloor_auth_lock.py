from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.api import dt, error

# (setting key, default): ir.config_parameter "shopfloor_mp.<key>"
SETTINGS = {
    "auth_max_failures_badge": 5,  # wrong PINs of one badge before it is locked
    "auth_max_failures_ip": 20,  # wrong PINs / binding codes from one address
    "auth_failure_window_minutes": 15,  # failures older than this are forgotten
    "auth_lock_minutes": 15,  # how long a lock lasts (a leader may lift it earlier)
}


class ShopfloorAuthLock(models.Model):
    """Throttling of badge + PIN and binding-code guessing.

    One row per badge and per client address counts the recent failures; past the
    threshold the key is locked for a while (``SF_AUTH_LOCKED``). Failures are counted on
    the failure log's own cursor (the failed call itself is rolled back). No PIN or code
    is ever stored here: only the badge number and the address.
    """

    _name = "shopfloor.auth.lock"
    _description = "Shop-floor Sign-in Lock"
    _order = "last_failure_at desc, id desc"
    _rec_name = "key"

    scope = fields.Selection([("badge", "Badge"), ("ip", "Address")], required=True, readonly=True)
    key = fields.Char("Badge / Address", required=True, readonly=True)
    failures = fields.Integer("Recent Failures", readonly=True)
    first_failure_at = fields.Datetime(readonly=True)
    last_failure_at = fields.Datetime("Last Failure", readonly=True)
    locked_until = fields.Datetime(readonly=True)
    is_locked = fields.Boolean(compute="_compute_is_locked")
    employee_id = fields.Many2one("hr.employee", readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", readonly=True, ondelete="set null")

    _sql_constraints = [("scope_key_uniq", "unique (scope, key)", "One lock per badge/address.")]

    def _compute_is_locked(self):
        now = fields.Datetime.now()
        for lock in self:
            lock.is_locked = bool(lock.locked_until and lock.locked_until > now)

    @api.model
    def _get_setting(self, key):
        # sudo: thresholds are system parameters, read before anyone is identified
        value = self.env["ir.config_parameter"].sudo().get_param("shopfloor_mp." + key)
        try:
            return max(int(value), 1) if value else SETTINGS[key]
        except ValueError:
            return SETTINGS[key]

    @api.model
    def _check(self, badge=None, ip=None):
        """Raise SF_AUTH_LOCKED when the badge or the address is locked."""
        keys = [("badge", badge), ("ip", ip)]
        keys = [(scope, key) for scope, key in keys if key]
        if not keys:
            return
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT max(locked_until) FROM shopfloor_auth_lock"
                " WHERE (scope, key) IN %s AND locked_until > (now() at time zone 'UTC')",
                tuple(keys),
            )
        )
        until = self.env.cr.fetchone()[0]
        if until:
            retry_after = max(int((until - fields.Datetime.now()).total_seconds()) + 1, 1)
            raise error("SF_AUTH_LOCKED", retry_after=retry_after, locked_until=dt(until))

    @api.model
    def _register_failure(self, badge=None, ip=None, employee_id=None, company_id=None):
        """Count a failure (own cursor of the failure log); lock past the threshold."""
        window = self._get_setting("auth_failure_window_minutes")
        lock = self._get_setting("auth_lock_minutes")
        for scope, key, limit in (
            ("badge", badge, self._get_setting("auth_max_failures_badge")),
            ("ip", ip, self._get_setting("auth_max_failures_ip")),
        ):
            if not key:
                continue
            now = SQL("(now() at time zone 'UTC')")
            self.env.cr.execute(
                SQL(
                    "INSERT INTO shopfloor_auth_lock AS l (scope, key, failures, first_failure_at,"
                    " last_failure_at, employee_id, company_id, create_date, write_date,"
                    " create_uid, write_uid)"
                    " VALUES (%(scope)s, %(key)s, 1, %(now)s, %(now)s, %(emp)s, %(company)s,"
                    " %(now)s, %(now)s, %(uid)s, %(uid)s)"
                    " ON CONFLICT (scope, key) DO UPDATE SET"
                    " failures = CASE WHEN l.first_failure_at < %(now)s"
                    "   - make_interval(mins => %(window)s) THEN 1 ELSE l.failures + 1 END,"
                    " first_failure_at = CASE WHEN l.first_failure_at < %(now)s"
                    "   - make_interval(mins => %(window)s) THEN %(now)s ELSE l.first_failure_at END,"
                    " last_failure_at = %(now)s, write_date = %(now)s,"
                    " employee_id = COALESCE(%(emp)s, l.employee_id),"
                    " company_id = COALESCE(%(company)s, l.company_id)",
                    scope=scope,
                    key=key[:128],
                    now=now,
                    emp=employee_id,
                    company=company_id,
                    uid=self.env.uid,
                    window=window,
                )
            )
            # Past the threshold: locked, and the count starts again after the lock.
            self.env.cr.execute(
                SQL(
                    "UPDATE shopfloor_auth_lock SET locked_until = %(now)s"
                    " + make_interval(mins => %(lock)s), failures = 0, first_failure_at = %(now)s"
                    " + make_interval(mins => %(lock)s)"
                    " WHERE scope = %(scope)s AND key = %(key)s AND failures >= %(limit)s",
                    now=now,
                    lock=lock,
                    scope=scope,
                    key=key[:128],
                    limit=limit,
                )
            )
        self.invalidate_model()

    @api.model
    def _register_success(self, badge):
        """The right PIN: the badge's failures are forgotten (the address's are not, so
        one known PIN cannot be used to reset the guessing of others)."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM shopfloor_auth_lock WHERE scope = 'badge' AND key = %s"
                " AND (locked_until IS NULL OR locked_until <= (now() at time zone 'UTC'))",
                badge,
            )
        )
        self.invalidate_model()

    def action_unlock(self):
        """A leader lifts a lock (the worker forgot their PIN and got it reset)."""
        if not self.env.user.has_group("shopfloor_mp.group_shopfloor_leader"):
            raise UserError(_("Only shop-floor leaders can unlock a badge."))
        self.check_access("write")
        # sudo: the lock's fields are read-only in the form; the access was checked above
        self.sudo().write({"locked_until": False, "failures": 0, "first_failure_at": False})
        return True

    @api.autovacuum
    def _gc_old_locks(self):
        """Forget keys that have been quiet for a day."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM shopfloor_auth_lock WHERE last_failure_at < "
                "(now() at time zone 'UTC') - interval '1 day' AND (locked_until IS NULL OR"
                " locked_until < (now() at time zone 'UTC'))"
            )
        )
