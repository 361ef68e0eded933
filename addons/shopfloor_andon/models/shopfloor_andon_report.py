from odoo import api, models

from ..tools import andon

GROUPS = {"type": "type_id", "workcenter": "workcenter_id", "team": "team_id"}


class ShopfloorAndonReport(models.AbstractModel):
    """Mean time to acknowledge and to resolve by type, work center or team (weighted by
    the exceptions, never a mean of means), the Pareto of causes, the repeats."""

    _name = "shopfloor.andon.report"
    _description = "Andon Report"

    @api.model
    def _get_report(self, date_from, date_to, group_by="type", company=None):
        field = GROUPS[group_by]
        Exception_ = self.env["shopfloor.andon.exception"]
        domain = [
            ("raised_at", ">=", date_from),
            ("raised_at", "<", date_to),
            ("state", "!=", "cancel"),
        ]
        if company:
            domain.append(("company_id", "=", company.id))
        exceptions = Exception_.search_fetch(
            domain,
            [
                field,
                "ack_minutes",
                "resolve_minutes",
                "acknowledged_at",
                "resolved_at",
                "cause_id",
                "is_repeat",
            ],  # fmt: skip
        )
        rows = [
            (
                exc[field].id or False,
                exc.ack_minutes if exc.acknowledged_at else None,
                exc.resolve_minutes if exc.resolved_at else None,
            )
            for exc in exceptions
        ]
        means = andon.weighted_means(rows)
        names = {rec.id: rec.display_name for rec in exceptions.mapped(field)}
        causes = {}
        for exc in exceptions.filtered("cause_id"):
            causes[exc.cause_id.display_name] = causes.get(exc.cause_id.display_name, 0) + 1
        return {
            "total": means.get(None, {"count": 0, "mtta": None, "mttr": None}),
            "groups": [
                dict(values, id=key or None, name=names.get(key, ""))
                for key, values in means.items()
                if key is not None
            ],
            "pareto": [
                {"cause": cause, "count": n, "share": share, "cumulative": cum}
                for cause, n, share, cum in andon.pareto(causes)
            ],
            "repeats": len(exceptions.filtered("is_repeat")),
        }
