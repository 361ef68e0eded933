"""Source of the mini-program API reference: writes docs/api_schema.json and docs/api.md.

Run `python .ci/gen_api_docs.py` after changing an endpoint; the end-to-end tests validate
real responses against docs/api_schema.json.
"""

import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
num = {"type": "number"}
integer = {"type": "integer"}
string = {"type": "string"}
nstring = {"type": ["string", "null"]}


def obj(props, required=None, extra=True):
    return {
        "type": "object",
        "properties": props,
        "required": list(props) if required is None else required,
        "additionalProperties": extra,
    }


def ref(n):
    return {"$ref": f"#/definitions/{n}"}


defs = {
    "error_response": obj(
        {
            "jsonrpc": {"const": "2.0"},
            "id": {},
            "error": obj(
                {
                    "code": integer,
                    "message": string,
                    "data": obj(
                        {
                            "code": {"type": "string", "pattern": "^SF_[A-Z0-9_]+$"},
                            "message": string,
                            "message_en": string,
                            "message_zh": string,
                            "details": {"type": "object"},
                        }
                    ),
                }
            ),
        },
        ["jsonrpc", "error"],
        extra=False,
    ),
    "employee": obj(
        {
            "id": integer,
            "name": string,
            "role": {"enum": ["worker", "leader"]},
            "lang": string,
            "workcenters": {"type": "array", "items": obj({"id": integer, "name": string})},
        }
    ),
    "workorder_summary": obj(
        {
            "id": integer,
            "name": string,
            "production": string,
            "product": string,
            "workcenter": string,
            "state": {"enum": ["pending", "waiting", "ready", "progress", "done", "cancel"]},
            "qty_production": num,
            "qty_good": num,
            "qty_scrap": num,
            "date_start": nstring,
            "date_finished": nstring,
        }
    ),
    "workorder_info": {
        "allOf": [
            ref("workorder_summary"),
            obj(
                {
                    "code": string,
                    "production_id": integer,
                    "product_id": integer,
                    "workcenter_id": integer,
                    "uom": string,
                    "qty_remaining": num,
                    "qty_available": num,
                    "qty_passed_on": num,
                    "instructions": string,
                    "previous": {
                        "type": "array",
                        "items": obj(
                            {"id": integer, "name": string, "state": string, "qty_good": num}
                        ),
                    },
                    "components_available": {"type": "boolean"},
                    "working_now": {"type": "array", "items": string},
                    "my_state": {"enum": ["idle", "working", "paused"]},
                    "allowed_actions": {
                        "type": "array",
                        "items": {"enum": ["start", "report", "pause", "resume", "finish"]},
                    },
                    "duration_expected": num,
                }
            ),
        ]
    },
    "workorder_status": obj(
        {
            "id": integer,
            "state": {"enum": ["pending", "waiting", "ready", "progress", "done", "cancel"]},
            "qty_production": num,
            "qty_good": num,
            "qty_scrap": num,
            "my_state": {"enum": ["idle", "working", "paused"]},
            "allowed_actions": {
                "type": "array",
                "items": {"enum": ["start", "report", "pause", "resume", "finish"]},
            },
        }
    ),
    "report": obj(
        {
            "id": integer,
            "workorder_id": integer,
            "workorder": string,
            "production": string,
            "qty_good": num,
            "qty_scrap": num,
            "defect_type": nstring,
            "date": string,
            "state": {"enum": ["done", "cancel"]},
        }
    ),
    "progress": obj(
        {
            "id": integer,
            "name": string,
            "product": string,
            "state": string,
            "qty": num,
            "qty_produced": num,
            "date_deadline": nstring,
            "expected_finish": nstring,
            "operations": {
                "type": "array",
                "items": obj(
                    {
                        "id": integer,
                        "name": string,
                        "workcenter": string,
                        "state": string,
                        "qty_good": num,
                        "qty_scrap": num,
                        "qty_remaining": num,
                        "expected_finish": nstring,
                    }
                ),
            },
        }
    ),
    "token_answer": obj({"token": string, "expires_at": string, "employee": ref("employee")}),
}
# lot / serial numbers given by the worker (shopfloor_trace; see workorder/report)
LOTS = {
    "lot_name": {
        "type": "string",
        "description": "the batch lot of the good units (lot-tracked product, last operation)",
    },
    "serial_names": {
        "type": "array",
        "items": string,
        "description": "one serial per good unit (serial-tracked product, last operation)",
    },
}
LOT_ERRORS = [
    "SF_TRACE_LOT_NOT_HERE",
    "SF_TRACE_LOT_MISMATCH",
    "SF_TRACE_SERIAL_COUNT",
    "SF_TRACE_SERIAL_EXISTS",
]
WO = {"workorder_id": integer, "code": string}
W = {
    "request_uid": {
        "type": "string",
        "description": "client UUID: a retry with the same id gets the first answer",
    },
    "client_ts": {
        "type": "string",
        "description": "ISO 8601 time the worker acted (offline queue)",
    },
}
methods = {
    "auth/bind": (
        "none",
        True,
        {"code": string, "device_name": string},
        ["code"],
        ref("token_answer"),
        ["SF_BIND_CODE_INVALID", "SF_AUTH_LOCKED", "SF_REQUEST_SERVED"],
        "Bind this phone with the one-time code a leader generated. The token is shown once: "
        "a retry with the same `request_uid` is `SF_REQUEST_SERVED` (bind again).",
    ),
    "auth/bind_pin": (
        "none",
        True,
        {"badge": string, "pin": string, "device_name": string},
        ["badge", "pin"],
        ref("token_answer"),
        ["SF_BADGE_PIN_INVALID", "SF_AUTH_LOCKED", "SF_REQUEST_SERVED"],
        "Bind this phone with badge number and PIN. Wrong PINs are counted per badge and per "
        "address: past the thresholds the badge / address is locked (`SF_AUTH_LOCKED`, "
        "`details.retry_after` seconds) until it expires or a leader unlocks it.",
    ),
    "auth/wechat": (
        "none",
        True,
        {"js_code": string, "bind_code": string, "device_name": string},
        ["js_code"],
        ref("token_answer"),
        [
            "SF_WECHAT_FAILED",
            "SF_WECHAT_UNBOUND",
            "SF_BIND_CODE_INVALID",
            "SF_AUTH_LOCKED",
            "SF_REQUEST_SERVED",
        ],
        "Log in with wx.login's code; the first time with a binding code too.",
    ),
    "auth/me": (
        "any",
        False,
        {},
        [],
        obj(
            {
                "employee": {"oneOf": [ref("employee"), {"type": "null"}]},
                "device": {"oneOf": [obj({"name": string, "kind": string}), {"type": "null"}]},
                "company": obj({"id": integer, "name": string}),
            }
        ),
        [],
        "Who this token is (worker phone, shared terminal, or a user's API key).",
    ),
    "auth/logout": (
        "worker",
        True,
        {},
        [],
        obj(
            {"revoked": {"type": "boolean"}, "employee_id": {"type": ["integer", "null"]}},
            ["revoked"],
        ),
        [],
        "Sign out: on a worker's phone its token is revoked (`revoked: true`); on a shared "
        "terminal (device token + `badge`) only the worker is signed out and the terminal's "
        "token stays valid (`revoked: false`): only a manager retires a device.",
    ),
    "auth/bind_code": (
        "worker",
        True,
        {"employee_id": integer},
        ["employee_id"],
        obj({"employee_id": integer, "code": string, "expires_at": string}),
        ["SF_FORBIDDEN", "SF_REQUEST_SERVED"],
        "A leader generates a binding code for a member of the team (shown once: a retry "
        "with the same `request_uid` is `SF_REQUEST_SERVED`).",
    ),
    "scan": (
        "worker",
        False,
        {"payload": string},
        ["payload"],
        obj(
            {"type": {"enum": ["workorder", "production", "workcenter", "employee", "lot"]}},
            ["type"],
        ),
        ["SF_UNKNOWN_CODE", "SF_OTHER_COMPANY", "SF_FORBIDDEN"],
        "What a scanned QR code is, and what the worker may do next.",
    ),
    "catalog": (
        "worker",
        False,
        {},
        [],
        obj(
            {
                "pause_reasons": {
                    "type": "array",
                    "items": obj({"id": integer, "name": string, "type": string}),
                },
                "defect_types": {
                    "type": "array",
                    "items": obj(
                        {"id": integer, "code": string, "name": string, "category": string}
                    ),
                },
            }
        ),
        [],
        "Pause reasons and scrap reasons.",
    ),
    "workorder/get": (
        "worker",
        False,
        WO,
        [],
        obj({"workorder": ref("workorder_info")}),
        ["SF_UNKNOWN_CODE", "SF_FORBIDDEN"],
        "A work order by id or code.",
    ),
    "workorder/start": (
        "worker",
        True,
        {**WO, **W},
        ["request_uid"],
        obj({"workorder": ref("workorder_status")}),
        [
            "SF_WO_DONE",
            "SF_WO_CANCELLED",
            "SF_MO_NOT_READY",
            "SF_WO_ALREADY_STARTED",
            "SF_FORBIDDEN",
        ],
        "Start (or resume) working on an operation.",
    ),
    "workorder/pause": (
        "worker",
        True,
        {**WO, "reason_id": integer, **W},
        ["reason_id", "request_uid"],
        obj({"workorder": ref("workorder_status")}),
        ["SF_WO_NOT_STARTED", "SF_BAD_PARAMS"],
        "Pause with a reason (Odoo productivity loss).",
    ),
    "workorder/resume": (
        "worker",
        True,
        {**WO, **W},
        ["request_uid"],
        obj({"workorder": ref("workorder_status")}),
        ["SF_WO_NOT_PAUSED"],
        "Resume after a pause.",
    ),
    "workorder/report": (
        "worker",
        True,
        {
            **WO,
            "qty_good": num,
            "qty_scrap": num,
            "defect_type_id": integer,
            "defect_code": string,
            "note": string,
            **LOTS,
            **W,
        },
        ["request_uid"],
        obj({"report": ref("report"), "workorder": ref("workorder_status")}),
        [
            "SF_WO_NOT_STARTED",
            "SF_QTY_EXCEEDS_AVAILABLE",
            "SF_QTY_ABSURD",
            "SF_SCRAP_REASON_REQUIRED",
            "SF_BAD_PARAMS",
            *LOT_ERRORS,
        ],
        "Report good and scrap units (several partial reports allowed). With shopfloor_trace, "
        "at the last operation of a tracked product (work order `lot_entry`), the worker may "
        "number the good units: `lot_name` (the batch, lot-tracked) or `serial_names` (one per "
        "good unit, serial-tracked); otherwise the server numbers them.",
    ),
    "workorder/finish": (
        "worker",
        True,
        {**WO, "qty_good": num, "qty_scrap": num, "defect_code": string, **LOTS, **W},
        ["request_uid"],
        obj(
            {
                "workorder_done": {"type": "boolean"},
                "production_done": {"type": "boolean"},
                "report": {"oneOf": [ref("report"), {"type": "null"}]},
                "workorder": ref("workorder_status"),
            }
        ),
        ["SF_WO_NOT_STARTED", "SF_WO_DONE", *LOT_ERRORS],
        "Finish (optionally with a last report, with `lot_name` / `serial_names` as in "
        "workorder/report).",
    ),
    "my/workorders": (
        "worker",
        False,
        {},
        [],
        obj({"workorders": {"type": "array", "items": ref("workorder_summary")}}),
        [],
        "Work orders the worker can do now, in planned order.",
    ),
    "my/reports": (
        "worker",
        False,
        {},
        [],
        obj(
            {
                "reports": {"type": "array", "items": ref("report")},
                "totals": obj({"qty_good": num, "qty_scrap": num}),
            }
        ),
        [],
        "The worker's reports of today.",
    ),
    "production/progress": (
        "worker or user",
        False,
        {"production_id": integer},
        ["production_id"],
        ref("progress"),
        ["SF_UNKNOWN_CODE", "SF_FORBIDDEN"],
        "Per operation: done, remaining, expected finish.",
    ),
    "sale/progress": (
        "user",
        False,
        {"sale_order": string},
        ["sale_order"],
        obj({"sale_order": string, "productions": {"type": "array", "items": ref("progress")}}),
        ["SF_UNKNOWN_CODE"],
        "Progress of a sale order's manufacturing orders (sales users, Odoo API key). "
        "With shopfloor_sale installed, the order's own progress (the one of its backend "
        "tab and portal page) for the orders the user's record rules allow: also `id`, "
        "`customer_reference`, `promised_date`, `expected_finish`, `late`, `at_risk` and "
        "`delay_reasons` (`code`, `label`, `detail`, `production`), and per production "
        "`promised_date`, `late`, `at_risk`, `delay_reasons`.",
    ),
}
out = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "shopfloor mini-program API v1",
    "definitions": defs,
    "methods": {},
}
for name, (auth, write, params, req, result, errors, doc) in methods.items():
    out["methods"][name] = {
        "summary": doc,
        "auth": auth,
        "write": write,
        "params": obj(params, req),
        "result": result,
        "errors": errors,
    }
