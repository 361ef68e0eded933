/** The screens of the worker app. */

import { Component, onPatched, onWillStart, useRef, useState } from "@odoo/owl";
import { allowedActions, applyQueue, checkReport } from "@shopfloor_mp/api/actions";
import { describeError } from "@shopfloor_mp/api/messages";
import { parseCode } from "@shopfloor_mp/api/scan";
import { isWeChat } from "./store";
import { ScanBar, useWedge } from "./scanner";

/** Run ``fn`` showing a busy state and any error in the worker's language. */
export async function guarded(store, fn) {
    store.state.busy = true;
    store.state.error = null;
    try {
        return await fn();
    } catch (err) {
        store.showError(err);
        return undefined;
    } finally {
        store.state.busy = false;
    }
}

function fmtQty(qty) {
    return Number.isInteger(qty) ? String(qty) : Number(qty || 0).toFixed(2).replace(/\.?0+$/, "");
}

export class Screen extends Component {
    static props = { store: Object };
    setup() {
        // each screen observes the parts of the shared state it reads
        this.s = useState(this.props.store.state);
    }
    get store() {
        return this.props.store;
    }
    t(key) {
        return this.props.store.t(key);
    }
    fmt(qty) {
        return fmtQty(qty);
    }
    stateLabel(state) {
        return this.t(`state_${state}`);
    }
}

export class SignIn extends Screen {
    static template = "shopfloor_mp.SignIn";

    setup() {
        super.setup();
        this.form = useState({ mode: "code", code: "", badge: "", pin: "", device: "" });
        this.wechat = isWeChat();
    }

    setMode(mode) {
        this.form.mode = mode;
        this.s.error = null;
    }

    async submit(ev) {
        ev.preventDefault();
        const f = this.form;
        await guarded(this.store, async () => {
            if (f.mode === "code") {
                await this.store.bind("auth/bind", { code: f.code.trim() });
            } else if (f.mode === "pin") {
                await this.store.bind("auth/bind_pin", { badge: f.badge.trim(), pin: f.pin });
            } else {
                await this.store.registerTerminal(f.device.trim());
            }
            f.code = f.pin = f.device = "";
        });
    }
}

export class TerminalIdle extends Screen {
    static template = "shopfloor_mp.TerminalIdle";
    static components = { ScanBar };

    async onBadge(text) {
        if (parseCode(text) && !/^\d+$/.test(text)) {
            // a job card scanned first: ask for the badge, keep nothing
            this.store.showError({ code: "SF_BADGE_REQUIRED", network: true });
            return;
        }
        await guarded(this.store, () => this.store.useBadge(text.trim()));
    }
}

export class Home extends Screen {
    static template = "shopfloor_mp.Home";
    static components = { ScanBar };

    setup() {
        super.setup();
        onWillStart(() => {
            this.store.refreshUnread(); // the header's inbox count, not waited for
            return guarded(this.store, () => this.store.startMyWork((err) => this.store.showError(err)));
        });
    }

    refresh() {
        return guarded(this.store, () => this.store.loadMyWork());
    }

    async onCode(text) {
        await guarded(this.store, () => this.store.openCode(parseCode(text) || text.trim()));
    }

    open(wo) {
        return guarded(this.store, () => this.store.openWorkorder(wo.id));
    }

    /**
     * The work order as this device knows it: offline, the newer card kept after its last
     * action, then what its queued actions will make of it once sent.
     */
    view(wo) {
        let base = wo;
        const stale = this.s.workordersStale;
        if (stale) {
            const known = this.store.cached(`wo.${wo.id}`);
            if (known && known.at > stale.getTime()) {
                const { state, qty_good, qty_scrap, my_state } = known.data.workorder;
                base = { ...wo, state, qty_good, qty_scrap, my_state };
            }
        }
        return applyQueue(base, this.store.outbox.entries);
    }

    /** The server's message for an action it refused on replay, in my language. */
    refusal(failed) {
        return describeError({ ...failed.error, network: false }, this.s.lang).message;
    }
}

export class Reports extends Screen {
    static template = "shopfloor_mp.Reports";

