// My work: the worker's work orders (the last known list at once, offline too), the
// scanner (job cards, lots, work centers, machines, badges) and the other pages.
const { pageBehavior } = require("../../lib/page.js");
const { ApiError } = require("../../lib/api/rpc.js");

function when(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return date ? `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}` : "";
}

Component({
    behaviors: [pageBehavior()],
    data: { workorders: [], stale: "", who: "", listTitle: "", unread: 0 },
    methods: {
        onLoad() {
            if (!this.requireAuth()) {
                return undefined;
            }
            const auth = this.store.state.auth;
            this.setData({ who: (auth.employee && auth.employee.name) || "" });
            const cached = this.store.cached("my_workorders");
            if (cached) {
                this.setData({ workorders: cached.data.workorders || [] });
            }
            return this.load();
        },
        onShow() {
            this.setTitle();
            if (this.shown && this.store.state.auth) {
                this.load(); // back from a work order: its new quantities
            }
            this.shown = true;
        },
        setTitle() {
            wx.setNavigationBarTitle({ title: this.store.t("my_work") });
        },
        onPullDownRefresh() {
            return this.load().then(() => wx.stopPullDownRefresh && wx.stopPullDownRefresh());
        },
        load() {
            return this.run(async () => {
                const { data, stale } = await this.store.read("my/workorders", {}, "my_workorders");
                this.setData({ workorders: data.workorders || [], stale: when(stale), listTitle: "" });
                this.loadUnread();
            });
        },
        /** The inbox's unread count on its button (quietly: no inbox, no count). */
        loadUnread() {
            return this.store.client
                .call("my/inbox", { state: "unread", limit: 1 })
                .then((res) => this.setData({ unread: res.unread || 0 }))
                .catch(() => {});
        },
        onRefresh() {
            this.store.flush();
            return this.load();
        },
        onOpen(e) {
            wx.navigateTo({ url: `/pages/workorder/workorder?id=${e.currentTarget.dataset.id}` });
        },
        onGo(e) {
            wx.navigateTo({ url: `/pages/${e.currentTarget.dataset.page}/${e.currentTarget.dataset.page}` });
        },
        onScan() {
            return this.run(async () => {
                const text = await this.store.scanText();
                if (!text) {
                    return;
                }
                const answer = await this.store.resolveScan(text);
                this.route(answer);
            });
        },
        /** Where a scan leads: each kind of code to its page. */
        route(answer) {
            switch (answer.type) {
                case "workorder":
                    wx.navigateTo({ url: `/pages/workorder/workorder?id=${answer.workorder.id}` });
                    break;
                case "lot":
                    wx.navigateTo({ url: `/pages/lot/lot?code=${answer.code || ""}&id=${answer.lot.id}` });
                    break;
                case "equipment":
                    wx.navigateTo({ url: `/pages/andon/andon?code=${answer.code || ""}` });
                    break;
                case "workcenter":
                    this.setData({ workorders: answer.workcenter.workorders || [], listTitle: answer.workcenter.name, stale: "" });
                    break;
                case "employee":
                    wx.showToast({ title: `${this.store.t("badge_scanned")}: ${answer.employee.name}`, icon: "none" });
                    break;
                case "production":
                    wx.showToast({ title: String((answer.production && answer.production.name) || ""), icon: "none" });
                    break;
                default:
                    throw new ApiError({ code: "SF_UNKNOWN_CODE", message: "" });
            }
        },
        onLang() {
            this.store.setLang(this.data.lang === "en_US" ? "zh_CN" : "en_US");
            this.setTitle();
        },
        onSignOut() {
            return this.run(async () => {
                await this.store.signOut();
                wx.reLaunch({ url: "/pages/login/login" });
            });
        },
    },
});