# Endpoints of the other parts (wages, planning, quality, trace, OEE): one fragment each,
# {"definitions": {...}, "methods": {name: {summary, auth, write, params, result, errors}}}.
# A fragment may also add rows to the common errors table: {"common_errors": {code: when}}.
common_errors = {}
# A fragment may also document error codes of its part: {"error_codes": {code: when}}.
error_codes = {}
for fragment in sorted((ROOT / "docs" / "api_fragments").glob("*.json")):
    data = json.loads(fragment.read_text())
    out["definitions"].update(data.get("definitions", {}))
    out["methods"].update(data.get("methods", {}))
    common_errors.update(data.get("common_errors", {}))
    error_codes.update(data.get("error_codes", {}))
if error_codes:
    out["error_codes"] = dict(sorted(error_codes.items()))
(ROOT / "docs" / "api_schema.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")

EXAMPLES = {
    "auth/bind": (
        {
            "code": "4829301756",
            "device_name": "Li's phone",
            "request_uid": "6f1c2a8e-1b7e-4a53-9a51-2f0c5d0e9b11",
        },
        {
            "token": "sf_Xq3...",
            "expires_at": "2027-05-23 08:00:00",
            "employee": {
                "id": 12,
                "name": "李娜",
                "role": "worker",
                "lang": "zh_CN",
                "workcenters": [{"id": 3, "name": "CNC-1"}],
            },
        },
    ),
    "scan": (
        {"payload": "https://erp.example.com/sf/q/K7QX2M9WDA"},
        {
            "type": "workorder",
            "workorder": {
                "id": 431,
                "name": "CNC machining",
                "production": "WH/MO/00042",
                "product": "[BD-220] Brake disc 220",
                "workcenter": "CNC-1",
                "state": "ready",
                "qty_production": 100.0,
                "qty_good": 0.0,
                "qty_scrap": 0.0,
                "code": "K7QX2M9WDA",
                "qty_available": 60.0,
                "qty_passed_on": 60.0,
                "my_state": "idle",
                "allowed_actions": ["start"],
                "components_available": True,
                "previous": [
                    {"id": 430, "name": "Die casting", "state": "progress", "qty_good": 60.0}
                ],
                "instructions": "Check the bore with gauge G-12.",
                "date_start": "2026-11-24 01:00:00",
                "date_finished": "2026-11-24 03:30:00",
                "production_id": 42,
                "product_id": 17,
                "workcenter_id": 3,
                "uom": "Units",
                "qty_remaining": 100.0,
                "working_now": [],
                "duration_expected": 150.0,
            },
        },
    ),
    "workorder/start": (
        {"code": "K7QX2M9WDA", "request_uid": "0b8d0f5e-3c2a-4a47-8d62-51b2b8c7a001"},
        {
            "workorder": {
                "id": 431,
                "state": "progress",
                "qty_production": 100.0,
                "qty_good": 0.0,
                "qty_scrap": 0.0,
                "my_state": "working",
                "allowed_actions": ["report", "pause", "finish"],
            }
        },
    ),
    "workorder/report": (
        {
            "workorder_id": 431,
            "qty_good": 48,
            "qty_scrap": 2,
            "defect_code": "OP-DIM",
            "request_uid": "0b8d0f5e-3c2a-4a47-8d62-51b2b8c7a002",
            "client_ts": "2026-11-24T09:41:00+08:00",
        },
        {
            "report": {
                "id": 9001,
                "workorder_id": 431,
                "workorder": "CNC machining",
                "production": "WH/MO/00042",
                "qty_good": 48.0,
                "qty_scrap": 2.0,
                "defect_type": "OP-DIM",
                "date": "2026-11-24 01:41:00",
                "state": "done",
            },
            "workorder": {
                "id": 431,
                "state": "progress",
                "qty_production": 100.0,
                "qty_good": 48.0,
                "qty_scrap": 2.0,
                "my_state": "working",
                "allowed_actions": ["report", "pause", "finish"],
            },
        },
    ),
    "workorder/finish": (
        {
            "workorder_id": 431,
            "qty_good": 10,
            "request_uid": "0b8d0f5e-3c2a-4a47-8d62-51b2b8c7a003",
        },
        {
            "workorder_done": True,
            "production_done": False,
            "report": None,
            "workorder": {
                "id": 431,
                "state": "done",
                "qty_production": 100.0,
                "qty_good": 58.0,
                "qty_scrap": 2.0,
                "my_state": "idle",
                "allowed_actions": [],
            },
        },
    ),
}
EMP = {
    "id": 12,
    "name": "李娜",
    "role": "worker",
    "lang": "zh_CN",
    "workcenters": [{"id": 3, "name": "CNC-1"}],
}
SUMMARY = {
    "id": 431,
    "name": "CNC machining",
    "production": "WH/MO/00042",
    "product": "[BD-220] Brake disc 220",
    "workcenter": "CNC-1",
    "state": "ready",
    "qty_production": 100.0,
    "qty_good": 0.0,
    "qty_scrap": 0.0,
    "date_start": "2026-11-24 01:00:00",
    "date_finished": "2026-11-24 03:30:00",
}
STATUS = {
    "id": 431,
    "state": "progress",
    "qty_production": 100.0,
    "qty_good": 48.0,
    "qty_scrap": 2.0,
}
PROGRESS = {
    "id": 42,
    "name": "WH/MO/00042",
    "product": "[BD-220] Brake disc 220",
    "state": "progress",
    "qty": 100.0,
    "qty_produced": 0.0,
    "date_deadline": "2026-11-26 10:00:00",
    "expected_finish": "2026-11-25 06:10:00",
    "operations": [
        {
            "id": 430,
            "name": "Die casting",
            "workcenter": "DC-1",
            "state": "done",
            "qty_good": 98.0,
            "qty_scrap": 2.0,
            "qty_remaining": 0.0,
            "expected_finish": "2026-11-24 01:00:00",
        },
        {
            "id": 431,
            "name": "CNC machining",
            "workcenter": "CNC-1",
            "state": "progress",
            "qty_good": 48.0,
            "qty_scrap": 2.0,
            "qty_remaining": 50.0,
            "expected_finish": "2026-11-25 06:10:00",
        },
    ],
}
EXAMPLES.update(
    {
        "auth/bind_pin": (
            {
                "badge": "1002",
                "pin": "2468",
                "device_name": "Li's phone",
                "request_uid": "9a0e4f0e-0d2b-4d55-a1b8-3f6e0b1c2d01",
            },
            {"token": "sf_Xq3...", "expires_at": "2027-05-23 08:00:00", "employee": EMP},
        ),
        "auth/wechat": (
            {
                "js_code": "081xYz000abc",
                "bind_code": "4829301756",
                "request_uid": "9a0e4f0e-0d2b-4d55-a1b8-3f6e0b1c2d02",
            },
            {"token": "sf_Xq3...", "expires_at": "2027-05-23 08:00:00", "employee": EMP},
        ),
        "auth/me": (
            {},
            {
                "employee": EMP,
                "device": {"name": "Li's phone", "kind": "worker"},
                "company": {"id": 1, "name": "渝江摩配"},
            },
        ),
        "auth/logout": ({"request_uid": "9a0e4f0e-0d2b-4d55-a1b8-3f6e0b1c2d03"}, {"revoked": True}),
        "auth/bind_code": (
            {"employee_id": 15, "request_uid": "9a0e4f0e-0d2b-4d55-a1b8-3f6e0b1c2d04"},
            {"employee_id": 15, "code": "7301948265", "expires_at": "2026-11-24 02:30:00"},
        ),
        "catalog": (
            {},
            {
                "pause_reasons": [
                    {"id": 1, "name": "Material Availability", "type": "availability"},
                    {"id": 2, "name": "Equipment Failure", "type": "availability"},
                ],
                "defect_types": [
                    {
                        "id": 1,
                        "code": "OP-DIM",
                        "name": "Out of tolerance (operator)",
                        "category": "operator",
                    },
                    {
                        "id": 3,
                        "code": "MAT-POR",
                        "name": "Porosity / material flaw",
                        "category": "material",
                    },
                ],
            },
        ),
        "workorder/get": ({"workorder_id": 431}, {"workorder": EXAMPLES["scan"][1]["workorder"]}),
        "workorder/pause": (
            {
                "workorder_id": 431,
                "reason_id": 2,
                "request_uid": "9a0e4f0e-0d2b-4d55-a1b8-3f6e0b1c2d05",
            },
            {"workorder": dict(STATUS, my_state="paused", allowed_actions=["resume", "finish"])},
        ),
        "workorder/resume": (
            {"workorder_id": 431, "request_uid": "9a0e4f0e-0d2b-4d55-a1b8-3f6e0b1c2d06"},
            {
                "workorder": dict(
                    STATUS, my_state="working", allowed_actions=["report", "pause", "finish"]
                )
            },
        ),
        "my/workorders": ({}, {"workorders": [SUMMARY]}),
        "my/reports": (
            {},
            {
                "reports": [EXAMPLES["workorder/report"][1]["report"]],
                "totals": {"qty_good": 48.0, "qty_scrap": 2.0},
            },
        ),
        "production/progress": ({"production_id": 42}, PROGRESS),
        "sale/progress": (
            {"sale_order": "S00017"},
            {"sale_order": "S00017", "productions": [PROGRESS]},
        ),
    }
)
ERROR_EXAMPLE = {
    "jsonrpc": "2.0",
    "id": 7,
    "error": {
        "code": -32000,
        "message": "此处最多还能报 10.0（上道工序已转入 60.0）。",
        "data": {
            "code": "SF_QTY_EXCEEDS_AVAILABLE",
            "message": "此处最多还能报 10.0（上道工序已转入 60.0）。",
            "message_en": "Only 10.0 more can be reported here (the previous operation passed on 60.0).",
            "message_zh": "此处最多还能报 10.0（上道工序已转入 60.0）。",
            "details": {"available": 10.0, "passed": 60.0},
        },
    },
}

