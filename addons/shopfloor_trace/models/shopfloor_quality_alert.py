from odoo import _, api, fields, models


class ShopfloorQualityAlert(models.Model):
    """A quality problem to solve: opened by a failed check (or by hand)."""

    _name = "shopfloor.quality.alert"
    _description = "Quality Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, default="/", copy=False)
    title = fields.Char(required=True, tracking=True)
    state = fields.Selection(
        [
            ("new", "New"),
            ("progress", "In Progress"),
            ("solved", "Solved"),
            ("closed", "Closed"),
        ],
        default="new",
        required=True,
        tracking=True,
        group_expand="_expand_states",
        index=True,
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    check_id = fields.Many2one("shopfloor.quality.check", index=True, check_company=True)
    point_id = fields.Many2one("shopfloor.quality.point", check_company=True)
    workorder_id = fields.Many2one("mrp.workorder", check_company=True)
    production_id = fields.Many2one("mrp.production", index=True, check_company=True)
    product_id = fields.Many2one("product.product", check_company=True)
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", index=True, check_company=True)
    lot_on_hold = fields.Boolean("Lot Put on Hold", readonly=True)
    workcenter_id = fields.Many2one(related="workorder_id.workcenter_id", store=True)
    defect_type_id = fields.Many2one("shopfloor.defect.type", ondelete="restrict")
    team_id = fields.Many2one("shopfloor.quality.team", tracking=True)
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True)
    root_cause = fields.Html()
    corrective_action = fields.Html()
    date_solved = fields.Datetime(readonly=True)
    date_closed = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model
    def _expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("shopfloor.quality.alert") or "/"
                )
        alerts = super().create(vals_list)
        alerts._notify_team()
        return alerts

    def _notify_team(self):
        """A to-do activity for each member of the team (or the responsible)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for alert in self:
            users = alert.user_id or alert.team_id.user_ids
            for user in users:
                alert.activity_schedule(
                    activity_type_id=activity_type.id if activity_type else False,
                    summary=_("Quality alert: %(title)s", title=alert.title),
                    note=_(
                        "%(product)s, lot %(lot)s, work order %(wo)s",
                        product=alert.product_id.display_name or "-",
                        lot=alert.lot_id.name or "-",
                        wo=alert.workorder_id.display_name or "-",
                    ),
                    user_id=user.id,
                )

    def action_start(self):
        self.write({"state": "progress"})

    def action_solve(self):
        self.write({"state": "solved", "date_solved": fields.Datetime.now()})

    def action_close(self):
        self.write({"state": "closed", "date_closed": fields.Datetime.now()})
        self.activity_ids.action_done()

    def action_release_lot(self):
        """Take the lot off hold (the alert's corrective action was done)."""
        for alert in self.filtered("lot_id"):
            alert.lot_id.shopfloor_hold = False
            alert.message_post(body=_("Lot %(lot)s released.", lot=alert.lot_id.name))
