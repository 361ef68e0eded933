from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    shopfloor_wage_split = fields.Selection(
        related="company_id.shopfloor_wage_split", readonly=False
    )
    shopfloor_wage_journal_id = fields.Many2one(
        related="company_id.shopfloor_wage_journal_id", readonly=False
    )
    shopfloor_wage_expense_account_id = fields.Many2one(
        related="company_id.shopfloor_wage_expense_account_id", readonly=False
    )
    shopfloor_wage_payable_account_id = fields.Many2one(
        related="company_id.shopfloor_wage_payable_account_id", readonly=False
    )
