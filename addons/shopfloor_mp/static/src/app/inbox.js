/** My inbox (to-dos and notices of shopfloor_mp's my/inbox) and a leader's lot trace. */

import { onWillStart, useState } from "@odoo/owl";
import { traceProductions, traceRows } from "@shopfloor_mp/api/trace";
import { parseCode } from "@shopfloor_mp/api/scan";
import { ScanBar } from "./scanner";
import { Screen, guarded } from "./screens";

export class Inbox extends Screen {
    static template = "shopfloor_mp.Inbox";

    setup() {
        super.setup();
        this.ui = useState({ open: null });
        onWillStart(() => guarded(this.store, () => this.store.loadInbox()));
    }

    get items() {
        return ((this.s.inbox && this.s.inbox.items) || []).filter((i) => i.state !== "done");
    }

    /** Open an item: its body shows, and it counts as read. */
    async toggle(item) {
        this.ui.open = this.ui.open === item.id ? null : item.id;
        if (item.state === "new") {
            await guarded(this.store, () => this.store.inboxMark("read", [item.id]));
        }
    }

    done(item) {
        return guarded(this.store, () => this.store.inboxMark("done", [item.id]));
    }

    readAll() {
        const ids = this.items.filter((i) => i.state === "new").map((i) => i.id);
        if (ids.length) {
            return guarded(this.store, () => this.store.inboxMark("read", ids));
        }
    }
}

export class Trace extends Screen {
    static template = "shopfloor_mp.Trace";
    static components = { ScanBar };

    setup() {
        super.setup();
        this.ui = useState({ direction: (this.s.trace && this.s.trace.direction) || "backward" });
    }

    get rows() {
        return this.s.trace ? traceRows(this.s.trace.data, this.s.trace.direction) : [];
    }

    get productions() {
        return this.s.trace ? traceProductions(this.s.trace.data) : [];
    }

    get data() {
        return this.s.trace && this.s.trace.data;
    }

    setDirection(direction) {
        this.ui.direction = direction;
        if (this.s.trace && this.s.trace.direction !== direction) {
            return this.onCode(this.s.trace.query);
        }
    }

    onCode(text) {
        const query = parseCode(text) || text.trim();
        if (query) {
            return guarded(this.store, () => this.store.trace(this.ui.direction, query));
        }
    }
}
