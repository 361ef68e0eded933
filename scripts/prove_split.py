#!/usr/bin/env python3
"""Prove that upgrading a database of the last release before the split of shopfloor_mp
(issue 14) loses nothing. Run by hand (not in CI), with the project's Python:

    ~/.cache/shopfloor/venv-18.0/bin/python scripts/prove_split.py [--base 59d94a0]
        [--db sf_prove_split] [--phase all|prepare|upgrade] [--keep]

1. ``prepare``: checks out ``--base`` in a temporary git worktree, installs every addon
   of that release with demo data and Chinese, adds records of every kind (a finite plan,
   a rush order previewed and applied, a delivery promise, planning settings, locked work
   orders, ...), then takes a snapshot of the database.
2. ``upgrade``: upgrades the same database with this worktree's code (``-u all``), takes
   a second snapshot and compares. The snapshot is generic, so that each capability moved
   out of shopfloor_mp (planning, wages, ...) is covered without changing this script:

   - the rows of every table of a ``shopfloor.*`` model, and a digest of each stored
     column of those models and of every field a shopfloor addon adds to another model
     (``mrp.production.shopfloor_urgent``, ...), many2many tables included;
   - every ``shopfloor*`` configuration parameter with its value;
   - every external id of a shopfloor addon: after the upgrade it must still exist, in
     the same or another shopfloor module, on the same record (so models, fields,
     selection values, views, actions, menus, groups, rules, access rights keep their ids);
   - the Chinese of the fields' labels and helps, selection values, menus and actions;
   - SQL constraints of the shopfloor modules.

   It also checks that every shopfloor addon of the new code whose dependencies are
   installed is installed, and that the upgrade log has no WARNING, ERROR or CRITICAL.

The last line is ``PROVE_SPLIT OK`` or ``PROVE_SPLIT FAILED (<n> problems)``.
"""

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
# as .ci/test: noise from Odoo itself on a fresh database, not from our addons
ALLOWED = re.compile(
    r'(Running as user .root.|unaccent|wkhtmltopdf|Invalid database name|"GET|queue_job'
    r"|No such file or directory: .*/filestore)"
)
BAD_LINE = re.compile(r" (WARNING|ERROR|CRITICAL) ")
# columns the upgrade may legitimately touch on data records
SKIP_COLUMNS = {"write_date", "write_uid"}

