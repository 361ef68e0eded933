# Planning fields of operations: overlap with the previous ones (issue 6, finite-capacity
# scheduling).
from odoo import fields, models


class MrpRoutingWorkcenter(models.Model):
    _inherit = "mrp.routing.workcenter"

    shopfloor_allow_overlap = fields.Boolean(
        "Overlap Previous Operation",
        help="The finite-capacity scheduler may start this operation while the previous "
        "operations are still running (transfer batches); it never finishes before them.",
    )
    shopfloor_overlap_lag = fields.Integer(
        "Start Lag (minutes)",
        help="With overlap: minutes after the previous operations start before this one may "
        "start (e.g. the time to make the first transfer batch).",
    )