    setup() {
        super.setup();
        onWillStart(() => guarded(this.store, () => this.store.loadReports()));
    }
}

export class Wages extends Screen {
    static template = "shopfloor_mp.Wages";

    setup() {
        super.setup();
        this.ui = useState({ line: null, reason: "" });
        onWillStart(() => guarded(this.store, () => this.store.loadWages()));
    }

    money(amount) {
        return Number(amount || 0).toFixed(2);
    }

    openDispute(line) {
        Object.assign(this.ui, { line: line.id, reason: "" });
    }

    async sendDispute() {
        const reason = this.ui.reason.trim();
        if (!reason) {
            return;
        }
        const line = this.ui.line;
        await guarded(this.store, async () => {
            await this.store.act("dispute", "wage/dispute", { line_id: line, reason });
            this.ui.line = null;
            await this.store.loadWages();
        });
    }
}

export class WorkorderScreen extends Screen {
    static template = "shopfloor_mp.Workorder";

    setup() {
        super.setup();
        this.ui = useState({ panel: null, good: "", scrap: "", field: "good", defect: null, reason: null, measure: {}, andonType: null, note: "", urgent: false, lot: "", serial: "", serials: [] });
        // an opened keypad or reason list is brought fully into view (its OK button too)
        this.panelRef = useRef("panel");
        this.shownPanel = null;
        onPatched(() => {
            if (this.ui.panel !== this.shownPanel) {
                this.shownPanel = this.ui.panel;
                this.panelRef.el?.scrollIntoView({ block: "start" });
            }
        });
        // a lot or serial label scanned (hardware scanner) while reporting good units
        useWedge((code) => this.onLotScan(code));
        // reasons are needed only when pausing or scrapping: do not hold the screen
        onWillStart(() => {
            this.store.loadCatalog().catch(() => {});
            // andon: only when the server has the addon (andon/types answers)
            this.store.loadAndonTypes().catch(() => {});
        });
    }

    get wo() {
        return this.s.workorder;
    }

    get actions() {
        return allowedActions(this.wo).map((a) => ({ ...a, label: this.s.lang === "en_US" ? a.en : a.zh }));
    }

    get defects() {
        return (this.s.catalog && this.s.catalog.defect_types) || [];
    }

    get pauseReasons() {
        return (this.s.catalog && this.s.catalog.pause_reasons) || [];
    }

    get andonTypes() {
        return Array.isArray(this.s.andonTypes) ? this.s.andonTypes : [];
    }

    openAndon() {
        this.s.error = null;
        Object.assign(this.ui, { panel: "andon", andonType: null, note: "", urgent: false });
    }

    async confirmAndon() {
        if (!this.ui.andonType) {
            return;
        }
        const params = { type_id: this.ui.andonType, urgent: this.ui.urgent };
        const note = (this.ui.note || "").trim();
        if (note) {
            params.note = note;
        }
        await this.run("andon", "andon/raise", params);
    }

    get checks() {
        return (this.wo && this.wo.quality_checks) || [];
    }

    get blockingCheck() {
        return this.checks.some((c) => c.blocking && c.state !== "pass");
    }

    onAction(name) {
        this.s.error = null;
        this.s.toast = null;
        const lots = { lot: (this.wo && this.wo.lot) || "", serial: "", serials: [] };
        if (name === "report") {
            Object.assign(this.ui, { panel: "report", good: "", scrap: "", field: "good", defect: null, ...lots });
        } else if (name === "pause") {
            Object.assign(this.ui, { panel: "pause", reason: null });
        } else if (name === "finish") {
            Object.assign(this.ui, { panel: "finish", good: "", scrap: "", field: "good", defect: null, ...lots });
        } else {
            this.run(name, `workorder/${name}`, {});
        }
    }

    key(k) {
        const field = this.ui.field;
        let value = this.ui[field];
        if (k === "C") {
            value = "";
        } else if (k === "<") {
            value = value.slice(0, -1);
        } else if (k === "." && value.includes(".")) {
            return;
        } else if (value.length < 9) {
            value = value === "0" && k !== "." ? k : value + k;
        }
        this.ui[field] = value;
    }