# Records added to the old release before the upgrade (``odoo shell``). Each block only
# runs when the model it needs exists, so any release can be used as the base.
RECORDS = r"""
import logging
from datetime import timedelta
from odoo import fields
_logger = logging.getLogger("prove_split")
out = {}
ICP = env["ir.config_parameter"].sudo()
now = fields.Datetime.now()
if "shopfloor.planner" in env:
    # planning settings, capacity, overlap, a full plan, a lock, a rush order, a promise
    ICP.set_param("shopfloor_mp.plan_objective", "tardiness")
    ICP.set_param("shopfloor_mp.plan_time_limit", "4")
    MO = env["mrp.production"]
    mos = MO.search([("state", "in", ("confirmed", "progress", "to_close")),
                     ("workorder_ids", "!=", False)])
    wcs = mos.workorder_ids.workcenter_id
    wcs[:1].shopfloor_parallel_capacity = 2
    ops = mos.workorder_ids.operation_id
    ops[:1].write({"shopfloor_allow_overlap": True, "shopfloor_overlap_lag": 15})
    out["plan"] = env["shopfloor.planner"]._plan(mos)
    wo = mos.workorder_ids.filtered(
        lambda w: w.date_start and w.state not in ("done", "cancel") and w.state != "progress")
    wo[:1].shopfloor_locked = True
    mos[-1:].shopfloor_urgent = True
    bom = env["mrp.bom"].search([("operation_ids", "!=", False), ("type", "=", "normal")], limit=1)
    product = bom.product_id or bom.product_tmpl_id.product_variant_id
    rush = env["shopfloor.rush.order"].create({
        "create_new": True, "product_id": product.id, "product_qty": 3,
        "date_deadline": now + timedelta(days=3)})
    rush.action_preview()
    out["rush_preview"] = {"state": rush.state, "lines": len(rush.line_ids),
                           "finish": str(rush.rush_finish)}
    rush.action_apply()
    out["rush_applied"] = {"note": getattr(rush, "change_note", "") or "",
                           "urgent": MO.search_count([("shopfloor_urgent", "=", True)])}
    promise = env["shopfloor.delivery.promise"].create({"product_id": product.id,
                                                       "product_qty": 5})
    promise.action_compute()
    out["promise"] = {"date": str(promise.date_promise), "lines": len(promise.line_ids)}
if "shopfloor.report" in env:
    # shop-floor work: a worker starts an operation and reports good and scrap units
    # (with wages in the release: a piece rate first, so wage lines are computed), then
    # a wage statement of the day
    try:
        wo = env["mrp.workorder"].search(
            [("state", "in", ("ready", "progress")), ("production_id.state", "in",
              ("confirmed", "progress"))], limit=1)
        employee = env["hr.employee"].search([("company_id", "=", wo.company_id.id)], limit=1)
        if "shopfloor.wage.rule" in env and wo.operation_id:
            env["shopfloor.wage.rule"].create({"operation_id": wo.operation_id.id,
                                               "rate_type": "piece", "rate": 1.5})
        defect = env["shopfloor.defect.type"].search([], limit=1)
        if not wo._sf_open_logs(employee, productive=True):
            wo._sf_start(employee, now)
        wo._sf_report(employee, 2, 1, defect, now)
        out["report"] = {"workorder": wo.display_name, "employee": employee.name}
        if "shopfloor.wage.statement" in env:
            statement = env["shopfloor.wage.statement"].create({"date_from": now.date()})
            statement.action_compute()
            out["wages"] = {"lines": env["shopfloor.wage.line"].search_count([]),
                            "statement": statement.name}
    except Exception as exc:  # the other blocks still count
        _logger.exception("shop-floor records")
        out["report_error"] = repr(exc)
env.cr.commit()  # odoo shell: keep what was added
print("PROVE_RECORDS " + repr(out))
"""


def log(msg):
    print(f"prove_split: {msg}", flush=True)


def run(cmd, logfile=None, stdin=None, env=None):
    log(" ".join(str(c) for c in cmd) + (f" > {logfile}" if logfile else ""))
    with open(logfile, "w") if logfile else open(os.devnull, "w") as out:
        proc = subprocess.run(
            [str(c) for c in cmd],
            input=stdin,
            text=True,
            stdout=out if logfile else None,
            stderr=subprocess.STDOUT if logfile else None,
            env=env,
            check=False,
        )
    if proc.returncode:
        if logfile:
            print(Path(logfile).read_text()[-4000:])
        sys.exit(f"prove_split: failed ({proc.returncode}): {' '.join(str(c) for c in cmd)}")


def addons_of(root):
    """The installable addons under ``root/addons`` and their manifests."""
    result = {}
    for manifest in sorted((root / "addons").glob("*/__manifest__.py")):
        data = ast.literal_eval(manifest.read_text())
        if data.get("installable", True):
            result[manifest.parent.name] = data
    return result


def odoo_cmd(root, *args):
    return [root / ".ci" / "odoo", *args]


def common_args():
    return ["--stop-after-init", "--http-port=0", "--max-cron-threads=0", "--workers=0"]


# ----------------------------------------------------------------------------------------
# snapshot
# ----------------------------------------------------------------------------------------
def _columns(cr, table):
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,))
    return {r[0] for r in cr.fetchall()}


