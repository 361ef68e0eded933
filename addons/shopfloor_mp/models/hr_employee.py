from odoo import fields, models
from odoo.tools import SQL


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

    def _sf_notify_inbox_changed(self):
        """Tell the worker apps of these employees their inbox changed (after commit, on
        the bus channel of each active worker token): ``{"unread", "todo_open"}``."""
        if not self:
            return
        Item = self.env["shopfloor.inbox.item"]
        Item.flush_model(["employee_id", "state", "kind"])
        self.env.cr.execute(
            SQL(
                "SELECT t.id, t.employee_id FROM shopfloor_token t WHERE t.employee_id IN %s"
                " AND t.active AND t.revoked_at IS NULL AND t.kind = 'worker'",
                tuple(self.ids),
            )
        )
        tokens = self.env.cr.fetchall()
        if not tokens:
            return
        self.env.cr.execute(
            SQL(
                "SELECT employee_id, COUNT(*) FILTER (WHERE state = 'new'),"
                " COUNT(*) FILTER (WHERE kind = 'todo') FROM shopfloor_inbox_item"
                " WHERE employee_id IN %s AND state != 'done' GROUP BY employee_id",
                tuple(self.ids),
            )
        )
        counts = {row[0]: {"unread": row[1], "todo_open": row[2]} for row in self.env.cr.fetchall()}
        Bus = self.env["bus.bus"].sudo()  # sudo: bus rows are the framework's own table
        Token = self.env["shopfloor.token"]
        for token_id, employee_id in tokens:
            channel = Item._sf_bus_channel(Token.browse(token_id))
            payload = counts.get(employee_id, {"unread": 0, "todo_open": 0})
            Bus._sendone(channel, "shopfloor.inbox", payload)
