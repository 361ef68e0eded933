/** The board's OWL components: the frame (header, rotation, status) and its pages. */

import { Component, onMounted, onPatched, onWillUnmount, useRef, useState } from "@odoo/owl";
import { translate } from "./strings";

const STATE_ORDER = ["running", "paused", "down", "idle"];

/** The board's time zone (its company's), so that the clock, "data as of" and the
 * dates agree whatever the screen's own setting. */
let boardTz;

export function setBoardTz(tz) {
    try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        boardTz = tz;
    } catch {
        boardTz = undefined; // unknown to this browser: the screen's time zone
    }
}

function parts(date) {
    const fmt = new Intl.DateTimeFormat("en-GB", {
        timeZone: boardTz,
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
    });
    return Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "MM-DD HH:mm" in the board's time zone from a UTC "YYYY-MM-DD HH:MM:SSZ". */
export function formatDateTime(value) {
    if (!value) {
        return "";
    }
    const d = new Date(value.replace(" ", "T"));
    if (isNaN(d)) {
        return "";
    }
    const p = parts(d);
    return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatQty(value) {
    const n = Number(value || 0);
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

class PageBase extends Component {
    static props = { data: { optional: true }, lang: String };
    t(key) {
        return translate(this.props.lang, key);
    }
    get fmtQty() {
        return formatQty;
    }
    get fmtDate() {
        return formatDateTime;
    }
}

export class WorkshopPage extends PageBase {
    static template = "shopfloor_board.WorkshopPage";
    get tiles() {
        return (this.props.data && this.props.data.tiles) || [];
    }
    get grid() {
        const n = Math.max(1, this.tiles.length);
        const cols = n <= 3 ? n : Math.ceil(Math.sqrt(n * 1.8));
        const rows = Math.ceil(n / cols);
        return { cols, rows, density: n > 24 ? "dense" : n > 8 ? "medium" : "large" };
    }
    get counts() {
        const counts = (this.props.data && this.props.data.counts) || {};
        return STATE_ORDER.map((s) => ({ state: s, n: counts[s] || 0 }));
    }
}

export class PlanPage extends PageBase {
    static template = "shopfloor_board.PlanPage";
    get hours() {
        return (this.props.data && this.props.data.hours) || [];
    }
    get allLines() {
        return (this.props.data && this.props.data.lines) || [];
    }
    /** What fits on 1080 lines: up to 34 lines (dense beyond 14), the rest counted. */
    get lines() {
        return this.allLines.slice(0, 34);
    }
    get hidden() {
        return Math.max(0, this.allLines.length - 34);
    }
    get dense() {
        return this.allLines.length > 14;
    }
    cellClass(cell) {
        const now = this.props.data.now_hour;
        if (cell.hour > now) {
            return "sf-cell-future";
        }
        if (!cell.plan) {
            return cell.actual ? "sf-cell-good" : "sf-cell-empty";
        }
        const r = cell.actual / cell.plan;
        if (cell.hour === now) {
            return "sf-cell-now";
        }
        return r >= 0.95 ? "sf-cell-good" : r >= 0.8 ? "sf-cell-warn" : "sf-cell-bad";
    }
    lineClass(line) {
        if (!line.plan_to_now) {
            return "";
        }
        const r = line.actual / line.plan_to_now;
        return r >= 0.95 ? "sf-cell-good" : r >= 0.8 ? "sf-cell-warn" : "sf-cell-bad";
    }
}

export class LatePage extends PageBase {
    static template = "shopfloor_board.LatePage";
    get orders() {
        return (this.props.data && this.props.data.orders) || [];
    }
}

export class OeePage extends PageBase {
    static template = "shopfloor_board.OeePage";
    setup() {
        this.canvas = useRef("canvas");
        this.chart = null;
        onMounted(() => this.draw());
        onPatched(() => this.draw());
        onWillUnmount(() => this.chart && this.chart.destroy());
    }
    get days() {
        return (this.props.data && this.props.data.days) || [];
    }
    get today() {
        const days = this.days.filter((d) => d.oee !== null);
        return days.length ? days[days.length - 1] : null;
    }
    draw() {
        const Chart = globalThis.Chart;
        if (!Chart || !this.canvas.el) {
            return;
        }
        const labels = this.days.map((d) => d.date.slice(5));
        const series = (key) => this.days.map((d) => d[key]);
        const datasets = [
            { type: "bar", label: this.t("oee"), data: series("oee"), backgroundColor: "#3b82f6", order: 2 },
            { type: "line", label: this.t("availability"), data: series("availability"), borderColor: "#22c55e", backgroundColor: "#22c55e", order: 1 },
            { type: "line", label: this.t("performance"), data: series("performance"), borderColor: "#f59e0b", backgroundColor: "#f59e0b", order: 1 },
            { type: "line", label: this.t("quality"), data: series("quality"), borderColor: "#a855f7", backgroundColor: "#a855f7", order: 1 },
        ];
        const target = this.props.data && this.props.data.target;
        if (target) {
            datasets.push({ type: "line", label: this.t("target"), data: labels.map(() => target), borderColor: "#ef4444", borderDash: [10, 8], pointRadius: 0, order: 0 });
        }
        if (this.chart) {
            this.chart.data.labels = labels;
            this.chart.data.datasets = datasets;
            this.chart.update("none");
            return;
        }
        Chart.defaults.color = "#cbd5e1";
        Chart.defaults.font.size = 22;
        this.chart = new Chart(this.canvas.el, {
            data: { labels, datasets },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                scales: {
                    y: { min: 0, max: 100, grid: { color: "#334155" }, ticks: { callback: (v) => `${v}%` } },
                    x: { grid: { color: "#1e293b" } },
                },
                plugins: { legend: { position: "top", labels: { boxWidth: 30 } } },
            },
        });
    }
}

export class UnknownPage extends PageBase {
    static template = "shopfloor_board.UnknownPage";
}

export const PAGES = { workshop: WorkshopPage, plan: PlanPage, late: LatePage, oee: OeePage };

export class BoardApp extends Component {
    static template = "shopfloor_board.BoardApp";
    static props = { config: Object, feed: Object };

    setup() {
        this.config = this.props.config;
        setBoardTz(this.config.tz);
        this.state = useState({
            data: null,
            index: 0,
            stale: true,
            live: false,
            revoked: false,
            clock: "",
        });
        const pinned = new URLSearchParams(window.location.search).get("page");
        this.pinned = pinned && this.pageCodes.includes(pinned) ? pinned : null;
        const feed = this.props.feed;
        feed.onData = (data) => {
            this.state.data = data;
        };
        feed.onStatus = (status) => {
            this.state.stale = status.stale;
            this.state.live = status.live;
            this.state.revoked = status.revoked;
        };
        onMounted(() => {
            this.tickClock();
            this.clockTimer = setInterval(() => this.tickClock(), 1000);
            this.rotateTimer = setInterval(() => this.rotate(), Math.max(5, this.config.rotation) * 1000);
        });
        onWillUnmount(() => {
            clearInterval(this.clockTimer);
            clearInterval(this.rotateTimer);
        });
    }

    t(key) {
        return translate(this.config.lang, key);
    }

    get pageCodes() {
        return this.config.pages.map((p) => p.code);
    }

    get page() {
        const code = this.pinned || this.pageCodes[this.state.index % Math.max(1, this.pageCodes.length)];
        const meta = this.config.pages.find((p) => p.code === code) || { code, name: "" };
        const found = this.state.data && this.state.data.pages.find((p) => p.code === code);
        return {
            code,
            name: (found && found.name) || meta.name,
            data: found ? found.data : null,
            component: PAGES[code] || UnknownPage,
        };
    }

    rotate() {
        if (!this.pinned && this.pageCodes.length > 1) {
            this.state.index = (this.state.index + 1) % this.pageCodes.length;
        }
    }

    tickClock() {
        const p = parts(new Date());
        this.state.clock = `${p.hour}:${p.minute}:${p.second}`;
    }

    get asOf() {
        return this.state.data ? this.state.data.local_as_of : "--:--";
    }
}