def snapshot(db):
    conn = psycopg2.connect(dbname=db, host=os.environ.get("PGHOST", "127.0.0.1"))
    cr = conn.cursor()
    snap = {}
    cr.execute(
        "SELECT name, state FROM ir_module_module WHERE name LIKE 'shopfloor%%' ORDER BY name"
    )
    snap["modules"] = dict(cr.fetchall())
    # rows per shopfloor.* table
    cr.execute("SELECT model FROM ir_model WHERE model LIKE 'shopfloor.%%' ORDER BY model")
    counts = {}
    tables = {}
    for (model,) in cr.fetchall():
        table = model.replace(".", "_")
        cr.execute("SELECT to_regclass(%s)", (table,))
        if cr.fetchone()[0]:
            cr.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[model] = cr.fetchone()[0]
            tables[model] = table
    snap["counts"] = counts
    # digest of every stored column of shopfloor models and of the fields shopfloor
    # addons add to other models
    cr.execute(
        """SELECT f.model, f.name, f.ttype, f.relation_table, f.column1, f.column2
             FROM ir_model_fields f
            WHERE f.store AND (f.model LIKE 'shopfloor.%%' OR f.id IN (
                  SELECT res_id FROM ir_model_data
                   WHERE model = 'ir.model.fields' AND module LIKE 'shopfloor%%'))
            ORDER BY f.model, f.name"""
    )
    values = {}
    columns_cache = {}
    for model, name, ttype, rel, col1, col2 in cr.fetchall():
        table = model.replace(".", "_")
        if name in SKIP_COLUMNS or ttype == "one2many":
            continue
        if ttype == "many2many":
            if not rel or not _columns(cr, rel):
                continue
            c1, c2 = sql.Identifier(col1), sql.Identifier(col2)
            cr.execute(
                sql.SQL(
                    "SELECT count(*), md5(string_agg({}::text || '-' || {}::text, ','"
                    " ORDER BY {}, {})) FROM {}"
                ).format(c1, c2, c1, c2, sql.Identifier(rel))
            )
        else:
            if table not in columns_cache:
                columns_cache[table] = _columns(cr, table)
            if name not in columns_cache[table]:
                continue
            col = sql.Identifier(name)
            cr.execute(
                sql.SQL(
                    "SELECT count({}), md5(string_agg(id::text || '=' || {}::text, ','"
                    " ORDER BY id)) FROM {}"
                ).format(col, col, sql.Identifier(table))
            )
        values[f"{model}.{name}"] = list(cr.fetchone())
    snap["values"] = values
    cr.execute(
        "SELECT key, value FROM ir_config_parameter WHERE key LIKE 'shopfloor%%' ORDER BY key"
    )
    snap["params"] = dict(cr.fetchall())
    cr.execute(
        """SELECT module, name, model, res_id FROM ir_model_data
            WHERE module LIKE 'shopfloor%%' ORDER BY module, name"""
    )
    snap["xmlids"] = [list(r) for r in cr.fetchall()]
    # Chinese of what users read: field labels and helps, selection values, menus, actions
    tr = {}
    cr.execute(
        """SELECT f.model || '.' || f.name, f.field_description->>'zh_CN', f.help->>'zh_CN'
             FROM ir_model_fields f
            WHERE f.model LIKE 'shopfloor.%%' OR f.id IN (
                  SELECT res_id FROM ir_model_data
                   WHERE model = 'ir.model.fields' AND module LIKE 'shopfloor%%')"""
    )
    for key, label, helptext in cr.fetchall():
        tr[f"field {key}"] = [label, helptext]
    cr.execute(
        """SELECT f.model || '.' || f.name || '/' || s.value, s.name->>'zh_CN'
             FROM ir_model_fields_selection s JOIN ir_model_fields f ON f.id = s.field_id
            WHERE f.model LIKE 'shopfloor.%%' OR f.id IN (
                  SELECT res_id FROM ir_model_data
                   WHERE model = 'ir.model.fields' AND module LIKE 'shopfloor%%')"""
    )
    for key, label in cr.fetchall():
        tr[f"selection {key}"] = label
    for model, table in (
        ("ir.ui.menu", "ir_ui_menu"),
        ("ir.actions.act_window", "ir_act_window"),
        ("ir.actions.server", "ir_act_server"),
        ("ir.actions.client", "ir_act_client"),
    ):
        cr.execute(
            sql.SQL(
                "SELECT d.name, t.name->>'zh_CN' FROM {} t"
                " JOIN ir_model_data d ON d.model = %s AND d.res_id = t.id"
                " WHERE d.module LIKE 'shopfloor%%'"
            ).format(sql.Identifier(table)),
            (model,),
        )
        for key, label in cr.fetchall():
            tr[f"{model} {key}"] = label
    snap["zh_CN"] = tr
    cr.execute(
        """SELECT c.name, c.type FROM ir_model_constraint c
             JOIN ir_module_module m ON m.id = c.module
            WHERE m.name LIKE 'shopfloor%%' ORDER BY c.name"""
    )
    snap["constraints"] = [list(r) for r in cr.fetchall()]
    cr.execute(
        """SELECT d.name, v.active FROM ir_ui_view v
             JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id
            WHERE d.module LIKE 'shopfloor%%'"""
    )
    snap["views_active"] = dict(cr.fetchall())
    conn.close()
    return snap


