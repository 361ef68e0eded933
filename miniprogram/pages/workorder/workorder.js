// A work order: the buttons of exactly its allowed_actions (start, pause with a reason,
// resume, report good + scrap, finish), its due quality checks inline. At the last
// operation of a lot- or serial-tracked product (the server's `lot_entry`), good units
// may be numbered: the batch's lot name or one serial per good unit, scanned or typed,
// checked (count, duplicates, the order's lot) before sending, as the web app does.
// Every action goes through the outbox: offline it is kept and the card shows the
// local guess.
const { pageBehavior } = require("../../lib/page.js");
const { actionLabel, allowedActions, applyQueued, checkReport } = require("../../lib/api/actions.js");
const { ApiError } = require("../../lib/api/rpc.js");

// actions.js tones -> t-button themes (default, primary, danger, light)
const THEMES = { primary: "primary", warning: "light", success: "primary", dark: "default" };
const CHECK_STATES = { todo: "check_todo", fail: "check_fail", pass: "check_pass" };

/** Lot / serial entry: the last operation of a lot- or serial-tracked product. */
function lotEntry(wo) {
    return Boolean(wo && wo.lot_entry) && (wo.tracking === "lot" || wo.tracking === "serial");
}

/** A refused lot / serial entry said with its numbers (the entries of messages.js are generic). */
function lotMessage({ code, details = {} }) {
    if (code === "SF_TRACE_SERIAL_COUNT") {
        return {
            messageZh: `需要 ${details.expected} 个序列号(每件合格品一个),已录 ${details.given} 个。`,
            messageEn: `${details.expected} serial numbers are needed (one per good unit), ${details.given} given.`,
        };
    }
    if (code === "SF_TRACE_SERIAL_EXISTS") {
        return { messageZh: `序列号 ${details.serial} 重复。`, messageEn: `Serial number ${details.serial} is given twice.` };
    }
    if (code === "SF_TRACE_LOT_MISMATCH") {
        return { messageZh: `本生产单批次号为 ${details.lot}。`, messageEn: `This order's lot number is ${details.lot}.` };
    }
    return {};
}

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
        // lot / serial entry (report and finish forms)
        lotEntry: false,
        tracking: "none",
        lotName: "",
        serialInput: "",
        serials: [],
        serialsNeeded: 0,
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
            this.setData({
                wo,
                actions,
                checks,
                hasAvailable: typeof wo.qty_available === "number",
                stale: stale ? when(stale) : "",
                lotEntry: lotEntry(wo),
                tracking: wo.tracking || "none",
            });
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
            // the status answers carry no lot: the batch now has the one given
            const lot = wo.lot || params.lot_name || null;
            if (res.status === "sent") {
                const answer = res.result || {};
                this.show({ ...wo, lot, ...(answer.workorder || {}), queued: false });
                this.store.toast("done_ok");
            } else {
                this.show({ ...applyQueued(wo, name, params), lot });
                this.store.toast("queued_ok", "none");
            }
            return res;
        },
        /** Open the report or finish form (good, scrap, lot / serials). */
        openQtyForm(mode) {
            return this.run(async () => {
                const catalog = await this.store.loadCatalog();
                const wo = this.data.wo;
                this.setData({
                    mode,
                    defects: catalog.defect_types || [],
                    defectIndex: -1,
                    qtyGood: "",
                    qtyScrap: "",
                    lotName: (wo && wo.lot) || "",
                    serialInput: "",
                    serials: [],
                    serialsNeeded: 0,
                });
            });
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
                return this.openQtyForm("report");
            }
            if (name === "finish" && this.data.lotEntry) {
                // the last operation of a tracked product: the last good units may be numbered
                return this.openQtyForm("finish");
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
            const qtyGood = e.detail.value;
            this.setData({ qtyGood, serialsNeeded: Math.round(Number(qtyGood) || 0) });
        },
        onQtyScrap(e) {
            this.setData({ qtyScrap: e.detail.value });
        },
        onDefect(e) {
            this.setData({ defectIndex: Number(e.detail.value) });
        },
        /** The report / finish parameters, checked like the server (checkReport). */
        qtyParams(allowEmpty) {
            const defect = this.data.defects[this.data.defectIndex];
            const qtyGood = Number(this.data.qtyGood || 0);
            const qtyScrap = Number(this.data.qtyScrap || 0);
            const lotName = this.lotName();
            const serials = this.serialNames();
            if (allowEmpty && !qtyGood && !qtyScrap && !lotName && !serials.length) {
                return {}; // finish without a last report
            }
            const refused = checkReport(this.data.wo, { qtyGood, qtyScrap, defectTypeId: defect ? defect.id : null, lotName, serials });
            if (refused) {
                throw new ApiError({ code: refused.code, details: refused.details, ...lotMessage(refused) });
            }
            const params = { qty_good: qtyGood, qty_scrap: qtyScrap };
            if (qtyScrap > 0) {
                params.defect_type_id = defect.id;
            }
            if (qtyGood > 0 && lotName) {
                params.lot_name = lotName;
            }
            if (qtyGood > 0 && serials.length) {
                params.serial_names = [...serials];
            }
            return params;
        },
        onConfirmReport() {
            return this.run(async () => {
                await this.act("report", "workorder/report", this.qtyParams(false));
            });
        },
        onConfirmFinish() {
            return this.run(async () => {
                await this.act("finish", "workorder/finish", this.qtyParams(true));
            });
        },
        onCancelForm() {
            this.setData({ mode: null });
        },

        // ---- lot / serial entry ----------------------------------------------------
        /** Numbers are given with good units only (the entry is hidden without them). */
        numbering(tracking) {
            return this.data.lotEntry && this.data.tracking === tracking && Number(this.data.qtyGood || 0) > 0;
        },
        /** The lot name to send: lot-tracked products at their last operation only. */
        lotName() {
            return this.numbering("lot") ? String(this.data.lotName || "").trim() : "";
        },
        serialNames() {
            return this.numbering("serial") ? this.data.serials : [];
        },
        onLotName(e) {
            this.setData({ lotName: e.detail.value });
        },
        onSerialInput(e) {
            this.setData({ serialInput: e.detail.value });
        },
        /** A scanned or typed serial joins the list; one already there is refused. */
        addSerial(text) {
            const serial = String(text || "").trim();
            if (!serial) {
                return;
            }
            if (this.data.serials.includes(serial)) {
                throw new ApiError({ code: "SF_TRACE_SERIAL_EXISTS", details: { serial }, ...lotMessage({ code: "SF_TRACE_SERIAL_EXISTS", details: { serial } }) });
            }
            this.setData({ serials: [...this.data.serials, serial], serialInput: "" });
        },
        onAddSerial() {
            return this.run(async () => this.addSerial(this.data.serialInput));
        },
        onRemoveSerial(e) {
            const serial = e.currentTarget.dataset.serial;
            this.setData({ serials: this.data.serials.filter((s) => s !== serial) });
        },
        /** wx.scanCode a lot or serial label: its text is the lot / serial name. */
        onScanLot() {
            return this.run(async () => {
                const text = await this.store.scanText();
                if (!text) {
                    return;
                }
                if (this.data.tracking === "lot") {
                    this.setData({ lotName: String(text).trim() });
                } else {
                    this.addSerial(text);
                }
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
