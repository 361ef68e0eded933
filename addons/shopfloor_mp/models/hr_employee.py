from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    shopfloor_workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        "shopfloor_employee_workcenter_rel",
        "employee_id",
        "workcenter_id",
        string="Shop-floor Work Centers",
        groups="hr.group_hr_user",
        help="Work centers where this worker may start and report operations.",
    )
    shopfloor_role = fields.Selection(
        [("worker", "Worker"), ("leader", "Leader")],
        string="Shop-floor Role",
        groups="hr.group_hr_user",
        default="worker",
        help="A leader may also act on the work orders of the work centers of their team "
        "(the employees whose manager they are).",
    )
    shopfloor_lang = fields.Selection(
        [("zh_CN", "Chinese (Simplified)"), ("en_US", "English")],
        string="Mini-program Language",
        groups="hr.group_hr_user",
        default="zh_CN",
    )
    wechat_openid = fields.Char(
        "WeChat OpenID", copy=False, groups="hr.group_hr_user", index="btree_not_null"
    )

    _sql_constraints = [
        (
            "wechat_openid_uniq",
            "unique (wechat_openid)",
            "This WeChat account is already bound to another employee.",
        ),
    ]

    def action_shopfloor_unlock_pin(self):
        """Leader: lift the lock of this worker's badge after too many wrong PINs."""
        # sudo: the badge number is an HR field; the leader's right is checked by action_unlock
        badges = [b for b in self.sudo().mapped("barcode") if b]
        locks = self.env["shopfloor.auth.lock"].search(
            [
                "|",
                ("employee_id", "in", self.ids),
                "&",
                ("scope", "=", "badge"),
                ("key", "in", badges),
            ]
        )
        locks.action_unlock()
        return True
