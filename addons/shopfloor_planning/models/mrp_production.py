# Planning fields and actions of manufacturing orders (issue 6, finite-capacity scheduling).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    shopfloor_urgent = fields.Boolean(
        "Rush Order",
        copy=False,
        tracking=True,
        help="Rush order (插单): the scheduler gives it the highest weight and plans it first.",
    )
    shopfloor_expected_finish = fields.Datetime(
        "Expected Finish",
        compute="_compute_shopfloor_expected_finish",
        store=True,
        help="End of the last work order as planned now (it follows work orders moved in "
        "their form or on the visual plan, and Odoo's unplan); the real end of a done order. "
        "Empty when a work order to do is not planned.",
    )
    shopfloor_in_plan = fields.Boolean(
        "In Plan",
        compute="_compute_shopfloor_expected_finish",
        store=True,
        help="Every work order to do has planned dates.",
    )
    shopfloor_late_hours = fields.Float(
        "Late (hours)",
        compute="_compute_shopfloor_lateness",
        store=True,
        digits=(16, 1),
        help="How much later than the deadline the plan finishes this order.",
    )
    shopfloor_is_late = fields.Boolean(
        "Late in Plan", compute="_compute_shopfloor_lateness", store=True
    )

    @api.depends(
        "state",
        "date_finished",
        "workorder_ids.state",
        "workorder_ids.date_start",
        "workorder_ids.date_finished",
    )
    def _compute_shopfloor_expected_finish(self):
        for mo in self:
            finish = False
            in_plan = False
            if mo.state == "done":
                finish = mo.date_finished
            elif mo.state in ("confirmed", "progress", "to_close"):
                wos = mo.workorder_ids.filtered(lambda w: w.state != "cancel")
                todo = wos.filtered(lambda w: w.state != "done")
                if todo and all(w.date_start and w.date_finished for w in todo):
                    in_plan = True
                    finish = max(wos.filtered("date_finished").mapped("date_finished"))
            mo.shopfloor_expected_finish = finish
            mo.shopfloor_in_plan = in_plan

    @api.depends("shopfloor_expected_finish", "date_deadline")
    def _compute_shopfloor_lateness(self):
        for mo in self:
            late = 0.0
            if mo.shopfloor_expected_finish and mo.date_deadline:
                seconds = (mo.shopfloor_expected_finish - mo.date_deadline).total_seconds()
                late = max(0.0, seconds / 3600.0)
            mo.shopfloor_late_hours = late
            mo.shopfloor_is_late = late > 0

    def _shopfloor_planning_weight(self):
        """Weight of the order's tardiness in the scheduler's objective."""
        self.ensure_one()
        weight = 1
        if self.priority == "1":
            weight = 5
        if self.shopfloor_urgent:
            weight = 50
        return weight

    def action_shopfloor_plan(self):
        """Plan the selected orders with the finite-capacity scheduler (others stay put)."""
        productions = self.filtered(lambda mo: mo.state not in ("done", "cancel"))
        if not productions:
            raise UserError(_("Select manufacturing orders that are not done or cancelled."))
        result = self.env["shopfloor.planner"]._plan(productions)
        return self.env["shopfloor.planner"]._notify_result(result)

    def action_shopfloor_rush(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_planning.action_shopfloor_rush_order"
        )
        action["context"] = {"default_production_id": self.id}
        return action
