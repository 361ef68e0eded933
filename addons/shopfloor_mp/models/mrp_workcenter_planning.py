# Planning fields of mrp.workcenter live in this separate file (not mrp_workcenter.py) so the
# scheduler (issue 6) does not collide with other edits of the work-center model.
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
