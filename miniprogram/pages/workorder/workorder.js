// A work order: the buttons of exactly its allowed_actions (start, pause with a reason,
// resume, report good + scrap, finish), its due quality checks inline. Every action
// goes through the outbox: offline it is kept and the card shows the local guess.
const { pageBehavior } = require("../../lib/page.js");
const { actionLabel, allowedActions, applyQueued, checkReport } = require("../../lib/api/actions.js");
const { ApiError } = require("../../lib/api/rpc.js");

// actions.js tones -> t-button themes (default, primary, danger, light)
const THEMES = { primary: "primary", warning: "light", success: "primary", dark: "default" };
const CHECK_STATES = { todo: "check_todo", fail: "check_fail", pass: "check_pass" };

function when(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return date ? `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}` : "";
}

Component({
    behaviors: [pageBehavior()],
    data: {
        wo: null,
        hasAvailable: false,
        stale: "",
        actions: [],
        checks: [],
        mode: null,
        reasons: [],
        reasonIndex: -1,
        defects: [],
        defectIndex: -1,
        qtyGood: "",
        qtyScrap: "",
    },
    methods: {
        onLoad(query = {}) {
            if (!this.requireAuth()) {
                return undefined;
            }
            this.woId = query.id ? Number(query.id) : null;
            this.code = query.code || null;
            this.measures = {};
            this.defectQty = {};
            return this.load();
        },
        load() {
            return this.run(async () => {
                const params = this.woId ? { workorder_id: this.woId } : { code: this.code };
                const cache = this.woId ? `wo.${this.woId}` : null;
                const { data, stale } = await this.store.read("workorder/get", params, cache);
                this.show(data.workorder, stale);
                // pause and scrap reasons now, so that pausing and reporting work offline too
                this.store.loadCatalog().catch(() => {});
            });
        },
        /** Render a work order (the server's, or the local guess of a queued action). */
        show(wo, stale = null) {
            this.woId = wo.id;
            const lang = this.store.state.lang;
            const actions = allowedActions(wo).map((a) => ({
                name: a.name,
                label: lang === "en_US" ? a.en : a.zh,
                theme: THEMES[a.tone] || "default",
            }));
            const queuedChecks = this.queuedChecks || new Set();
            const checks = (wo.quality_checks || []).map((c) => ({
                ...c,
                queued: queuedChecks.has(c.id),
                stateLabel: this.store.t(queuedChecks.has(c.id) ? "queued" : CHECK_STATES[c.state] || "check_todo"),
            }));
            this.setData({ wo, actions, checks, hasAvailable: typeof wo.qty_available === "number", stale: stale ? when(stale) : "" });
            if (!wo.queued && !stale) {
                this.store.remember(`wo.${wo.id}`, { workorder: wo });
            }
        },
        meta(label) {
            const wo = this.data.wo;
            return { label: actionLabel(label, this.store.state.lang), workorder: wo ? `${wo.production} · ${wo.name}` : "" };
        },
        /** Send an action; show the server's card, or the local guess when queued. */
        async act(name, method, params) {
            const wo = this.data.wo;
            const res = await this.store.act(method, { workorder_id: wo.id, ...params }, this.meta(name));
            this.setData({ mode: null });
            if (res.status === "sent") {
                const answer = res.result || {};
                this.show({ ...wo, ...(answer.workorder || {}), queued: false });
                this.store.toast("done_ok");
            } else {
                this.show(applyQueued(wo, name, params));
                this.store.toast("queued_ok", "none");
            }
            return res;
        },
        onAction(e) {
            const name = e.currentTarget.dataset.name;
            if (name === "pause") {
                return this.run(async () => {
                    const catalog = await this.store.loadCatalog();
                    this.setData({ mode: "pause", reasons: catalog.pause_reasons || [], reasonIndex: -1 });
                });
            }
            if (name === "report") {
                return this.run(async () => {
                    const catalog = await this.store.loadCatalog();
                    this.setData({ mode: "report", defects: catalog.defect_types || [], defectIndex: -1, qtyGood: "", qtyScrap: "" });
                });
            }
            const method = { start: "workorder/start", resume: "workorder/resume", finish: "workorder/finish" }[name];
            return this.run(() => this.act(name, method, {}));
        },
        onReason(e) {
            this.setData({ reasonIndex: Number(e.detail.value) });
        },
        onConfirmPause() {
            return this.run(async () => {
                const reason = this.data.reasons[this.data.reasonIndex];
                if (!reason) {
                    throw new ApiError({ code: "SF_BAD_PARAMS", messageZh: "请选择暂停原因。", messageEn: "Pick a pause reason." });
                }
                await this.act("pause", "workorder/pause", { reason_id: reason.id });
            });
        },
        onQtyGood(e) {
            this.setData({ qtyGood: e.detail.value });
        },
        onQtyScrap(e) {
            this.setData({ qtyScrap: e.detail.value });
        },
        onDefect(e) {
            this.setData({ defectIndex: Number(e.detail.value) });
        },
        onConfirmReport() {
            return this.run(async () => {
                const defect = this.data.defects[this.data.defectIndex];
                const qtyGood = Number(this.data.qtyGood || 0);
                const qtyScrap = Number(this.data.qtyScrap || 0);
                const refused = checkReport(this.data.wo, { qtyGood, qtyScrap, defectTypeId: defect ? defect.id : null });
                if (refused) {
                    throw new ApiError({ code: refused.code, details: refused.details });
                }
                const params = { qty_good: qtyGood, qty_scrap: qtyScrap };
                if (qtyScrap > 0) {
                    params.defect_type_id = defect.id;
                }
                await this.act("report", "workorder/report", params);
            });
        },
        onRaise() {
            wx.navigateTo({ url: `/pages/andon/andon?workorder_id=${this.data.wo.id}` });
        },

        // ---- quality checks ------------------------------------------------------
        onMeasure(e) {
            this.measures[e.currentTarget.dataset.id] = e.detail.value;
        },
        onDefectQty(e) {
            const { id, defect } = e.currentTarget.dataset;
            this.defectQty[id] = { ...(this.defectQty[id] || {}), [defect]: e.detail.value };
        },
        onRecordMeasure(e) {
            const id = Number(e.currentTarget.dataset.id);
            const value = Number(this.measures[id]);
            return this.run(async () => {
                if (this.measures[id] === undefined || this.measures[id] === "" || !Number.isFinite(value)) {
                    throw new ApiError({ code: "SF_QC_BAD_RESULT" });
                }
                await this.doCheck(id, { measure: value });
            });
        },
        onRecordDefects(e) {
            const id = Number(e.currentTarget.dataset.id);
            const counts = this.defectQty[id] || {};
            const defects = Object.entries(counts)
                .map(([defectId, qty]) => ({ defect_type_id: Number(defectId), qty: Number(qty) || 0 }))
                .filter((d) => d.qty > 0);
            return this.run(() => this.doCheck(id, defects.length ? { defects } : { result: "pass" }));
        },
        onResult(e) {
            const { id, result } = e.currentTarget.dataset;
            return this.run(() => this.doCheck(Number(id), { result }));
        },
        async doCheck(checkId, values) {
            const check = this.data.checks.find((c) => c.id === checkId);
            const res = await this.store.act(
                "quality/do",
                { check_id: checkId, ...values },
                { label: this.store.t("quality_checks"), workorder: check ? check.point : "" },
            );
            if (res.status === "sent") {
                const answer = res.result || {};
                if (answer.workorder) {
                    this.show({ ...this.data.wo, ...answer.workorder, queued: false });
                }
                this.store.toast("done_ok");
            } else {
                this.queuedChecks = new Set([...(this.queuedChecks || []), checkId]);
                this.show(this.data.wo);
                this.store.toast("queued_ok", "none");
            }
        },
    },
});
