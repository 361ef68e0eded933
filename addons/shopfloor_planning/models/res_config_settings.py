from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shopfloor_plan_objective = fields.Selection(
        [
            ("late_jobs", "Fewest late orders"),
            ("tardiness", "Least total lateness"),
        ],
        string="Planning Objective",
        config_parameter="shopfloor_mp.plan_objective",
        default="late_jobs",
        help="Fewest late orders: as few manufacturing orders late as possible (weighted by "
        "priority), then the least lateness. Least total lateness: the least sum of lateness "
        "(hours late x priority), even if more orders are each a little late. Then, in both "
        "cases, the earliest end of the plan.",
    )
    shopfloor_plan_time_limit = fields.Float(
        "Planning Time Limit (s)",
        config_parameter="shopfloor_mp.plan_time_limit",
        default=12.0,
        help="Seconds the scheduler searches for a better plan.",
    )