def compare(before, after, new_addons):
    problems = []
    for model, count in before["counts"].items():
        if after["counts"].get(model) != count:
            problems.append(f"rows of {model}: {count} -> {after['counts'].get(model)}")
    for key, value in before["values"].items():
        if after["values"].get(key) != value:
            problems.append(f"values of {key}: {value} -> {after['values'].get(key)}")
    for key, value in before["params"].items():
        if after["params"].get(key) != value:
            problems.append(f"parameter {key}: {value!r} -> {after['params'].get(key)!r}")
    after_ids = {}
    for module, name, model, res_id in after["xmlids"]:
        after_ids.setdefault(name, []).append((module, model, res_id))
    moved = {}
    for module, name, model, res_id in before["xmlids"]:
        found = [a for a in after_ids.get(name, ()) if a[1] == model and a[2] == res_id]
        if not found:
            problems.append(f"external id {module}.{name} ({model},{res_id}) lost")
            continue
        if not any(a[0] == module for a in found):
            # the module that did not have this name before
            had = {m for m, n, _model, _res in before["xmlids"] if n == name}
            key = f"{module} -> {next((a[0] for a in found if a[0] not in had), found[0][0])}"
            moved[key] = moved.get(key, 0) + 1
    gained = 0
    for key, value in before["zh_CN"].items():
        new = after["zh_CN"].get(key)
        pairs = (
            zip(value, new or [None] * len(value), strict=True)
            if isinstance(value, list)
            else [(value, new)]
        )
        for old_text, new_text in pairs:
            if old_text is None:
                gained += new_text is not None  # a label without Chinese before, with it now
            elif new_text != old_text:
                problems.append(f"zh_CN of {key}: {value!r} -> {new!r}")
                break
    lost = {c[0] for c in before["constraints"]} - {c[0] for c in after["constraints"]}
    problems += [f"constraint {c} lost" for c in sorted(lost)]
    for name, active in before["views_active"].items():
        if active and not after["views_active"].get(name, False):
            problems.append(f"view {name} no longer active")
    installed = {m for m, s in after["modules"].items() if s == "installed"}
    for name, manifest in new_addons.items():
        deps = [d for d in manifest.get("depends", []) if d.startswith("shopfloor")]
        if (
            manifest.get("auto_install")
            and all(d in installed for d in deps)
            and name not in installed
        ):
            problems.append(f"{name} is not installed ({after['modules'].get(name)})")
    for name, state in before["modules"].items():
        if state == "installed" and after["modules"].get(name) != "installed":
            problems.append(f"{name}: installed -> {after['modules'].get(name)}")
    return problems, moved, gained


