// Network, outbox (waiting / refused actions) and the page's error, on every page.
const { getStore } = require("../../lib/store.js");

Component({
    properties: {
        error: { type: Object, value: null },
    },
    data: { t: {}, online: true, pending: 0, failed: [] },
    lifetimes: {
        attached() {
            this.store = getStore();
            this._unsubscribe = this.store.subscribe(() => this.sync());
            this.sync();
        },
        detached() {
            if (this._unsubscribe) {
                this._unsubscribe();
            }
        },
    },
    methods: {
        sync() {
            const s = this.store.state;
            this.setData({ t: this.store.strings(), online: s.online, pending: s.pending, failed: s.failed });
        },
        onFlush() {
            return this.store.flush();
        },
        onDismiss(e) {
            return this.store.dismiss(e.currentTarget.dataset.id);
        },
    },
});
