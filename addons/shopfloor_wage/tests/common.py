"""Test helpers of shopfloor_wage: the small line of shopfloor_mp's tests (a product made
in 3 operations, two workers and their leader, a confirmed MO, the in-process API)."""

from odoo.addons.shopfloor_mp.tests.common import ShopfloorCommon

__all__ = ["ShopfloorCommon"]