def per_module(xmlids):
    counts = {}
    for module, *_rest in xmlids:
        counts[module] = counts.get(module, 0) + 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="59d94a0", help="commit of the previous release")
    parser.add_argument("--db", default="sf_prove_split")
    parser.add_argument("--phase", choices=("all", "prepare", "upgrade", "compare"), default="all")
    parser.add_argument("--workdir", default=None, help="logs, snapshots (default /tmp/<db>)")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--template",
        help="prepare: start from a copy of this database of the base release (installed "
        "with demo data) instead of installing",
    )
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.gettempdir()) / args.db
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SF_DATA_DIR=str(work / "data"))
    old = work / "base"
    problems = []
    if args.phase in ("all", "prepare"):
        subprocess.run(["dropdb", "-h", "127.0.0.1", "--if-exists", args.db], check=True)
        if old.exists():
            subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", old], check=False)
        run(["git", "-C", ROOT, "worktree", "add", "--detach", old, args.base])
        if args.template:
            run(["createdb", "-h", "127.0.0.1", "-T", args.template, args.db])
        else:
            modules = ",".join(addons_of(old))
            run(
                odoo_cmd(
                    old, "-d", args.db, "-i", modules, "--load-language=zh_CN", *common_args()
                ),
                work / "install.log",
                env=env,
            )
        run(
            odoo_cmd(old, "shell", "-d", args.db, "--no-http", "--max-cron-threads=0"),
            work / "records.log",
            stdin=RECORDS,
            env=env,
        )
        for line in (work / "records.log").read_text().splitlines():
            if line.startswith("PROVE_RECORDS"):
                log(line)
        before = snapshot(args.db)
        (work / "before.json").write_text(json.dumps(before, indent=1, sort_keys=True))
        subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", old], check=False)
        log(f"snapshot before: {work / 'before.json'}")
    if args.phase in ("all", "upgrade", "compare"):
        # compare: the last upgrade's log and snapshots again, without upgrading
        before = json.loads((work / "before.json").read_text())
        upgrade_log = work / "upgrade.log"
        if args.phase != "compare":
            run(odoo_cmd(ROOT, "-d", args.db, "-u", "all", *common_args()), upgrade_log, env=env)
        bad = [
            line
            for line in upgrade_log.read_text().splitlines()
            if BAD_LINE.search(line) and not ALLOWED.search(line)
        ]
        problems += [f"upgrade log: {line}" for line in bad[:30]]
        if args.phase == "compare":
            after = json.loads((work / "after.json").read_text())
        else:
            after = snapshot(args.db)
            (work / "after.json").write_text(json.dumps(after, indent=1, sort_keys=True))
        found, moved, gained = compare(before, after, addons_of(ROOT))
        problems += found
        log("modules after: " + ", ".join(f"{k}={v}" for k, v in after["modules"].items()))
        log(
            f"shopfloor.* tables: {len(before['counts'])}, rows before {sum(before['counts'].values())}, after {sum(after['counts'].get(m, 0) for m in before['counts'])}"
        )
        for model, count in sorted(before["counts"].items()):
            log(f"  {model}: {count} -> {after['counts'].get(model)}")
        log(
            f"stored fields compared: {len(before['values'])}, parameters: {len(before['params'])}, zh_CN labels: {len(before['zh_CN'])}"
        )
        log(f"external ids per module before: {per_module(before['xmlids'])}")
        log(f"external ids per module after:  {per_module(after['xmlids'])}")
        log(f"external ids moved: {moved}")
        log(f"zh_CN labels that had no Chinese before and have it now: {gained}")
        for problem in problems:
            log(f"PROBLEM {problem}")
        if not args.keep and args.phase != "compare":
            subprocess.run(["dropdb", "-h", "127.0.0.1", "--if-exists", args.db], check=False)
        print(
            "PROVE_SPLIT OK" if not problems else f"PROVE_SPLIT FAILED ({len(problems)} problems)"
        )
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
