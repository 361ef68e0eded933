# Planning fields of work centers: parallel capacity (issue 6, finite-capacity scheduling).
from odoo import fields, models


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    shopfloor_parallel_capacity = fields.Integer(
        "Parallel Work Orders",
        default=1,
        help="How many work orders the finite-capacity scheduler may run at the same time on "
        "this work center (e.g. 3 identical machines grouped as one work center).",
    )

    _sql_constraints = [
        (
            "shopfloor_parallel_capacity_positive",
            "CHECK(shopfloor_parallel_capacity >= 1)",
            "The number of parallel work orders must be at least 1.",
        )
    ]
