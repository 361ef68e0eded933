from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    shopfloor_wage_split = fields.Selection(
        [
            ("time", "By time share"),
            ("equal", "Equally"),
            ("reporter", "To who reported"),
        ],
        string="Shared Work Split",
        default="time",
        required=True,
        help="How the quantity of a work order worked on by several employees on a day "
        "is split between them.",
    )
    shopfloor_wage_journal_id = fields.Many2one(
        "account.journal", "Wage Journal", domain=[("type", "=", "general")]
    )
    shopfloor_wage_expense_account_id = fields.Many2one(
        "account.account",
        "Wage Expense / WIP Account",
        help="Debited with the wages of a locked statement; credited with the labour "
        "absorbed into finished products (real-time valuation).",
    )
    shopfloor_wage_payable_account_id = fields.Many2one(
        "account.account", "Wages Payable Account", help="Credited when a statement is locked."
    )
