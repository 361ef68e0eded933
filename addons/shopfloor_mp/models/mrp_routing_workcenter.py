from odoo import fields, models


class MrpRoutingWorkcenter(models.Model):
    _inherit = "mrp.routing.workcenter"

    shopfloor_allow_over_report = fields.Boolean(
        "Allow Reporting Ahead",
        help="Workers may report more good units at this operation than the previous "
        "operation has passed on (e.g. parallel preparation steps).",
    )
    shopfloor_instructions = fields.Html(
        "Shop-floor Instructions",
        translate=True,
        help="Shown to the worker in the mini-program when scanning this operation.",
    )
