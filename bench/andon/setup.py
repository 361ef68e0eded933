# ruff: noqa: F821  (env is provided by odoo shell)
# Run in `odoo shell` (bench/andon/run): 50 work centers, a worker on each, a maintenance
# team, an equipment exception type, and two robots (WeCom, DingTalk signed) pointing at
# the stub receivers whose URLs are in $ANDON_STUB_WECOM / $ANDON_STUB_DINGTALK.
# Writes the plan (tokens, ids) to $ANDON_PLAN.
import json
import os

from odoo import Command

N_WC = 50
tag = "BENCH-ANDON"
Exception_ = env["shopfloor.andon.exception"]
# a fresh start: no open exception, no waiting message from a previous run
Exception_.search([]).unlink()
env["shopfloor.notify.message"].search([]).unlink()
env["shopfloor.notify.attempt"].search([]).unlink()
env["shopfloor.inbox.item"].search([]).unlink()
env["shopfloor.notify.channel"].search([]).write({"active": False})
wcs = env["mrp.workcenter"].search([("name", "=like", f"{tag} WC %")], order="id")
if len(wcs) < N_WC:
    wcs |= env["mrp.workcenter"].create(
        [{"name": f"{tag} WC {i:02d}", "code": f"BA{i:02d}"} for i in range(len(wcs), N_WC)]
    )
Employee = env["hr.employee"]
workers = Employee.search([("name", "=like", f"{tag} worker %")], order="id")
if len(workers) < N_WC:
    workers |= Employee.create(
        [
            {"name": f"{tag} worker {i:02d}", "shopfloor_workcenter_ids": [Command.set(wcs[i].ids)]}
            for i in range(len(workers), N_WC)
        ]
    )
fitters = Employee.search([("name", "=like", f"{tag} fitter %")], order="id")
if not fitters:
    fitters = Employee.create([{"name": f"{tag} fitter {i}"} for i in range(5)])
team = env["shopfloor.andon.team"].search([("name", "=", tag)], limit=1) or env[
    "shopfloor.andon.team"
].create({"name": tag, "member_ids": [Command.set(fitters.ids)]})
# four types: 200 distinct exceptions on 50 work centers (a second raise of the same type
# on the same machine answers the open exception)
types = env["shopfloor.andon.type"]
for category in ("equipment", "material", "quality", "process"):
    types |= env["shopfloor.andon.type"].search(
        [("code", "=", f"BENCH-{category}")], limit=1
    ) or env["shopfloor.andon.type"].create(
        {
            "name": f"Bench {category}",
            "code": f"BENCH-{category}",
            "category": category,
            "team_id": team.id,
            "loss_reason_id": env.ref("shopfloor_oee.loss_reason_breakdown").id,
        }
    )
Channel = env["shopfloor.notify.channel"].with_context(active_test=False)
channels = {}
for kind, url in (
    ("wecom", os.environ["ANDON_STUB_WECOM"]),
    ("dingtalk", os.environ["ANDON_STUB_DINGTALK"]),
):
    channel = Channel.search([("name", "=", f"{tag} {kind}")], limit=1) or Channel.create(
        {"name": f"{tag} {kind}", "kind": kind}
    )
    channel.write(
        {
            "active": True,
            "base_url": url,
            "robot_key": f"bench-{kind}-key",
            "sign_secret": "SECbench" if kind == "dingtalk" else False,
            "rate_limit": 20,
            "timeout": 5,
            "categories": "andon",
        }
    )
    channels[kind] = channel.id
tokens = [env["shopfloor.token"]._issue("bench", employee=w)[1] for w in workers]
env.cr.commit()
plan = {
    "type_ids": types.ids,
    "workcenters": wcs.ids,
    "tokens": tokens,
    "channels": channels,
}
with open(os.environ["ANDON_PLAN"], "w") as f:
    json.dump(plan, f)
print("bench andon setup done", len(wcs), "work centers")
