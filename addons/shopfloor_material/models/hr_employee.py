from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    shopfloor_role = fields.Selection(
        selection_add=[("storekeeper", "Storekeeper")],
        ondelete={"storekeeper": "set default"},
        help="A leader may also act on the work orders of the work centers of their team "
        "and approves replenishments; a storekeeper issues material to every order.",
    )
