// My reports of today (my/reports), the last known answer offline.
const { pageBehavior } = require("../../lib/page.js");

Component({
    behaviors: [pageBehavior()],
    data: { reports: [], totals: { qty_good: 0, qty_scrap: 0 }, stale: "" },
    methods: {
        onLoad() {
            if (!this.requireAuth()) {
                return undefined;
            }
            wx.setNavigationBarTitle({ title: this.store.t("reports") });
            return this.run(async () => {
                const { data, stale } = await this.store.read("my/reports", {}, "my_reports");
                this.setData({
                    reports: data.reports || [],
                    totals: data.totals || { qty_good: 0, qty_scrap: 0 },
                    stale: stale ? stale.toISOString().slice(0, 16).replace("T", " ") : "",
                });
            });
        },
    },
});
