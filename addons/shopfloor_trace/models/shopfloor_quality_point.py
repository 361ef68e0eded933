from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TRIGGERS = [
    ("first", "First Article (首检)"),
    ("periodic", "Periodic (巡检)"),
    ("final", "Final (终检)"),
    ("receipt", "Component Receipt"),
]
TEST_TYPES = [
    ("passfail", "Pass / Fail"),
    ("measure", "Measurement"),
    ("defects", "Defect Count"),
    ("instructions", "Instructions"),
]


class ShopfloorQualityPoint(models.Model):
    """What to check, where and when: the checks of a work order fall due from it."""

    _name = "shopfloor.quality.point"
    _description = "Quality Point"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", check_company=True, index=True
    )
    product_category_id = fields.Many2one("product.category", string="Product Category")
    operation_id = fields.Many2one(
        "mrp.routing.workcenter",
        string="Operation",
        check_company=True,
        index=True,
        help="The routing operation where the check is done.",
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter",
        string="Work Center",
        check_company=True,
        help="Only when the operation runs on this work center (optional).",
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="first")
    periodic_qty = fields.Integer(
        "Every N Units", help="Periodic check: one falls due each time N more units are done."
    )
    periodic_minutes = fields.Integer(
        "Every T Minutes", help="Periodic check: one falls due when the last is T minutes old."
    )
    test_type = fields.Selection(TEST_TYPES, string="Type", required=True, default="passfail")
    norm = fields.Float("Nominal", digits=(16, 4))
    tolerance_min = fields.Float("Lower Limit", digits=(16, 4))
    tolerance_max = fields.Float("Upper Limit", digits=(16, 4))
    norm_unit = fields.Char("Unit", default="mm")
    defect_type_ids = fields.Many2many(
        "shopfloor.defect.type", string="Defect Types", help="Defect types counted by the check."
    )
    instructions = fields.Html(translate=True)
    picture = fields.Image(max_width=1024, max_height=1024)
    attachment = fields.Binary(attachment=True)
    attachment_name = fields.Char()
    blocking = fields.Boolean(
        help="The operation cannot report more good quantity or finish until the check passes."
    )
    hold_lot = fields.Boolean(
        "Hold the Lot on Failure", help="A failed check puts the produced lot on hold."
    )
    team_id = fields.Many2one("shopfloor.quality.team", string="Quality Team")
    check_ids = fields.One2many("shopfloor.quality.check", "point_id", string="Checks")
    check_count = fields.Integer(compute="_compute_check_count")

    @api.depends("check_ids")
    def _compute_check_count(self):
        groups = self.env["shopfloor.quality.check"]._read_group(
            [("point_id", "in", self.ids)], ["point_id"], ["__count"]
        )
        counts = {point.id: count for point, count in groups}
        for point in self:
            point.check_count = counts.get(point.id, 0)

    @api.constrains("trigger", "periodic_qty", "periodic_minutes", "operation_id")
    def _check_trigger(self):
        for point in self:
            if point.trigger == "periodic" and (
                point.periodic_qty <= 0 and point.periodic_minutes <= 0
            ):
                raise ValidationError(
                    _("A periodic quality point needs a number of units or minutes.")
                )
            if point.periodic_qty < 0 or point.periodic_minutes < 0:
                raise ValidationError(_("Periods cannot be negative."))
            if not point.operation_id and point.trigger != "receipt":
                raise ValidationError(_("Give the operation where the check is done."))

    @api.constrains("test_type", "tolerance_min", "tolerance_max", "norm")
    def _check_tolerance(self):
        for point in self.filtered(lambda p: p.test_type == "measure"):
            if point.tolerance_min > point.tolerance_max:
                raise ValidationError(_("The lower limit is above the upper limit."))
            if not point.tolerance_min <= point.norm <= point.tolerance_max:
                raise ValidationError(_("The nominal value lies outside its limits."))

    def _matches_product(self, product):
        self.ensure_one()
        if self.product_tmpl_id and self.product_tmpl_id != product.product_tmpl_id:
            return False
        if self.product_category_id:
            return product.categ_id.parent_path.startswith(self.product_category_id.parent_path)
        return True

    @api.model
    def _get_points(self, workorder, triggers):
        """Active points of ``workorder`` (its operation, work center and product)."""
        domain = [
            ("trigger", "in", list(triggers)),
            ("company_id", "=", workorder.company_id.id),
            "|",
            ("workcenter_id", "=", False),
            ("workcenter_id", "=", workorder.workcenter_id.id),
        ]
        if not workorder.operation_id:
            return self.browse()
        if "receipt" in triggers and not workorder._sf_previous_workorders():
            # a receipt point without operation: checked at the MO's first operation
            domain += [
                "|",
                ("operation_id", "=", workorder.operation_id.id),
                "&",
                ("operation_id", "=", False),
                ("trigger", "=", "receipt"),
            ]
        else:
            domain += [("operation_id", "=", workorder.operation_id.id)]
        product = workorder.product_id
        return self.search(domain).filtered(lambda p: p._matches_product(product))

    def action_view_checks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_trace.action_shopfloor_quality_check"
        )
        action["domain"] = [("point_id", "=", self.id)]
        return action
