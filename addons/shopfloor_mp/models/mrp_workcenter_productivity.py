from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MrpWorkcenterProductivity(models.Model):
    _inherit = "mrp.workcenter.productivity"

    # Odoo 18 Community tracks time per user only; workers on the shop floor are
    # employees without a user, so each time log also names the employee.
    employee_id = fields.Many2one("hr.employee", string="Employee", index="btree_not_null")
    shopfloor_workorder_id = fields.Many2one(
        "mrp.workorder",
        string="Paused Work Order",
        index="btree_not_null",
        help="For a pause reported from the shop floor: the work order that was paused.",
    )

    @api.constrains("workorder_id")
    def _check_open_time_ids(self):
        """Odoo allows one running timer per user on a work order; on the shop floor
        several employees work through the same API user, so: one per employee."""
        for workorder in self.workorder_id:
            duplicates = self._read_group(
                [("id", "in", workorder.time_ids.ids), ("date_end", "=", False)],
                ["user_id", "employee_id"],
                having=[("__count", ">", 1)],
            )
            if duplicates:
                raise ValidationError(
                    _("The Workorder (%s) cannot be started twice!", workorder.display_name)
                )
