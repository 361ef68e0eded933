from odoo.tools import SQL

from . import models, wizard
from .models.stock_move_line import TRACE_INDEX


def uninstall_hook(env):
    """Drop the lot index of the genealogy queries."""
    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(TRACE_INDEX)))
