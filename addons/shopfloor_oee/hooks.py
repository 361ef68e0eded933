def uninstall_hook(env):
    """Remove the maintenance requests that shopfloor_oee opened for breakdowns of its
    demo equipment: they would keep Odoo from deleting that equipment (foreign key)
    when the module's demo records are removed. Requests of other equipment stay."""
    data = env["ir.model.data"].search(
        [("module", "=", "shopfloor_oee"), ("model", "=", "maintenance.equipment")]
    )
    if not data:
        return
    # sudo: uninstalling is an administrator action across companies
    requests = (
        env["maintenance.request"]
        .sudo()
        .with_context(active_test=False)
        .search([("equipment_id", "in", data.mapped("res_id"))])
    )
    requests.unlink()
