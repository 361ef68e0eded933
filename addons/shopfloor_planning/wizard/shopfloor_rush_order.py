from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

# a rush order's finish that moves less than this between preview and apply is the same
RUSH_FINISH_TOLERANCE_MIN = 15


class ShopfloorRushOrder(models.TransientModel):
    """Rush order (插单): preview the impact of planning an MO first, then apply."""

    _name = "shopfloor.rush.order"
    _description = "Rush Order Insertion"

    production_id = fields.Many2one(
        "mrp.production",
        "Rush Order",
        domain="[('state', 'in', ('confirmed', 'progress', 'to_close'))]",
    )
    create_new = fields.Boolean(
        "New Order",
        help="Create the rush manufacturing order here. The impact is computed with the "
        "order as it would be; it is created and confirmed only when you apply the plan.",
    )
    product_id = fields.Many2one("product.product", "Product", domain="[('bom_ids', '!=', False)]")
    product_qty = fields.Float("Quantity", default=1.0, digits="Product Unit of Measure")
    date_deadline = fields.Datetime("Deadline")
    state = fields.Selection(
        [("draft", "Choose"), ("preview", "Impact")], default="draft", required=True
    )
    plan_origin = fields.Datetime(readonly=True)
    line_ids = fields.One2many("shopfloor.rush.order.line", "wizard_id", "Impact", readonly=True)
    rush_finish = fields.Datetime("Rush Order Finishes", readonly=True)
    moved_later_count = fields.Integer(
        "Orders Finishing Later", readonly=True, help="Other orders the rush order pushes later."
    )
    moved_earlier_count = fields.Integer(
        "Orders Finishing Earlier",
        readonly=True,
        help="Other orders pulled earlier into gaps that open up in the plan.",
    )
    new_late_count = fields.Integer(
        "Orders Becoming Late",
        readonly=True,
        help="Orders on time before that miss their deadline after (orders already late are "
        "not counted here; their added delay is).",
    )
    added_late_hours = fields.Float("Added Delay (hours)", readonly=True, digits=(16, 1))
    change_note = fields.Text(
        "Changes Since the Preview",
        readonly=True,
        help="Applying plans again from that moment: when the impact differs from the "
        "preview, the new impact is shown here and nothing is applied yet.",
    )

    def _get_bom(self):
        if not self.product_id or self.product_qty <= 0:
            raise UserError(_("Give the product and a positive quantity of the rush order."))
        bom = self.env["mrp.bom"]._bom_find(self.product_id, company_id=self.env.company.id)[
            self.product_id
        ]
        if not bom:
            raise UserError(
                _("There is no bill of materials to manufacture %s.", self.product_id.display_name)
            )
        return bom

    def _prepare_production_vals(self):
        """Values of the new rush order (override point)."""
        return {
            "product_id": self.product_id.id,
            "product_qty": self.product_qty,
            "product_uom_id": self.product_id.uom_id.id,
            "bom_id": self._get_bom().id,
            "date_deadline": self.date_deadline,
            "priority": "1",
        }

    def _create_rush_production(self, preview=False):
        vals = self._prepare_production_vals()
        if preview:
            # a name given: Odoo takes no number from the order sequence (a PostgreSQL
            # sequence is not rolled back with the preview's savepoint)
            vals["name"] = _("Rush order preview")
        production = self.env["mrp.production"].create(vals)
        production.action_confirm()
        return production

    def _compute_impact_values(self, origin):
        """The impact of the rush order planned from ``origin`` (wizard values)."""
        if self.create_new and not self.production_id:
            # The impact of the order as it would be: created and confirmed in a savepoint
            # that is rolled back (also on an error), so a preview never leaves an order.
            with self.env.cr.savepoint() as savepoint:
                production = self._create_rush_production(preview=True)
                values = self._prepare_preview_values(production, origin)
                savepoint.rollback()
            return values
        if self.production_id:
            return self._prepare_preview_values(self.production_id, origin)
        raise UserError(_("Choose the rush order, or create a new one."))

    def action_preview(self):
        self.ensure_one()
        origin = self.env["shopfloor.planner"]._origin()
        self.write(dict(self._compute_impact_values(origin), change_note=False))
        return self._reopen()

    def _prepare_preview_values(self, production, origin):
        """The wizard's impact values (plain values: no reference to an order that the
        preview may roll back)."""
        _schedule, _data, impact = self.env["shopfloor.planner"]._rush_preview(
            production, origin=origin
        )
        lines = []
        rush_finish = False
        for item in sorted(
            impact, key=lambda i: (not i["is_rush"], -i["late_after_hours"], -i["shift_hours"])
        ):
            if item["is_rush"]:
                rush_finish = item["new_finish"]
            new_order = self.create_new and item["is_rush"]
            lines.append(
                fields.Command.create(
                    {
                        "production_id": False if new_order else item["production"].id,
                        "name": _(
                            "New: %(product)s x %(qty)s",
                            product=self.product_id.display_name,
                            qty=self.product_qty,
                        )
                        if new_order
                        else item["production"].display_name,
                        "is_rush": item["is_rush"],
                        "date_deadline": item["production"].date_deadline,
                        "old_finish": item["old_finish"],
                        "new_finish": item["new_finish"],
                        "shift_hours": item["shift_hours"],
                        "late_before_hours": item["late_before_hours"],
                        "late_after_hours": item["late_after_hours"],
                    }
                )
            )
        others = [i for i in impact if not i["is_rush"]]
        return {
            "state": "preview",
            "plan_origin": origin,
            "line_ids": [fields.Command.clear(), *lines],
            "rush_finish": rush_finish,
            "moved_later_count": sum(1 for i in others if i["shift_hours"] > 0),
            "moved_earlier_count": sum(1 for i in others if i["shift_hours"] < 0),
            "new_late_count": sum(
                1 for i in others if i["late_after_hours"] > 0 and not i["late_before_hours"]
            ),
            "added_late_hours": sum(
                max(0.0, i["late_after_hours"] - i["late_before_hours"]) for i in others
            ),
        }

    def _get_impact_changes(self, values):
        """What differs between the impact shown (``self``) and ``values`` (a new one), as
        lines of text; empty when the same."""
        changes = []

        def fmt(value):
            return format_datetime(self.env, value, dt_format="yyyy-MM-dd HH:mm") if value else "-"

        old_finish, new_finish = self.rush_finish, values["rush_finish"]
        if bool(old_finish) != bool(new_finish) or (
            old_finish
            and abs((new_finish - old_finish).total_seconds()) > RUSH_FINISH_TOLERANCE_MIN * 60
        ):
            changes.append(
                _(
                    "The rush order finishes %(new)s (preview: %(old)s).",
                    new=fmt(new_finish),
                    old=fmt(old_finish),
                )
            )
        for fname in ("new_late_count", "moved_later_count", "moved_earlier_count"):
            if values[fname] != self[fname]:
                changes.append(
                    _(
                        "%(label)s: %(new)s (preview: %(old)s).",
                        label=self._fields[fname].get_description(self.env)["string"],
                        new=values[fname],
                        old=self[fname],
                    )
                )
        if abs(values["added_late_hours"] - self.added_late_hours) >= 0.1:
            changes.append(
                _(
                    "Added delay: %(new)s h (preview: %(old)s h).",
                    new=round(values["added_late_hours"], 1),
                    old=round(self.added_late_hours, 1),
                )
            )
        return "\n".join(changes)

    def action_apply(self):
        """Plan again from now (never in the past); when the impact differs from the one
        shown, show the new one and the differences instead of applying."""
        self.ensure_one()
        if self.state != "preview":
            raise UserError(_("Preview the impact before applying the rush order."))
        planner = self.env["shopfloor.planner"]
        origin = planner._origin()
        values = self._compute_impact_values(origin)
        changes = self._get_impact_changes(values)
        if changes:
            self.write(dict(values, change_note=changes))
            return self._reopen()
        if self.create_new and not self.production_id:
            self.production_id = self._create_rush_production()
        schedule, data, _impact = planner._rush_preview(self.production_id, origin=origin)
        result = planner._rush_apply(self.production_id, schedule, data)
        return planner._notify_result(result)

    def action_back(self):
        self.write({"state": "draft", "line_ids": [fields.Command.clear()], "change_note": False})
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Rush Order"),
        }


