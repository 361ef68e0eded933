import base64

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import qr
from ..tools.api import error


class ShopfloorCode(models.Model):
    """The code -> record table behind every QR code workers scan."""

    _name = "shopfloor.code"
    _description = "Shop-floor QR Code"
    _rec_name = "code"

    code = fields.Char(required=True, index=True, readonly=True, copy=False)
    res_model = fields.Char("Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        "Record", model_field="res_model", required=True, readonly=True
    )
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    active = fields.Boolean(default=True, help="Archive to invalidate printed codes.")

    _sql_constraints = [
        ("code_uniq", "unique (code)", "QR code collision."),
        ("record_uniq", "unique (res_model, res_id)", "A record has one QR code."),
    ]

    @api.model
    def _get_scannable_models(self):
        """Override point: models a worker may scan, with how the API presents them."""
        return {
            "mrp.workorder": "workorder",
            "mrp.production": "production",
            "mrp.workcenter": "workcenter",
            "hr.employee": "employee",
        }

    @api.model
    def _get_codes(self, records):
        """{record id: code} for ``records``, creating missing codes (one query)."""
        if not records:
            return {}
        model = records._name
        existing = dict(
            # sudo: codes are the framework's own table; ids come from readable records
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("res_model", "=", model), ("res_id", "in", records.ids)], ["res_id", "code"]
            )
            .mapped(lambda c: (c.res_id, c.code))
        )
        missing = [r for r in records if r.id not in existing]
        if missing:
            company_field = "company_id" if "company_id" in records._fields else None
            # Two scans of a record without a code (a job card's first reads, in
            # parallel) would both create one: the second insert gives way. A code
            # committed meanwhile by another transaction is a serialization failure in
            # PostgreSQL's repeatable read, and Odoo retries the request, which then
            # reads it (create() would raise a unique violation, answered as an error).
            rows = SQL(", ").join(
                SQL(
                    "(%s, %s, %s, %s, TRUE, %s, NOW() AT TIME ZONE 'UTC', %s, "
                    "NOW() AT TIME ZONE 'UTC')",
                    qr.new_code(),
                    model,
                    rec.id,
                    (rec[company_field].id or None) if company_field else None,
                    self.env.uid,
                    self.env.uid,
                )
                for rec in missing
            )
            created = self.env.execute_query(
                SQL(
                    """INSERT INTO shopfloor_code (code, res_model, res_id, company_id, active,
                                                   create_uid, create_date, write_uid, write_date)
                       VALUES %s
                       ON CONFLICT (res_model, res_id) DO NOTHING
                       RETURNING res_id, code""",
                    rows,
                )
            )
            existing.update(dict(created))
        return existing

    @api.model
    def _get_url(self, record):
        # sudo: the base URL is a system parameter
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return qr.make_url(base, self._get_codes(record)[record.id])

    @api.model
    def _resolve(self, payload, company=None):
        """The record behind a scanned payload, or SF_UNKNOWN_CODE / SF_OTHER_COMPANY."""
        code = qr.parse(payload)
        if not code:
            raise error("SF_UNKNOWN_CODE")
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT res_model, res_id, company_id FROM shopfloor_code "
                "WHERE code = %s AND active",
                code,
            )
        )
        row = self.env.cr.fetchone()
        if not row or row[0] not in self._get_scannable_models():
            raise error("SF_UNKNOWN_CODE")
        res_model, res_id, company_id = row
        if company and company_id and company_id != company.id:
            raise error("SF_OTHER_COMPANY")
        record = self.env[res_model].browse(res_id).exists()
        if not record:
            raise error("SF_UNKNOWN_CODE")
        return record

    def _qr_svg(self):
        self.ensure_one()
        # sudo: the base URL is a system parameter
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        return qr.qr_svg(qr.make_url(base, self.code))

    @api.model
    def _get_qr_data_uri(self, record):
        """A PNG data URI of ``record``'s QR code, for QWeb reports (job cards, badges)."""
        return (
            "data:image/png;base64," + base64.b64encode(qr.qr_png(self._get_url(record))).decode()
        )
