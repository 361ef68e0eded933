// Raise an exception (andon/raise) on the work order it was opened from, or on a
// scanned machine / work center code; my open exceptions below (andon/list mine).
// Shown as unavailable when the server has no andon addon (SF_UNKNOWN_METHOD).
const { pageBehavior } = require("../../lib/page.js");
const { ApiError } = require("../../lib/api/rpc.js");
const { parseCode } = require("../../lib/api/scan.js");

Component({
    behaviors: [pageBehavior()],
    data: { types: [], typeIndex: -1, note: "", urgent: false, whereLabel: "", raised: null, duplicate: false, raisedQueued: false, open: [], unavailable: false },
    methods: {
        onLoad(query = {}) {
            if (!this.requireAuth()) {
                return undefined;
            }
            wx.setNavigationBarTitle({ title: this.store.t("raise_exception") });
            this.workorderId = query.workorder_id ? Number(query.workorder_id) : null;
            this.code = query.code || null;
            this.setData({ whereLabel: this.workorderId ? `${this.store.t("workorder")} #${this.workorderId}` : this.code || "" });
            return this.load();
        },
        load() {
            return this.run(async () => {
                try {
                    const { data } = await this.store.read("andon/types", {}, "andon_types");
                    this.setData({ types: data.types || [] });
                } catch (err) {
                    if (err.code === "SF_UNKNOWN_METHOD") {
                        this.setData({ unavailable: true });
                        return;
                    }
                    throw err;
                }
                const { data } = await this.store.read("andon/list", { mine: true }, "andon_mine");
                this.setData({ open: data.exceptions || [] });
            });
        },
        onType(e) {
            this.setData({ typeIndex: Number(e.detail.value) });
        },
        onNote(e) {
            this.setData({ note: e.detail.value });
        },
        onUrgent(e) {
            this.setData({ urgent: Boolean(e.detail.value) });
        },
        onScanMachine() {
            return this.run(async () => {
                const text = await this.store.scanText();
                if (!text) {
                    return;
                }
                const code = parseCode(text);
                if (!code) {
                    throw new ApiError({ code: "SF_UNKNOWN_CODE" });
                }
                this.code = code;
                this.workorderId = null;
                this.setData({ whereLabel: code });
            });
        },
        onRaise() {
            return this.run(async () => {
                const type = this.data.types[this.data.typeIndex];
                if (!type) {
                    throw new ApiError({ code: "SF_BAD_PARAMS", messageZh: "请选择异常类型。", messageEn: "Pick the type of exception." });
                }
                const params = { type_id: type.id, urgent: this.data.urgent };
                if (this.workorderId) {
                    params.workorder_id = this.workorderId;
                } else if (this.code) {
                    params.code = this.code;
                } else {
                    throw new ApiError({ code: "SF_BAD_PARAMS", messageZh: "请扫描设备或工位码。", messageEn: "Scan the machine or work center first." });
                }
                if (this.data.note) {
                    params.note = this.data.note;
                }
                const res = await this.store.act("andon/raise", params, { label: this.store.t("raise_exception"), workorder: type.name });
                if (res.status === "sent") {
                    this.setData({ raised: res.result.exception, duplicate: Boolean(res.result.duplicate), raisedQueued: false, note: "" });
                    this.store.toast("done_ok");
                } else {
                    this.setData({ raised: { name: type.name }, duplicate: false, raisedQueued: true, note: "" });
                    this.store.toast("queued_ok", "none");
                }
            });
        },
    },
});
