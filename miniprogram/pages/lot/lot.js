// Lot / serial entry: scan a lot label or type a lot or serial number; shows the lot
// (on hold or not), its quality checks (scan answer) and its component lots
// (trace/backward). Numbering the units made (lot name, serials) is done when reporting
// on the work-order page, at the last operation of a tracked product.
const { pageBehavior } = require("../../lib/page.js");
const { ApiError } = require("../../lib/api/rpc.js");
const { parseCode } = require("../../lib/api/scan.js");

const NOT_LOT = { code: "SF_BAD_PARAMS", messageZh: "这不是批次或序列号标签。", messageEn: "This is not a lot or serial label." };

Component({
    behaviors: [pageBehavior()],
    data: { name: "", lot: null, checks: [], components: [] },
    methods: {
        onLoad(query = {}) {
            if (!this.requireAuth()) {
                return undefined;
            }
            wx.setNavigationBarTitle({ title: this.store.t("lot") });
            if (query.code) {
                return this.run(() => this.lookUp(query.code));
            }
            return undefined;
        },
        onName(e) {
            this.setData({ name: e.detail.value });
        },
        onScan() {
            return this.run(async () => {
                const text = await this.store.scanText();
                if (text) {
                    await this.lookUp(text);
                }
            });
        },
        onLookUp() {
            const text = String(this.data.name || "").trim();
            return this.run(async () => {
                if (!text) {
                    throw new ApiError({ code: "SF_BAD_PARAMS", messageZh: "请输入批次号或序列号。", messageEn: "Type a lot or serial number." });
                }
                await this.lookUp(text);
            });
        },
        /** A scanned label (shop-floor code) or a typed lot / serial name. */
        async lookUp(text) {
            const code = parseCode(text);
            let lot;
            let checks = [];
            if (code) {
                const answer = await this.store.resolveScan(code);
                if (answer.type !== "lot") {
                    throw new ApiError(NOT_LOT);
                }
                lot = answer.lot;
                checks = answer.lot.checks || [];
            }
            const params = lot ? { lot_id: lot.id } : { lot_name: text };
            const { data } = await this.store.read("trace/backward", params, null);
            this.setData({ lot: { ...(data.lot || {}), ...(lot || {}) }, checks, components: data.components || [], name: "" });
        },
    },
});
