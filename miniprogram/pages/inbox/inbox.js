// The inbox (my/inbox): messages and to-dos; read and done go through the outbox.
const { pageBehavior } = require("../../lib/page.js");

// where a message leads (the WeChat subscribe messages open this page too)
const PAGES = {
    wage_statement: () => "/pages/wages/wages",
    wage_dispute: () => "/pages/wages/wages",
};

Component({
    behaviors: [pageBehavior()],
    data: { items: [], unread: 0, unavailable: false },
    methods: {
        onLoad() {
            if (!this.requireAuth()) {
                return undefined;
            }
            wx.setNavigationBarTitle({ title: this.store.t("inbox") });
            return this.load();
        },
        load() {
            return this.run(async () => {
                try {
                    const { data } = await this.store.read("my/inbox", { state: "open" }, "inbox");
                    this.setData({ items: data.items || [], unread: data.unread || 0 });
                } catch (err) {
                    if (err.code === "SF_UNKNOWN_METHOD") {
                        this.setData({ unavailable: true });
                        return;
                    }
                    throw err;
                }
            });
        },
        counts(res) {
            if (res.status === "sent" && res.result && typeof res.result.unread === "number") {
                return { unread: res.result.unread };
            }
            return { unread: this.data.items.filter((i) => i.state === "new").length };
        },
        onRead(e) {
            const id = Number(e.currentTarget.dataset.id);
            const item = this.data.items.find((i) => i.id === id);
            if (!item) {
                return undefined;
            }
            return this.run(async () => {
                if (item.state === "new") {
                    const res = await this.store.act("my/inbox/read", { item_ids: [id] }, { label: this.store.t("mark_read"), workorder: item.title });
                    this.setData({ items: this.data.items.map((i) => (i.id === id ? { ...i, state: "read" } : i)) });
                    this.setData(this.counts(res));
                }
                const page = PAGES[item.category];
                if (page) {
                    wx.navigateTo({ url: page(item) });
                }
            });
        },
        onAllRead() {
            return this.run(async () => {
                const res = await this.store.act("my/inbox/read", { all: true }, { label: this.store.t("mark_all_read") });
                this.setData({ items: this.data.items.map((i) => (i.state === "new" ? { ...i, state: "read" } : i)) });
                this.setData(this.counts(res));
            });
        },
        onDone(e) {
            const id = Number(e.currentTarget.dataset.id);
            const item = this.data.items.find((i) => i.id === id);
            return this.run(async () => {
                const res = await this.store.act("my/inbox/done", { item_ids: [id] }, { label: this.store.t("mark_done"), workorder: item ? item.title : "" });
                this.setData({ items: this.data.items.filter((i) => i.id !== id) });
                this.setData(this.counts(res));
            });
        },
    },
});
