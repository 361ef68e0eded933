def post_init_hook(env):
    """A database upgraded from shopfloor_mp older than 18.0.1.1.0 straight to the split
    layout: that version's migration could not compute the expected finish of the orders
    (planning was not loaded yet) and asked for it here."""
    ICP = env["ir.config_parameter"].sudo()
    key = "shopfloor_planning.recompute_expected_finish"
    if not ICP.get_param(key):
        return
    productions = env["mrp.production"].with_context(active_test=False).search([])
    env.add_to_compute(productions._fields["shopfloor_expected_finish"], productions)
    productions.flush_recordset(["shopfloor_expected_finish", "shopfloor_in_plan"])
    ICP.search([("key", "=", key)]).unlink()
