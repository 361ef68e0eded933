def uninstall_hook(env):
    """The addon's warehouse and locations hold stock history that outlives the addon:
    they stay, as ordinary records (Odoo would fail to delete them)."""
    env["ir.model.data"].search(
        [
            ("module", "=", "shopfloor_material"),
            ("model", "in", ("stock.warehouse", "stock.location")),
        ]
    ).unlink()
