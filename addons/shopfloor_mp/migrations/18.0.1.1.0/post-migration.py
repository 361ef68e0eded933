"""18.0.1.1.0: no secret is kept in clear anywhere.

- The call log kept the answers of the binding calls (worker tokens, one-time binding
  codes) and a plain SHA-256 of their payloads (a 4-digit PIN is reversed from it in
  milliseconds): the secrets are redacted and those payload digests dropped.
- The API user's companies are linked when tokens are issued: done once for existing ones.
- The binding-code and device wizards stored the code / token they showed: those columns
  are dropped (the fields are computed from the screen's context now).
- The expected finish of each order is computed from its work orders' planned dates.
"""

import json
import logging

from odoo import SUPERUSER_ID, api
from odoo.addons.shopfloor_mp.tools.api import redact
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

SECRET_ENDPOINTS = ("auth/bind", "auth/bind_pin", "auth/wechat", "auth/bind_code")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            "SELECT id, response FROM shopfloor_api_log WHERE response IS NOT NULL"
            " AND (endpoint IN %s OR response LIKE %s)",
            SECRET_ENDPOINTS,
            '%"token": "sf\\_%',
        )
    )
    rows = cr.fetchall()
    for log_id, response in rows:
        try:
            scrubbed = json.dumps(redact(json.loads(response)))
        except ValueError:
            scrubbed = None
        cr.execute(
            SQL("UPDATE shopfloor_api_log SET response = %s WHERE id = %s", scrubbed, log_id)
        )
    cr.execute(
        SQL(
            "UPDATE shopfloor_api_log SET payload_hash = NULL"
            " WHERE endpoint IN %s AND payload_hash NOT LIKE %s",
            SECRET_ENDPOINTS,
            "hmac:%",
        )
    )
    for table, column in (
        ("shopfloor_bind_code_wizard", "code"),
        ("shopfloor_device_wizard", "token"),
    ):
        cr.execute(
            SQL(
                "ALTER TABLE %s DROP COLUMN IF EXISTS %s",
                SQL.identifier(table),
                SQL.identifier(column),
            )
        )
    _logger.info("shop-floor: %s call log answers scrubbed of secrets", len(rows))
    # The API user's companies are linked when a token is issued, no longer on the request
    # path: link the companies of the existing tokens once.
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["shopfloor.token"].with_context(active_test=False).search([])._link_api_user_company()
    # The expected finish of an order is derived from its work orders' planned dates now
    # (it was written at planning time and went stale): compute it once for every order.
    productions = env["mrp.production"].with_context(active_test=False).search([])
    if "shopfloor_expected_finish" not in productions._fields:
        # upgrading straight to 18.0.1.2.0 or later: planning lives in shopfloor_planning,
        # installed later in this same upgrade; its post_init_hook computes it
        env["ir.config_parameter"].set_param("shopfloor_planning.recompute_expected_finish", "1")
        return
    env.add_to_compute(productions._fields["shopfloor_expected_finish"], productions)
    productions.flush_recordset(["shopfloor_expected_finish", "shopfloor_in_plan"])
