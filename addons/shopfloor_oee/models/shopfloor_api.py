from odoo import api, models
from odoo.addons.shopfloor_mp.tools.api import Endpoint, ShopfloorError
from odoo.addons.shopfloor_mp.tools.params import Params, bad
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

MAX_BATCH = 1000


class ShopfloorApi(models.AbstractModel):
    """OEE endpoints: machine gateways push states and counts, boards read the live status."""

    _inherit = "shopfloor.api"

    @api.model
    def _get_endpoints(self):
        endpoints = super()._get_endpoints()
        endpoints["machine/events"] = Endpoint("_api_machine_events", auth="device", write=True)
        endpoints["oee/live"] = Endpoint("_api_oee_live", auth="any")
        return endpoints

    def _api_machine_events(self, ctx, params):
        """A batch of machine events from a PLC / IoT gateway (device token).

        params: ``events``: list of ``{"id", "workcenter" (code or id), "ts" (ISO 8601 or
        epoch), "state", "reason" (code), "equipment" (serial or id)}`` for state changes
        and ``{"id", "workcenter", "ts", "good", "reject", "product"}`` for part counts.
        Each event id is recorded once: a batch sent again is answered with duplicates.
        """
        events = Params(params).raw("events", required=True)
        if not isinstance(events, list):
            raise bad("events", "list")
        if len(events) > MAX_BATCH:
            raise ShopfloorError(
                "SF_OEE_BATCH_TOO_LARGE",
                _lt("Send at most %(max)s events per batch."),
                max=MAX_BATCH,
            )
        # No sudo: the gateway writes as the API user (group Shop-floor API: machine states,
        # counts and the KPIs they change), restricted to the device's company.
        gateway = self.env["shopfloor.oee.gateway"].with_company(ctx.company)
        return gateway._ingest(events, company=ctx.company, now=ctx.now)

    def _api_oee_live(self, ctx, params):
        """Current state and today's OEE of the work centers (all, or ``workcenter_ids``)."""
        p = Params(params)
        ids = p.ids("workcenter_ids")
        Workcenter = self.env["mrp.workcenter"].with_company(ctx.company)
        domain = [("company_id", "in", [ctx.company.id, False])]
        if ids is not None:
            domain.append(("id", "in", ids))
        workcenters = Workcenter.search(domain)
        return {"workcenters": Workcenter._oee_live_json(workcenters)}