class ShopfloorRushOrderLine(models.TransientModel):
    _name = "shopfloor.rush.order.line"
    _description = "Rush Order Impact"
    _order = "is_rush desc, late_after_hours desc, shift_hours desc"

    wizard_id = fields.Many2one("shopfloor.rush.order", required=True, ondelete="cascade")
    production_id = fields.Many2one("mrp.production", "Manufacturing Order", readonly=True)
    name = fields.Char("Order", readonly=True)
    date_deadline = fields.Datetime("Deadline", readonly=True)
    is_rush = fields.Boolean("Rush", readonly=True)
    old_finish = fields.Datetime("Finish Before", readonly=True)
    new_finish = fields.Datetime("Finish After", readonly=True)
    shift_hours = fields.Float("Shift (hours)", readonly=True, digits=(16, 1))
    move = fields.Selection(
        [("later", "Pushed Later"), ("earlier", "Pulled Earlier"), ("new", "New in Plan")],
        "Finishes",
        compute="_compute_move",
    )
    shift_abs_hours = fields.Float("By (hours)", compute="_compute_move", digits=(16, 1))
    late_before_hours = fields.Float("Late Before (hours)", readonly=True, digits=(16, 1))
    late_after_hours = fields.Float("Late After (hours)", readonly=True, digits=(16, 1))
    becomes_late = fields.Boolean(compute="_compute_becomes_late")
    later_when_late = fields.Boolean("Later When Late", compute="_compute_becomes_late")

    change_label = fields.Char("Change", compute="_compute_move")
    late_label = fields.Char(
        "Late (h)", compute="_compute_move", help="Hours late before and after the rush order."
    )

    @api.depends("shift_hours", "old_finish", "is_rush", "late_before_hours", "late_after_hours")
    def _compute_move(self):
        labels = dict(self._fields["move"]._description_selection(self.env))
        for line in self:
            if line.is_rush:
                line.move = False
            elif not line.old_finish:
                line.move = "new"
            else:
                line.move = "later" if line.shift_hours > 0 else "earlier"
            line.shift_abs_hours = abs(line.shift_hours)
            hours = round(line.shift_abs_hours, 1)
            if line.move == "later":
                line.change_label = _("%(hours)s h later", hours=hours)
            elif line.move == "earlier":
                line.change_label = _("%(hours)s h earlier", hours=hours)
            else:
                line.change_label = labels.get(line.move, "")
            before, after = round(line.late_before_hours, 1), round(line.late_after_hours, 1)
            line.late_label = (
                "-"
                if not before and not after
                else (f"{before} → {after}" if before != after else f"{after}")
            )

    @api.depends("late_before_hours", "late_after_hours")
    def _compute_becomes_late(self):
        for line in self:
            # on time before, late after; an order already late is not "becoming late"
            line.becomes_late = line.late_after_hours > 0 and not line.late_before_hours
            line.later_when_late = (
                line.late_before_hours > 0 and line.late_after_hours > line.late_before_hours
            )
