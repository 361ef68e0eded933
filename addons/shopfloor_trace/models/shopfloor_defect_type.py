from odoo import fields, models


class ShopfloorDefectType(models.Model):
    _inherit = "shopfloor.defect.type"

    severity = fields.Selection(
        [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")],
        default="minor",
        required=True,
        help="A critical defect found by a check puts the lot on hold.",
    )
    quality_point_ids = fields.Many2many(
        "shopfloor.quality.point",
        string="Quality Points",
        help="Quality points counting this defect type.",
    )

    def _get_usage_fields(self):
        return [
            *super()._get_usage_fields(),
            ("shopfloor.quality.check.defect", "defect_type_id"),
            ("shopfloor.quality.alert", "defect_type_id"),
        ]
