import datetime
import zoneinfo

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import oee


class ShopfloorOeeShift(models.Model):
    _name = "shopfloor.oee.shift"
    _description = "OEE Shift"
    _order = "sequence, hour_from, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    hour_from = fields.Float(string="Starts at", required=True, default=8.0)
    hour_to = fields.Float(
        string="Ends at",
        required=True,
        default=17.0,
        help="An end before the start means the shift ends the next day (22:00 - 06:00).",
    )
    duration = fields.Float(string="Length (hours)", compute="_compute_duration")
    workcenter_ids = fields.Many2many(
        "mrp.workcenter",
        "shopfloor_oee_shift_workcenter_rel",
        "shift_id",
        "workcenter_id",
        string="Work Centers",
        help="Work centers working this shift (besides, with 'Default', those without shifts "
        "of their own).",
    )
    is_default = fields.Boolean(
        string="Default",
        default=True,
        help="Worked by every work center of the company that has no shifts of its own.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()

    @api.depends("hour_from", "hour_to")
    def _compute_duration(self):
        for shift in self:
            diff = shift.hour_to - shift.hour_from
            shift.duration = diff if diff > 0 else diff + 24

    @api.constrains("hour_from", "hour_to")
    def _check_hours(self):
        for shift in self:
            if not (0 <= shift.hour_from < 24 and 0 <= shift.hour_to <= 24):
                raise ValidationError(_("Shift hours must be between 00:00 and 24:00."))
            if shift.hour_from == shift.hour_to % 24 and shift.hour_to != 24:
                raise ValidationError(_("A shift cannot start and end at the same hour."))

    def _get_window(self, day, tz):
        """UTC (naive) start and end of this shift starting on local ``day``."""
        self.ensure_one()
        return oee.shift_window(day, self.hour_from, self.hour_to, tz)

    @api.model
    def _get_tz(self, workcenter):
        calendar = workcenter.oee_calendar_id or workcenter.resource_calendar_id
        name = calendar.tz or workcenter.company_id.partner_id.tz or self.env.user.tz or "UTC"
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return datetime.timezone.utc

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        # sudo: the KPI history must be seen whoever deletes
        if (
            self.env["shopfloor.oee.kpi"]
            .sudo()
            .search_count([("shift_id", "in", self.ids)], limit=1)
        ):
            raise UserError(_("This shift has OEE history: archive it instead of deleting it."))