    get hasLimit() {
        return typeof this.wo.qty_available === "number";
    }

    get hasScrap() {
        return Number(this.ui.scrap) > 0;
    }

    /** Lot / serial entry: the last operation of a tracked product (server's lot_entry). */
    get lotEntry() {
        return Boolean(this.wo && this.wo.lot_entry) && (this.wo.tracking === "lot" || this.wo.tracking === "serial");
    }

    /** How many serial numbers the good quantity needs (one per unit). */
    get serialsNeeded() {
        return Math.round(Number(this.ui.good) || 0);
    }

    get lotName() {
        return this.lotEntry && this.wo.tracking === "lot" ? this.ui.lot.trim() : "";
    }

    get serialNames() {
        return this.lotEntry && this.wo.tracking === "serial" ? this.ui.serials : [];
    }

    addSerial(ev) {
        ev.preventDefault();
        const serial = this.ui.serial.trim();
        if (serial && !this.ui.serials.includes(serial)) {
            this.ui.serials.push(serial);
        }
        this.ui.serial = "";
    }

    onLotScan(code) {
        const text = String(code || "").trim();
        if (!text || !this.lotEntry || !["report", "finish"].includes(this.ui.panel) || !this.ui.good) {
            return;
        }
        if (this.wo.tracking === "lot") {
            this.ui.lot = text;
        } else if (!this.ui.serials.includes(text)) {
            this.ui.serials.push(text);
        }
    }

    removeSerial(serial) {
        this.ui.serials = this.ui.serials.filter((s) => s !== serial);
    }

    get reportProblem() {
        // the lot / serials go with good units only (reportParams): scrap alone is checked
        // without the pre-filled lot of the order
        const good = Number(this.ui.good || 0);
        const problem = checkReport(this.wo, {
            qtyGood: good,
            qtyScrap: this.ui.scrap || 0,
            defectTypeId: this.ui.defect,
            lotName: good ? this.lotName : "",
            serials: good ? this.serialNames : [],
        });
        if (!problem || (this.ui.panel === "finish" && !this.ui.good && !this.ui.scrap)) {
            return null;
        }
        return describeError({ code: problem.code, network: true }, this.s.lang).message;
    }

    reportParams() {
        const params = { workorder_id: this.wo.id };
        const good = Number(this.ui.good || 0);
        const scrap = Number(this.ui.scrap || 0);
        if (good) {
            params.qty_good = good;
        }
        if (scrap) {
            params.qty_scrap = scrap;
            params.defect_type_id = this.ui.defect;
        }
        if (good && this.lotName) {
            params.lot_name = this.lotName;
        }
        if (good && this.serialNames.length) {
            params.serial_names = [...this.serialNames];
        }
        return params;
    }

    async confirmReport() {
        if (this.reportProblem) {
            return;
        }
        await this.run("report", "workorder/report", this.reportParams());
    }

    async confirmFinish() {
        if (this.reportProblem) {
            return;
        }
        await this.run("finish", "workorder/finish", this.reportParams());
    }

    async confirmPause() {
        if (!this.ui.reason) {
            return;
        }
        await this.run("pause", "workorder/pause", { workorder_id: this.wo.id, reason_id: this.ui.reason });
    }

    async run(name, method, params) {
        const done = await guarded(this.store, async () => {
            await this.store.act(name, method, { workorder_id: this.wo.id, ...params });
            return true;
        });
        if (done) {
            this.ui.panel = null;
            if (this.store.isTerminal) {
                // shared terminal: one action per badge, then back to the idle screen
                this.store.endTerminalTurn();
            }
        }
    }

    async doCheck(check, result) {
        const params = { check_id: check.id };
        if (check.type === "measure") {
            const value = parseFloat(this.ui.measure[check.id]);
            if (!Number.isFinite(value)) {
                return;
            }
            params.measure = value;
        } else {
            params.result = result;
        }
        await guarded(this.store, async () => {
            const answer = await this.store.act("quality", "quality/do", params);
            if (answer && answer.workorder) {
                this.store.showWorkorder(answer.workorder);
            }
        });
    }

    back() {
        this.s.screen = "home";
        this.ui.panel = null;
    }
}
