from odoo.tools import SQL


def uninstall_hook(env):
    """Before Odoo deletes shopfloor_oee's demo equipment (by xml id): remove the
    maintenance requests the demo itself opened for breakdowns of it (created by the
    module's data loads), and keep every demo equipment a user's request still
    uses: its xml id is removed so Odoo keeps it as ordinary data. Users' requests are
    never deleted."""
    # The KPI history (and its losses, by cascade) keeps shifts and loss reasons from being
    # deleted (ondelete restrict, so that users archive them); its table is dropped with
    # the module right after, so emptying it first loses nothing more than the uninstall.
    env.cr.execute(SQL("DELETE FROM shopfloor_oee_kpi"))
    data = env["ir.model.data"].search(
        [("module", "=", "shopfloor_oee"), ("model", "=", "maintenance.equipment")]
    )
    if not data:
        return
    # the timestamps of the module's data loads (install, upgrades): Odoo stamps every row
    # of a transaction with the same time, a user's rows never share it
    env.cr.execute(
        SQL(
            "SELECT create_date FROM ir_model_data WHERE module = %s UNION"
            " SELECT write_date FROM ir_model_data WHERE module = %s",
            "shopfloor_oee",
            "shopfloor_oee",
        )
    )
    load_times = [row[0] for row in env.cr.fetchall() if row[0]]
    # sudo: uninstalling is an administrator action across companies
    Request = env["maintenance.request"].sudo().with_context(active_test=False)
    equipment_ids = data.mapped("res_id")
    Request.search(
        [("equipment_id", "in", equipment_ids), ("create_date", "in", load_times)]
    ).unlink()
    used = set(Request.search([("equipment_id", "in", equipment_ids)]).mapped("equipment_id").ids)
    data.filtered(lambda d: d.res_id in used).unlink()
