from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    shopfloor_wage_grade = fields.Char(
        "Wage Grade",
        groups="hr.group_hr_user",
        help="Wage rules may give a different rate to the employees of a grade.",
    )
