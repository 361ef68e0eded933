from odoo import api, fields, models
from odoo.tools import SQL

from .shopfloor_oee_state_event import SOURCE_SELECTION


class ShopfloorOeeCount(models.Model):
    _name = "shopfloor.oee.count"
    _description = "OEE Part Count"
    _order = "date desc, id desc"
    _check_company_auto = True

    workcenter_id = fields.Many2one(
        "mrp.workcenter", required=True, index=True, check_company=True, ondelete="cascade"
    )
    equipment_id = fields.Many2one("maintenance.equipment")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    product_id = fields.Many2one("product.product")
    workorder_id = fields.Many2one("mrp.workorder", index="btree_not_null")
    qty_good = fields.Float(string="Good", digits="Product Unit of Measure")
    qty_reject = fields.Float(string="Rejected", digits="Product Unit of Measure")
    source = fields.Selection(SOURCE_SELECTION, required=True, default="manual")
    uid = fields.Char(string="Event ID", copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        ("uid_company_uniq", "unique(uid, company_id)", "This count was already received."),
        (
            "qty_positive",
            "CHECK(qty_good >= 0 AND qty_reject >= 0)",
            "Counted quantities cannot be negative.",
        ),
    ]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_oee_count_wc_date_idx "
                "ON shopfloor_oee_count (workcenter_id, date)"
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("workcenter_id") and "company_id" not in vals:
                wc = self.env["mrp.workcenter"].browse(vals["workcenter_id"])
                vals["company_id"] = wc.company_id.id or self.env.company.id
        return super().create(vals_list)
