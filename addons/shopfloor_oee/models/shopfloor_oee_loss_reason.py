from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.oee import SIX_BIG_LOSS_ODOO_TYPE

STATE_SELECTION = [
    ("running", "Running"),
    ("idle", "Idle"),
    ("down", "Down"),
    ("setup", "Setup"),
    ("planned_stop", "Planned Stop"),
    ("offline", "Offline"),
]
SIX_BIG_LOSS_SELECTION = [
    ("breakdown", "Equipment Failure"),
    ("setup", "Setup and Adjustments"),
    ("small_stop", "Idling and Minor Stops"),
    ("speed", "Reduced Speed"),
    ("startup_reject", "Start-up Rejects"),
    ("production_reject", "Production Rejects"),
    ("planned", "Planned Stop (not a loss)"),
]


class ShopfloorOeeLossReason(models.Model):
    _name = "shopfloor.oee.loss.reason"
    _description = "OEE Loss Reason"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Code sent by machine gateways and workers for this reason (unique per company)."
    )
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one(
        "shopfloor.oee.loss.reason", string="Parent Reason", index=True, ondelete="cascade"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("shopfloor.oee.loss.reason", "parent_id", string="Sub-reasons")
    state = fields.Selection(
        STATE_SELECTION,
        default="down",
        required=True,
        help="Machine state recorded when this reason is reported.",
    )
    six_big_loss = fields.Selection(
        SIX_BIG_LOSS_SELECTION,
        string="Six Big Losses",
        default="breakdown",
        required=True,
    )
    odoo_loss_type = fields.Selection(
        [
            ("availability", "Availability"),
            ("performance", "Performance"),
            ("quality", "Quality"),
            ("productive", "Productive"),
        ],
        string="Odoo Loss Type",
        compute="_compute_odoo_loss_type",
        store=True,
    )
    mrp_loss_id = fields.Many2one(
        "mrp.workcenter.productivity.loss",
        string="Odoo Loss Reason",
        help="Odoo's productivity loss recorded for this reason, and the other way round: "
        "a work-order time log with this Odoo loss records this reason.",
    )
    is_breakdown = fields.Boolean(
        string="Breakdown",
        help="A down state with this reason opens a maintenance request for the equipment.",
    )
    maintenance_priority = fields.Selection(
        [("0", "Very Low"), ("1", "Low"), ("2", "Normal"), ("3", "High")],
        default="2",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: shared by all companies.")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a loss reason must be unique per company.",
        ),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for reason in self:
            if reason.parent_id:
                reason.complete_name = f"{reason.parent_id.complete_name} / {reason.name}"
            else:
                reason.complete_name = reason.name

    @api.depends("six_big_loss", "state")
    def _compute_odoo_loss_type(self):
        for reason in self:
            if reason.state == "running":
                reason.odoo_loss_type = "productive"
            else:
                reason.odoo_loss_type = SIX_BIG_LOSS_ODOO_TYPE.get(
                    reason.six_big_loss, "availability"
                )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_("A loss reason cannot be its own parent."))

    @api.model
    def _get_by_code(self, code, company=None):
        """The reason of a code sent by a gateway (company's own first, then shared)."""
        if not code:
            return self.browse()
        company = company or self.env.company
        return self.search(
            [("code", "=", code), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
