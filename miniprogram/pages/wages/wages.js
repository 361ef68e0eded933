// My wages (wage/my: today and this month, with the lines) and a dispute of a line
// (wage/dispute, through the outbox). Subscribe messages: "wage statement ready" and
// "dispute answered" (template ids from config.js), asked in the tap handlers.
const { pageBehavior } = require("../../lib/page.js");
const { ApiError } = require("../../lib/api/rpc.js");

Component({
    behaviors: [pageBehavior()],
    data: { wages: null, lines: [], stale: "", disputing: null, reason: "", sent: false, subscribed: false },
    methods: {
        onLoad() {
            if (!this.requireAuth()) {
                return undefined;
            }
            wx.setNavigationBarTitle({ title: this.store.t("wages") });
            return this.load();
        },
        load() {
            return this.run(async () => {
                const { data, stale } = await this.store.read("wage/my", { lines: true }, "wages");
                const disputed = new Set(this.localDisputes || []);
                const lines = ((data.month && data.month.lines) || []).map((l) => ({ ...l, disputed: l.disputed || disputed.has(l.id) }));
                this.setData({ wages: data, lines, stale: stale ? stale.toISOString().slice(0, 16).replace("T", " ") : "" });
            });
        },
        onSubscribe() {
            // must be called in the tap itself (WeChat refuses it after an await)
            return this.store.requestSubscribe(["wage_statement_ready", "dispute_answered"]).then((res) => {
                if (res && !res.failed && !res.skipped) {
                    this.setData({ subscribed: true });
                }
            });
        },
        onDispute(e) {
            this.setData({ disputing: Number(e.currentTarget.dataset.id), reason: "", sent: false });
        },
        onReason(e) {
            this.setData({ reason: e.detail.value });
        },
        onCancel() {
            this.setData({ disputing: null, reason: "" });
        },
        onSend() {
            const lineId = this.data.disputing;
            const reason = String(this.data.reason || "").trim();
            const consent = reason ? this.store.requestSubscribe(["dispute_answered"]) : Promise.resolve(null);
            return this.run(async () => {
                if (!reason) {
                    throw new ApiError({ code: "SF_BAD_PARAMS", messageZh: "请填写申诉理由。", messageEn: "Say why this line is wrong." });
                }
                await consent;
                const line = this.data.lines.find((l) => l.id === lineId);
                await this.store.act(
                    "wage/dispute",
                    { line_id: lineId, reason },
                    { label: this.store.t("dispute"), workorder: line ? `${line.work_date} ${line.operation || ""}` : "" },
                );
                this.localDisputes = [...(this.localDisputes || []), lineId];
                this.setData({
                    disputing: null,
                    reason: "",
                    sent: true,
                    lines: this.data.lines.map((l) => (l.id === lineId ? { ...l, disputed: true } : l)),
                });
            });
        },
    },
});
