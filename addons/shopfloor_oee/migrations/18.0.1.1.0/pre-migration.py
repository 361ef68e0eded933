# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: OEE loss lines keep only their own columns.

Work center, shift, day, company and Six Big Loss became related fields of the shift row
and the reason, and the lines lost their log-access columns. The ORM leaves dropped
columns (and their foreign keys, one trigger per inserted line) in place: drop them here.
The lines themselves are unchanged.
"""

from odoo.tools import SQL

OBSOLETE = (
    "workcenter_id",
    "shift_id",
    "date",
    "company_id",
    "six_big_loss",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)


def migrate(cr, version):
    if not version:
        return
    for column in OBSOLETE:
        cr.execute(
            SQL(
                "ALTER TABLE shopfloor_oee_loss DROP COLUMN IF EXISTS %s",
                SQL.identifier(column),
            )
        )
    # the unique (kpi_id, state, reason) index serves the lookups by shift row
    cr.execute(SQL("DROP INDEX IF EXISTS shopfloor_oee_loss__kpi_id_index"))