md = [
    "# Mini-program API v1",
    "",
    "Generated by `.ci/gen_api_docs.py` (with `docs/api_schema.json`, which the end-to-end tests validate real responses against).",
    "",
    "## Conventions",
    "",
    '- `POST /shopfloor/api/v1/<method>` with a JSON-RPC 2.0 body: `{"jsonrpc": "2.0", "method": "call", "params": {...}, "id": 1}`. The answer is `{"jsonrpc": "2.0", "id": 1, "result": {...}}` or an `error` object.',
    "- Authentication: header `Authorization: Bearer <token>`. Worker tokens come from `auth/bind`, `auth/bind_pin` or `auth/wechat`; shared terminals and machine gateways use a device token (registered by a manager) and send the worker's `badge` (badge number or scanned badge QR) in every worker call; sales users send their own Odoo API key (`auth: user`). Tokens open this API only, never the Odoo backend.",
    "- Every call that changes data (`write: yes`) needs `request_uid`, a client UUID. A retry with the same id returns the first answer and changes nothing; the same id with a different payload is `SF_REQUEST_REUSED`. Reports queued offline carry `client_ts` (ISO 8601), accepted within the offline window (setting, default 72 h).",
    "- Errors are JSON-RPC error objects: `error.code` is the JSON-RPC number (-32700 bad JSON, -32601 unknown method, -32602 bad params, -32603 internal, -32000 business rule), `error.data.code` the stable shop-floor code, `error.message` the message in the worker's language, `error.data.message_en` / `message_zh` both languages, `error.data.details` the values. No traceback is ever sent; nothing is written when a call fails.",
    "- Why not Odoo's `type='json'`: it answers malformed JSON with a bare HTTP 400 and puts a traceback in errors; the routes use `type='shopfloor_json'`, Odoo's JSON-RPC dispatcher with exactly those two differences (`controllers/dispatcher.py`).",
    "- Times are UTC, `YYYY-MM-DD HH:MM:SS`.",
    "",
    "Error example:",
    "",
    "```json",
    json.dumps(ERROR_EXAMPLE, ensure_ascii=False, indent=1),
    "```",
    "",
    "## Common errors",
    "",
    "| code | when |",
    "| --- | --- |",
    "| SF_BAD_JSON | the body is not a JSON-RPC object: not JSON, not UTF-8 (invalid bytes are refused, never replaced), `NaN`/`Infinity`, nested beyond what the parser takes |",
    "| SF_BAD_PARAMS | a parameter is missing, of the wrong type (a list or object where a value is expected), negative, out of range, or `request_uid` is missing/invalid; any string with a NUL character or a lone UTF-16 surrogate, any number beyond ±2^53 or not finite, nesting deeper than 16, a timestamp off the calendar or outside the years 2000-2999. `details.field` names the field (path like `events[3].good`), `details.reason` says why, in the worker's language |",
    "| SF_UNKNOWN_METHOD | no such method |",
    "| SF_AUTH_REQUIRED / SF_AUTH_INVALID / SF_AUTH_EXPIRED / SF_AUTH_REVOKED | no token, unknown token, expired, revoked |",
    "| SF_BADGE_REQUIRED | a device token was used for a worker call without `badge` |",
    "| SF_FORBIDDEN | the worker is not assigned to this work center (leaders: their team's) |",
    "| SF_UNKNOWN_CODE / SF_OTHER_COMPANY | the scanned code or id is unknown, or belongs to another company |",
    "| SF_REQUEST_REUSED / SF_REQUEST_TOO_OLD | request id reused with another payload; offline report outside the window |",
    "| SF_QTY_ABSURD | a quantity above 1,000,000 |",
    "| SF_BUSINESS_RULE | an Odoo rule refused the change: the message is Odoo's, in the worker's language when it is installed; otherwise a generic message in the worker's language (never a fragment of another language) |",
    "| SF_INTERNAL | unexpected server error (logged on the server) |",
    *(f"| {code} | {when} |" for code, when in common_errors.items()),
    "",
    "## Methods",
    "",
]
for name, spec in out["methods"].items():
    md += [
        f"### `{name}`",
        "",
        spec["summary"],
        "",
        f"auth: `{spec['auth']}` | write: {'yes (needs request_uid)' if spec['write'] else 'no'}",
        "",
    ]
    props = spec["params"]["properties"]
    if props:
        md += ["| param | type | required |", "| --- | --- | --- |"]
        for pname, pspec in props.items():
            typ = pspec.get("type", "")
            md.append(
                f"| {pname} | {typ if isinstance(typ, str) else '/'.join(typ)} | {'yes' if pname in spec['params']['required'] else 'no'} |"
            )
        md.append("")
    if spec["errors"]:
        md += ["Errors: " + ", ".join(f"`{e}`" for e in spec["errors"]), ""]
    if spec.get("event_errors"):
        md += ["Codes per event: " + ", ".join(f"`{e}`" for e in spec["event_errors"]), ""]
    if name not in EXAMPLES and spec.get("example"):
        EXAMPLES[name] = (spec["example"]["params"], spec["example"]["result"])
    if name in EXAMPLES:
        req, res = EXAMPLES[name]
        md += [
            "Example request (params) and result:",
            "",
            "```json",
            json.dumps(req, ensure_ascii=False),
            "```",
            "",
            "```json",
            json.dumps(res, ensure_ascii=False, indent=1),
            "```",
            "",
        ]
if error_codes:
    md += ["## Error codes of the addons", "", "| code | when |", "| --- | --- |"]
    md += [f"| {code} | {when} |" for code, when in sorted(error_codes.items())]
    md += [""]
md += [
    "## Endpoints of the other addons",
    "",
    "shopfloor_oee, shopfloor_trace and the wage and planning parts add their methods through the same",
    "`shopfloor.api._get_endpoints()` override point; see each addon's readme and the `_get_endpoints`",
    "overrides (`quality/*`, `trace/*`, `machine/*`, `oee/*`, `wage/*`, `plan/*`).",
    "",
]
(ROOT / "docs" / "api.md").write_text("\n".join(md))
