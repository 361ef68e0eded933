from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ShopfloorWageRule(models.Model):
    """A piece rate or an hourly rate of a routing operation.

    The most specific valid rule wins (operation, then product, work center, employee
    grade; then the latest start): see ``tools/wages.py``.
    """

    _name = "shopfloor.wage.rule"
    _description = "Shop-floor Wage Rule"
    _inherit = ["mail.thread"]
    _order = "operation_id, product_id, workcenter_id, grade, date_from desc, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    active = fields.Boolean(default=True)
    operation_id = fields.Many2one(
        "mrp.routing.workcenter",
        string="Operation",
        index=True,
        tracking=True,
        check_company=True,
        help="Routing operation the rate applies to; empty: any operation.",
    )
    product_id = fields.Many2one(
        "product.product", string="Product", tracking=True, help="Empty: any product."
    )
    workcenter_id = fields.Many2one(
        "mrp.workcenter", string="Work Center", tracking=True, help="Empty: any work center."
    )
    grade = fields.Char(
        "Employee Grade", tracking=True, help="Only for employees of this wage grade; empty: all."
    )
    rate_type = fields.Selection(
        [("piece", "Per good unit"), ("hour", "Per hour")],
        string="Paid",
        required=True,
        default="piece",
        tracking=True,
    )
    rate = fields.Monetary(required=True, tracking=True)
    operator_scrap_rate = fields.Monetary(
        "Operator Scrap (per unit)",
        tracking=True,
        help="Pay for each operator-caused scrapped unit (工废): 0 = unpaid, "
        "negative = a penalty deducted from the wage.",
    )
    material_scrap_paid = fields.Boolean(
        "Pay Material Scrap",
        default=True,
        tracking=True,
        help="Material-caused (料废) and machine-caused scrap is paid at the piece rate.",
    )
    overtime_multiplier = fields.Float(
        default=1.5,
        tracking=True,
        help="Hourly rates: time outside the working hours of the employee's (or the work "
        "center's) calendar is paid at rate x multiplier.",
    )
    date_from = fields.Date("Valid From", tracking=True)
    date_to = fields.Date("Valid To", tracking=True)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("operation_id", "workcenter_id", "product_id", "grade", "rate_type")
    def _compute_name(self):
        for rule in self:
            parts = [
                rule.operation_id.name or rule.workcenter_id.name or _("Any operation"),
                rule.product_id.display_name,
                rule.grade,
            ]
            rule.name = " / ".join(p for p in parts if p)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # sudo: wage lines are the payroll's history, whoever deletes the rule
        lines = self.env["shopfloor.wage.line"].sudo().with_context(active_test=False)
        if lines.search_count([("rule_id", "in", self.ids)], limit=1):
            raise UserError(
                _("This rate was used to compute wages: archive it or end its validity instead.")
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rule in self:
            if rule.date_from and rule.date_to and rule.date_from > rule.date_to:
                raise ValidationError(_("The rule %(name)s ends before it starts.", name=rule.name))

    @api.constrains("rate", "overtime_multiplier")
    def _check_rate(self):
        for rule in self:
            if rule.rate < 0:
                raise ValidationError(_("A rate cannot be negative."))
            if rule.overtime_multiplier < 1:
                raise ValidationError(_("The overtime multiplier must be at least 1."))

    def _get_rule_dicts(self, company):
        """All active rules of ``company`` as plain dicts (rates in company currency)."""
        rules = self.search([("company_id", "=", company.id)])
        today = fields.Date.context_today(self)
        result = []
        for rule in rules:
            rate, scrap = rule.rate, rule.operator_scrap_rate
            if rule.currency_id != company.currency_id:
                rate = rule.currency_id._convert(rate, company.currency_id, company, today)
                scrap = rule.currency_id._convert(scrap, company.currency_id, company, today)
            result.append(
                {
                    "id": rule.id,
                    "operation_id": rule.operation_id.id,
                    "product_id": rule.product_id.id,
                    "workcenter_id": rule.workcenter_id.id,
                    "grade": rule.grade or False,
                    "date_from": rule.date_from,
                    "date_to": rule.date_to,
                    "rate_type": rule.rate_type,
                    "rate": rate,
                    "operator_scrap_rate": scrap,
                    "material_scrap_paid": rule.material_scrap_paid,
                    "overtime_multiplier": rule.overtime_multiplier,
                }
            )
        return result
