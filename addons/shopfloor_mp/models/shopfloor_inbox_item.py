import hashlib
import hmac

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

KIND_SELECTION = [("todo", "To-do"), ("notice", "Notice")]
STATE_SELECTION = [("new", "Unread"), ("read", "Read"), ("done", "Done")]


class ShopfloorInboxItem(models.Model):
    """One to-do or notice for one person: a worker (employee, no Odoo user needed), an
    Odoo user, or both when the employee has a user.

    Addons post items with :meth:`_sf_post`; workers read them through ``my/inbox``
    (live count on the bus channel of each of their tokens); Odoo users get the same
    to-do as a ``mail.activity`` (on the source record when it supports activities, on
    the item otherwise), and marking either done marks the other done.
    """

    _name = "shopfloor.inbox.item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Shop-floor Inbox Item"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char("Title", required=True)
    body = fields.Text()
    kind = fields.Selection(KIND_SELECTION, required=True, default="notice")
    category = fields.Char(
        index=True, help="Where the item comes from, e.g. andon, quality, wage_dispute."
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    employee_id = fields.Many2one("hr.employee", index="btree_not_null", ondelete="cascade")
    user_id = fields.Many2one("res.users", index="btree_not_null", ondelete="cascade")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    res_model = fields.Char("Source Model", index=True)
    res_id = fields.Many2oneReference("Source", model_field="res_model")
    state = fields.Selection(STATE_SELECTION, required=True, default="new", index=True)
    read_at = fields.Datetime(readonly=True)
    done_at = fields.Datetime(readonly=True)
    source_activity_id = fields.Many2one(
        "mail.activity", string="Odoo Activity", ondelete="set null", readonly=True, copy=False
    )
    key = fields.Char(
        help="Set by the poster: a second post with the same key to the same person is "
        "ignored (e.g. one item per exception and level).",
        copy=False,
    )

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS shopfloor_inbox_item_key_uniq ON "
                "shopfloor_inbox_item (key, COALESCE(employee_id, 0), COALESCE(user_id, 0)) "
                "WHERE key IS NOT NULL"
            )
        )
        # the unread badge of a worker: one index-only count
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS shopfloor_inbox_item_employee_open_idx ON "
                "shopfloor_inbox_item (employee_id, state) WHERE state != 'done'"
            )
        )

    @api.constrains("employee_id", "user_id")
    def _check_recipient(self):
        if any(not item.employee_id and not item.user_id for item in self):
            raise ValidationError(_("An inbox item needs an employee or a user."))

    # ------------------------------------------------------------------------------
    # posting
    # ------------------------------------------------------------------------------
    @api.model
    def _sf_post(self, recipients, title, body="", kind="notice", record=None, category=None,
                 key=None, priority="0", deadline=None):  # fmt: skip
        """Post one item to each of ``recipients`` (hr.employee and/or res.users records).

        An employee with an Odoo user gets one item that is both theirs and their user's.
        Returns the created items (none for recipients who already have ``key``).
        """
        # sudo: posting is done on behalf of the shop floor (a worker raising an
        # exception notifies a leader whose records the worker cannot write)
        Item = self.sudo().with_context(
            mail_create_nosubscribe=True,
            mail_create_nolog=True,
            tracking_disable=True,
            mail_notrack=True,
        )
        targets = []
        seen_employees, seen_users = set(), set()
        for rec in recipients:
            if rec._name == "hr.employee":
                pair = (rec.id, rec.sudo().user_id.id or False)
            else:
                pair = (rec.sudo().employee_ids[:1].id or False, rec.id)
            if (pair[0] and pair[0] in seen_employees) or (pair[1] and pair[1] in seen_users):
                continue
            seen_employees.add(pair[0])
            seen_users.add(pair[1])
            targets.append(pair)
        if key and targets:
            existing = Item.search_fetch([("key", "=", key)], ["employee_id", "user_id"])
            done = {(i.employee_id.id or False, i.user_id.id or False) for i in existing}
            targets = [t for t in targets if t not in done]
        if not targets:
            return Item.browse()
        company = (record and "company_id" in record._fields and record.company_id) or (
            self.env.company
        )
        items = Item.create(
            [
                {
                    "name": title[:200],
                    "body": body or False,
                    "kind": kind,
                    "category": category or False,
                    "priority": priority,
                    "employee_id": employee_id,
                    "user_id": user_id,
                    "company_id": company.id,
                    "res_model": record._name if record else False,
                    "res_id": record.id if record else False,
                    "key": key or False,
                }
                for employee_id, user_id in targets
            ]
        )
        items.filtered(lambda i: i.user_id and i.kind == "todo")._sf_create_activities(
            record, deadline
        )
        items.mapped("employee_id")._sf_notify_inbox_changed()
        return items

    def _sf_create_activities(self, record, deadline=None):
        """The Odoo side of users' to-dos: a mail.activity in their activity menu."""
        host_ok = record is not None and record and "activity_ids" in record._fields
        todo_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for item in self:
            host = record if host_ok else item
            # sudo: the poster (often the API's technical user) schedules a to-do for
            # somebody else on a record it may only read
            activity = (
                host.sudo()
                .with_context(mail_activity_quick_update=True)
                .activity_schedule(
                    activity_type_id=todo_type.id if todo_type else False,
                    summary=item.name[:100],
                    note=item.body or False,
                    user_id=item.user_id.id,
                    date_deadline=deadline or fields.Date.context_today(self),
                )
            )
            item.source_activity_id = activity.id

    # ------------------------------------------------------------------------------
    # state
    # ------------------------------------------------------------------------------
    def _sf_mark_read(self, when=None):
        todo = self.filtered(lambda i: i.state == "new")
        if todo:
            todo.write({"state": "read", "read_at": when or fields.Datetime.now()})
            todo.mapped("employee_id")._sf_notify_inbox_changed()
        return todo

    def _sf_mark_done(self, when=None, from_activity=False):
        todo = self.filtered(lambda i: i.state != "done")
        if not todo:
            return todo
        now = when or fields.Datetime.now()
        for item in todo:
            item.write({"state": "done", "done_at": now, "read_at": item.read_at or now})
        if not from_activity:
            activities = todo.sudo().source_activity_id.exists()
            # sudo: the worker's "done" closes the to-do of their own Odoo user
            activities.with_context(shopfloor_inbox_sync=True)._action_done()
        todo.mapped("employee_id")._sf_notify_inbox_changed()
        return todo

    @api.model
    def _sf_mark_done_by_key(self, key):
        """The poster's task is over (e.g. the exception was acknowledged): its items
        are done for everybody."""
        if key:
            self.sudo().search([("key", "=", key), ("state", "!=", "done")])._sf_mark_done()

    def action_mark_read(self):
        self._sf_mark_read()

    def action_mark_done(self):
        self._sf_mark_done()

    def action_open_source(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------------------
    # counts and JSON
    # ------------------------------------------------------------------------------
    @api.model
    def _sf_counts(self, domain):
        groups = self.sudo()._read_group(
            domain + [("state", "!=", "done")], ["state", "kind"], ["__count"]
        )
        unread = sum(count for state, _kind, count in groups if state == "new")
        todo = sum(count for _state, kind, count in groups if kind == "todo")
        return {"unread": unread, "todo_open": todo}

    def _sf_get_info(self):
        return [
            {
                "id": item.id,
                "title": item.name,
                "body": item.body or "",
                "kind": item.kind,
                "category": item.category or None,
                "priority": item.priority,
                "state": item.state,
                "date": fields.Datetime.to_string(item.create_date),
                "read_at": fields.Datetime.to_string(item.read_at) if item.read_at else None,
                "done_at": fields.Datetime.to_string(item.done_at) if item.done_at else None,
                "source": {"model": item.res_model, "id": item.res_id} if item.res_model else None,
            }
            for item in self
        ]

    @api.model
    def _sf_bus_channel(self, token):
        """The bus channel of a worker token: unguessable (HMAC of the token id with the
        database secret), stable for the token's life, given to its holder by my/inbox."""
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        digest = hmac.new(secret.encode(), f"sf-inbox:{token.id}".encode(), hashlib.sha256)
        return f"shopfloor_inbox_{digest.hexdigest()[:40]}"
