from odoo.tools import SQL


def uninstall_hook(env):
    """Before Odoo deletes shopfloor_oee's demo equipment (by xml id): remove the
    maintenance requests the demo itself opened for breakdowns of it (created by the demo
    load, at or before its xml ids), and keep every demo equipment a user's request still
    uses: its xml id is removed so Odoo keeps it as ordinary data. Users' requests are
    never deleted."""
    data = env["ir.model.data"].search(
        [("module", "=", "shopfloor_oee"), ("model", "=", "maintenance.equipment")]
    )
    if not data:
        return
    env.cr.execute(
        SQL("SELECT max(create_date) FROM ir_model_data WHERE id IN %s", tuple(data.ids))
    )
    demo_time = env.cr.fetchone()[0]
    # sudo: uninstalling is an administrator action across companies
    Request = env["maintenance.request"].sudo().with_context(active_test=False)
    equipment_ids = data.mapped("res_id")
    Request.search(
        [("equipment_id", "in", equipment_ids), ("create_date", "<=", demo_time)]
    ).unlink()
    used = set(Request.search([("equipment_id", "in", equipment_ids)]).mapped("equipment_id").ids)
    data.filtered(lambda d: d.res_id in used).unlink()
