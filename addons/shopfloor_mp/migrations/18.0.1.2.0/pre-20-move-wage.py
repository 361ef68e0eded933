"""18.0.1.2.0: piece-rate wages move from shopfloor_mp to their own addon shopfloor_wage.

Before shopfloor_mp's new code is loaded (which no longer defines the wage models,
fields, views, menus and rules), the database records that Odoo knows by their external
ids are handed over to shopfloor_wage, OpenUpgrade style: the ``ir_model_data`` rows of
the moved models, their inherits, fields, selection values, access rights, record rules, views, actions
and menus, and the ``module`` of their constraints and many2many relation tables. So
Odoo's end-of-upgrade cleanup of shopfloor_mp does not delete them (nor drop the wage
tables and columns), and shopfloor_wage takes them over as its own when it is installed.

shopfloor_wage is auto-installed with shopfloor_mp on a new database, but Odoo does not
install a new auto-install module on an upgrade when all its dependencies are already
installed: it is marked to install here, in the same upgrade (Odoo loads the modules to
install right after the installed ones). Nothing else changes: every wage record, the
company settings, the journal entries of locked statements and their links stay as they
are, in the same tables.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

OLD = "shopfloor_mp"
NEW = "shopfloor_wage"

MODELS = (
    "shopfloor.wage.rule",
    "shopfloor.wage.line",
    "shopfloor.wage.statement",
    "shopfloor.wage.dispute",
    "shopfloor.api.wage",
    "shopfloor.wage.payroll.export",
    "shopfloor.wage.rate.xlsx",
)
# wage fields that shopfloor_mp added to other models
FIELDS = {
    "hr.employee": ("shopfloor_wage_grade",),
    "mrp.production": ("shopfloor_wage_amount", "shopfloor_wage_currency_id"),
    "mrp.workorder": ("shopfloor_wage_amount", "shopfloor_wage_currency_id"),
    "res.company": (
        "shopfloor_wage_split",
        "shopfloor_wage_journal_id",
        "shopfloor_wage_expense_account_id",
        "shopfloor_wage_payable_account_id",
    ),
    "res.config.settings": (
        "shopfloor_wage_split",
        "shopfloor_wage_journal_id",
        "shopfloor_wage_expense_account_id",
        "shopfloor_wage_payable_account_id",
    ),
}
# models that only the wage part of shopfloor_mp inherited: their ir.model external ids
INHERITED_MODELS = ("res.company", "report.mrp.report_mo_overview")
# views, actions and menus (of the models above or inheriting other modules' views)
XMLIDS = (
    "shopfloor_wage_rule_view_list",
    "shopfloor_wage_rule_view_form",
    "shopfloor_wage_rule_view_search",
    "action_shopfloor_wage_rule",
    "shopfloor_wage_line_view_list",
    "shopfloor_wage_line_view_form",
    "shopfloor_wage_line_view_pivot",
    "shopfloor_wage_line_view_search",
    "action_shopfloor_wage_line",
    "shopfloor_wage_statement_view_list",
    "shopfloor_wage_statement_view_form",
    "shopfloor_wage_statement_view_search",
    "action_shopfloor_wage_statement",
    "shopfloor_wage_dispute_view_list",
    "shopfloor_wage_dispute_view_form",
    "shopfloor_wage_dispute_view_search",
    "action_shopfloor_wage_dispute",
    "mrp_workorder_view_form_shopfloor_wage",
    "mrp_production_view_form_shopfloor_wage",
    "hr_employee_view_form_shopfloor_wage",
    "res_config_settings_view_form_shopfloor_wage",
    "shopfloor_wage_rate_xlsx_view_form",
    "action_shopfloor_wage_rate_xlsx",
    "shopfloor_wage_payroll_export_view_form",
    "menu_shopfloor_wage",
    "menu_shopfloor_wage_statement",
    "menu_shopfloor_wage_line",
    "menu_shopfloor_wage_dispute",
    "menu_shopfloor_wage_rule",
    "menu_shopfloor_wage_rate_xlsx",
)


def _move_xmlids(cr, model, res_ids_query):
    """Hand the external ids of shopfloor_mp on ``model`` records selected by
    ``res_ids_query`` over to shopfloor_wage (unless it already has one of that name)."""
    cr.execute(
        SQL(
            """UPDATE ir_model_data d SET module = %(new)s
                WHERE d.module = %(old)s AND d.model = %(model)s AND d.res_id IN (%(ids)s)
                  AND NOT EXISTS (
                      SELECT 1 FROM ir_model_data n WHERE n.module = %(new)s AND n.name = d.name)""",
            new=NEW,
            old=OLD,
            model=model,
            ids=res_ids_query,
        )
    )
    return cr.rowcount


def migrate(cr, version):
    if not version:
        return
    cr.execute(SQL("SELECT state FROM ir_module_module WHERE name = %s", NEW))
    if not cr.fetchone():
        # kept for when it is deployed: its records stay, handed over, in their tables
        _logger.warning(
            "%s is not in the addons path: the wages stay in the database but are not "
            "available until it is added and installed.",
            NEW,
        )
    moved_models = SQL("SELECT id FROM ir_model WHERE model IN %s", MODELS)
    inherited_models = SQL("SELECT id FROM ir_model WHERE model IN %s", INHERITED_MODELS)
    field_pairs = [(model, name) for model, names in FIELDS.items() for name in names]
    moved_fields = SQL(
        "SELECT id FROM ir_model_fields WHERE model_id IN (%s) OR (model, name) IN %s",
        moved_models,
        tuple(field_pairs),
    )
    counts = {
        "ir.model": _move_xmlids(cr, "ir.model", moved_models)
        + _move_xmlids(cr, "ir.model", inherited_models),
        "ir.model.fields": _move_xmlids(cr, "ir.model.fields", moved_fields),
        "ir.model.inherit": _move_xmlids(
            cr,
            "ir.model.inherit",
            SQL("SELECT id FROM ir_model_inherit WHERE model_id IN (%s)", moved_models),
        ),
        "ir.model.fields.selection": _move_xmlids(
            cr,
            "ir.model.fields.selection",
            SQL("SELECT id FROM ir_model_fields_selection WHERE field_id IN (%s)", moved_fields),
        ),
        "ir.model.access": _move_xmlids(
            cr,
            "ir.model.access",
            SQL("SELECT id FROM ir_model_access WHERE model_id IN (%s)", moved_models),
        ),
        "ir.rule": _move_xmlids(
            cr, "ir.rule", SQL("SELECT id FROM ir_rule WHERE model_id IN (%s)", moved_models)
        ),
    }
    cr.execute(
        SQL(
            """UPDATE ir_model_data d SET module = %s
                WHERE d.module = %s AND d.name IN %s
                  AND d.model IN ('ir.ui.view', 'ir.actions.act_window', 'ir.ui.menu')
                  AND NOT EXISTS (
                      SELECT 1 FROM ir_model_data n WHERE n.module = %s AND n.name = d.name)""",
            NEW,
            OLD,
            XMLIDS,
            NEW,
        )
    )
    counts["views, actions, menus"] = cr.rowcount
    # constraints (the wage tables' own, and the foreign keys of the moved many2one
    # columns on other tables) and many2many tables: Odoo drops those of a module that
    # no longer declares them
    foreign_keys = [
        f"{model.replace('.', '_')}_{name}_fkey" for model, name in field_pairs if "_id" in name
    ]
    cr.execute(
        SQL(
            """UPDATE ir_model_constraint c SET module = new.id
                 FROM ir_module_module old, ir_module_module new
                WHERE old.name = %s AND new.name = %s AND c.module = old.id
                  AND (c.model IN (%s) OR c.name IN %s)""",
            OLD,
            NEW,
            moved_models,
            tuple(foreign_keys),
        )
    )
    counts["constraints"] = cr.rowcount
    cr.execute(
        SQL(
            """UPDATE ir_model_relation r SET module = new.id
                 FROM ir_module_module old, ir_module_module new
                WHERE old.name = %s AND new.name = %s AND r.module = old.id
                  AND r.model IN (%s)""",
            OLD,
            NEW,
            moved_models,
        )
    )
    counts["relations"] = cr.rowcount
    # installed in this same upgrade, with demo data if shopfloor_mp has them
    cr.execute(
        SQL(
            """UPDATE ir_module_module new SET state = 'to install', demo = old.demo
                 FROM ir_module_module old
                WHERE new.name = %s AND old.name = %s AND new.state = 'uninstalled'""",
            NEW,
            OLD,
        )
    )
    counts["to install"] = cr.rowcount
    _logger.info("Wages moved from %s to %s: %s", OLD, NEW, counts)
