from odoo import models
from odoo.models import parse_read_group_spec
from odoo.tools import SQL


class ShopfloorOeeRatioMixin(models.AbstractModel):
    """Ratios aggregated from the sums they are made of (ISO 22400), never averaged.

    A model lists in :meth:`_get_oee_ratio_defs` its ratio fields as
    ``(numerator, denominator, factor)`` of summed fields; every grouped read of such a
    field (pivot, graph, list footers, ``_read_group``) then computes, per group, the
    ratio of the group's sums: the availability of two shifts is their run time over
    their planned busy time, whatever their lengths, not the mean of two percentages.
    """

    _name = "shopfloor.oee.ratio.mixin"
    _description = "OEE ratios aggregated from sums"

    def _get_oee_ratio_defs(self):
        """``{ratio field: ([numerator fields], [denominator fields], factor)}``: the
        ratio is ``factor * prod(SUM(numerator)) / prod(SUM(denominator))``."""
        return {}

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "__count":
            fname, property_name, func = parse_read_group_spec(aggregate_spec)
            definition = self._get_oee_ratio_defs().get(fname)
            if definition and not property_name and func in ("avg", "sum"):
                return self._oee_ratio_sql(definition, query)
        return super()._read_group_select(aggregate_spec, query)

    def _oee_ratio_sql(self, definition, query):
        numerators, denominators, factor = definition

        def total(fname):
            # _field_to_sql checks the field is readable, as for any aggregate
            return SQL("SUM(%s)", self._field_to_sql(self._table, fname, query))

        numerator = SQL(" * ").join([SQL("%s::float", factor)] + [total(f) for f in numerators])
        denominator = SQL(" * ").join(SQL("NULLIF(%s, 0)", total(f)) for f in denominators)
        return SQL("COALESCE(%s / (%s), 0)", numerator, denominator)
