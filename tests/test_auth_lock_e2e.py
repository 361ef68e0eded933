"""PIN and binding-code guessing over a real multi-worker server: every failed call is
rolled back, the failures are counted on the failure log's own committed cursor."""

import uuid

from conftest import new_uid


def _code(resp):
    return resp.get("error", {}).get("data", {}).get("code")


def test_pin_guessing_locks_badge_and_address(odoo_server):
    s = odoo_server
    uid = s.login("admin", "admin")

    def kw(model, method, args, kwargs=None):
        return s.call_kw(uid, "admin", model, method, args, kwargs)

    badge = str(uuid.uuid4().int % 10**9)
    emp = kw(
        "hr.employee", "create", [{"name": f"Lock E2E {badge}", "barcode": badge, "pin": "2468"}]
    )
    keys = ("shopfloor_mp.auth_max_failures_ip", "shopfloor_mp.auth_max_failures_badge")
    saved = {key: kw("ir.config_parameter", "get_param", [key]) for key in keys}
    kw("ir.config_parameter", "set_param", ["shopfloor_mp.auth_max_failures_badge", "3"])
    try:
        for guess in ("0000", "1111", "2222"):
            resp = s.api("auth/bind_pin", {"badge": badge, "pin": guess, "request_uid": new_uid()})
            assert _code(resp) == "SF_BADGE_PIN_INVALID"
        resp = s.api("auth/bind_pin", {"badge": badge, "pin": "2468", "request_uid": new_uid()})
        assert _code(resp) == "SF_AUTH_LOCKED", resp
        assert resp["error"]["data"]["details"]["retry_after"] > 0
        # the leader (admin is a shop-floor manager) unlocks from the employee
        kw("hr.employee", "action_shopfloor_unlock_pin", [[emp]])
        resp = s.api("auth/bind_pin", {"badge": badge, "pin": "2468", "request_uid": new_uid()})
        assert resp["result"]["token"].startswith("sf_")

        # per address: a few wrong binding codes from here lock every badge and code
        kw("ir.config_parameter", "set_param", ["shopfloor_mp.auth_max_failures_ip", "2"])
        for i in range(2):
            resp = s.api("auth/bind", {"code": f"{i:010d}", "request_uid": new_uid()})
            assert _code(resp) in ("SF_BIND_CODE_INVALID", "SF_AUTH_LOCKED")
        resp = s.api("auth/bind_pin", {"badge": badge, "pin": "2468", "request_uid": new_uid()})
        assert _code(resp) == "SF_AUTH_LOCKED", resp
    finally:
        for key, value in saved.items():
            kw("ir.config_parameter", "set_param", [key, value or False])
        locks = kw("shopfloor.auth.lock", "search", [[]])
        if locks:
            kw("shopfloor.auth.lock", "action_unlock", [locks])
    resp = s.api("auth/bind_pin", {"badge": badge, "pin": "2468", "request_uid": new_uid()})
    assert "result" in resp, resp
