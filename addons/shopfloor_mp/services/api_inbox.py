"""Handlers of ``my/inbox*``: the message and to-do centre of the caller.

The caller is a worker (worker token, or shared terminal + badge) or an Odoo user
(API key): each sees only their own items. Registered in models/shopfloor_api_inbox.py.
"""

from odoo import api, models
from odoo.tools.translate import LazyTranslate

from ..tools.api import ShopfloorError
from ..tools.params import Params, bad

_lt = LazyTranslate(__name__)

MAX_IDS = 500
MESSAGES = {
    "SF_INBOX_UNKNOWN_ITEM": _lt("These messages are not in your inbox: %(ids)s"),
    "SF_INBOX_NO_RECIPIENT": _lt("Identify yourself first: this inbox belongs to a person."),
}


def error(code, **details):
    return ShopfloorError(code, MESSAGES[code], **details)


class ShopfloorApiInbox(models.AbstractModel):
    _name = "shopfloor.api.inbox"
    _description = "Shop-floor API: inbox"

    @api.model
    def _get_owner_domain(self, ctx):
        if ctx.employee:
            return [("employee_id", "=", ctx.employee.id)]
        if ctx.user and not ctx.token:
            return [("user_id", "=", ctx.user.id)]
        raise error("SF_INBOX_NO_RECIPIENT")

    @api.model
    def _get_items(self, ctx, p, name="item_ids"):
        """The caller's items named by ``item_ids`` (all of them must be theirs)."""
        ids = p.raw(name, required=True)
        if (
            not isinstance(ids, list)
            or not ids
            or len(ids) > MAX_IDS
            or not all(isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids)
        ):
            raise bad(name, "list_ids_max", max=MAX_IDS)
        # sudo: the caller's own items, filtered on the owner below
        items = (
            self.env["shopfloor.inbox.item"]
            .sudo()
            .search(self._get_owner_domain(ctx) + [("id", "in", ids)])
        )
        missing = sorted(set(ids) - set(items.ids))
        if missing:
            raise error("SF_INBOX_UNKNOWN_ITEM", ids=missing[:20])
        return items

    def _answer_counts(self, ctx):
        Item = self.env["shopfloor.inbox.item"]
        return Item._sf_counts(self._get_owner_domain(ctx))

    def _api_my_inbox(self, ctx, params):
        """The caller's items, newest first: ``state`` open (not done, default) / unread /
        all, ``kind`` todo / notice, ``before_id`` to page; counts and the bus channel."""
        p = Params(params)
        state = p.str("state", required=False, default="open", max_len=16)
        kind = p.str("kind", required=False, max_len=16)
        limit = p.int("limit", required=False, default=50)
        before_id = p.int("before_id", required=False)
        if state not in ("open", "unread", "all"):
            raise bad("state", "one_of", values="open, unread, all")
        if kind and kind not in ("todo", "notice"):
            raise bad("kind", "one_of", values="todo, notice")
        domain = self._get_owner_domain(ctx)
        owner = list(domain)
        if state == "open":
            domain.append(("state", "!=", "done"))
        elif state == "unread":
            domain.append(("state", "=", "new"))
        if kind:
            domain.append(("kind", "=", kind))
        if before_id:
            domain.append(("id", "<", before_id))
        # sudo: the caller's own items (owner domain above)
        items = self.env["shopfloor.inbox.item"].sudo().search(domain, limit=min(limit, 200))
        result = {
            "items": items._sf_get_info(),
            **self.env["shopfloor.inbox.item"]._sf_counts(owner),
            "bus_channel": None,
        }
        if ctx.token and ctx.token.kind == "worker":
            result["bus_channel"] = self.env["shopfloor.inbox.item"]._sf_bus_channel(ctx.token)
        return result

    def _api_my_inbox_read(self, ctx, params):
        """Mark ``item_ids`` read (or every unread item with ``all``: true)."""
        p = Params(params)
        if p.bool("all", default=False):
            items = (
                self.env["shopfloor.inbox.item"]
                .sudo()  # the caller's own items
                .search(self._get_owner_domain(ctx) + [("state", "=", "new")])
            )
        else:
            items = self._get_items(ctx, p)
        changed = items._sf_mark_read(ctx.now)
        return {"changed": len(changed), **self._answer_counts(ctx)}

    def _api_my_inbox_done(self, ctx, params):
        """Mark ``item_ids`` done (a to-do handled, a notice dismissed)."""
        items = self._get_items(ctx, Params(params))
        changed = items._sf_mark_done(ctx.now)
        return {"changed": len(changed), **self._answer_counts(ctx)}
