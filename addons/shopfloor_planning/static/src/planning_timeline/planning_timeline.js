/** @odoo-module **/
// Visual plan of the finite-capacity scheduler: one row per work center (or per manufacturing
// order), one bar per planned work order. Drag a bar to move it (and, in the work-center view,
// drop it on another row to reassign it to an alternative work center): the work order's
// planned dates are written back and it is locked in the plan. Conflicts (overlaps beyond the
// work center's capacity, or before a predecessor ends) and late orders are highlighted.
import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime, formatDateTime, serializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const { DateTime } = luxon;

const HOUR = 3600 * 1000;
const BAR_HEIGHT = 22;
const BAR_GAP = 3;
// work orders that can be dragged (not started, not done)
const MOVABLE_STATES = ["pending", "waiting", "ready"];

export class PlanningTimeline extends Component {
    static template = "shopfloor_planning.PlanningTimeline";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.action = useService("action");
        this.state = useState({
            mode: "workcenter",
            days: 7,
            offsetDays: 0,
            data: null,
            busy: false,
            dropRow: null,
            selected: null,
            planning: false,
            progress: null,
            stopping: false,
        });
        this.drag = null;
        onWillStart(() => this.load());
        // live progress of a re-plan (sent by shopfloor.planner over the bus)
        this.busService = useService("bus_service");
        this.onProgress = (info) => {
            if (this.state.planning) {
                this.state.progress = info;
            }
        };
        this.busService.subscribe("shopfloor.plan_progress", this.onProgress);
        onWillUnmount(() => this.busService.unsubscribe("shopfloor.plan_progress", this.onProgress));
    }

    async load() {
        this.state.data = await this.orm.call("shopfloor.planner", "get_timeline_data", []);
    }

    get range() {
        const now = deserializeDateTime(this.state.data.now);
        const start = now.startOf("day").plus({ days: this.state.offsetDays - 1 });
        const end = start.plus({ days: this.state.days });
        return { start, end, span: end.toMillis() - start.toMillis() };
    }

    get ticks() {
        const { start, span } = this.range;
        const ticks = [];
        for (let d = 0; d < this.state.days; d++) {
            const day = start.plus({ days: d });
            ticks.push({
                key: d,
                left: ((day.toMillis() - start.toMillis()) / span) * 100,
                label: day.toFormat("MM-dd ccc"),
            });
        }
        return ticks;
    }

    get subticks() {
        // finer grid (and hours when zoomed in) to see where a dragged bar will land
        const step = this.state.days <= 3 ? 3 : this.state.days <= 7 ? 6 : 0;
        if (!step) {
            return [];
        }
        const { start, span } = this.range;
        const subticks = [];
        for (let h = step; h < this.state.days * 24; h += step) {
            if (h % 24) {
                const time = start.plus({ hours: h });
                subticks.push({
                    key: h,
                    left: ((time.toMillis() - start.toMillis()) / span) * 100,
                    label: this.state.days <= 3 ? time.toFormat("HH:mm") : "",
                });
            }
        }
        return subticks;
    }

    get nowLeft() {
        const { start, span } = this.range;
        const now = deserializeDateTime(this.state.data.now);
        return ((now.toMillis() - start.toMillis()) / span) * 100;
    }

    get rows() {
        const data = this.state.data;
        const { start, end, span } = this.range;
        const rows = new Map();
        if (this.state.mode === "workcenter") {
            for (const wc of data.workcenters) {
                rows.set(wc.id, { key: wc.id, name: wc.name, bars: [], late: false, conflicts: 0 });
            }
        }
        for (const wo of data.workorders) {
            const key = this.state.mode === "workcenter" ? wo.workcenter_id : wo.production_id;
            if (!rows.has(key)) {
                const name = this.state.mode === "workcenter" ? wo.workcenter : `${wo.production} - ${wo.product}`;
                rows.set(key, { key, name, bars: [], late: false, conflicts: 0 });
            }
            const row = rows.get(key);
            const s = deserializeDateTime(wo.start);
            const e = deserializeDateTime(wo.end);
            row.late = row.late || wo.late;
            row.conflicts += wo.conflict ? 1 : 0;
            if (e <= start || s >= end) {
                continue;
            }
            const left = Math.max(0, ((s.toMillis() - start.toMillis()) / span) * 100);
            const right = Math.min(100, ((e.toMillis() - start.toMillis()) / span) * 100);
            const classes = ["o_sf_bar"];
            if (wo.late) classes.push("o_sf_late");
            if (wo.conflict) classes.push("o_sf_conflict");
            if (wo.urgent) classes.push("o_sf_urgent");
            if (wo.locked) classes.push("o_sf_locked");
            if (wo.state === "progress") classes.push("o_sf_progress");
            if (wo.id === this.state.selected) classes.push("o_sf_selected");
            row.bars.push({
                wo,
                startMs: s.toMillis(),
                endMs: e.toMillis(),
                left,
                width: Math.max(0.3, right - left),
                cls: classes.join(" "),
                label: this.state.mode === "workcenter" ? `${wo.production} ${wo.name}` : `${wo.name} @ ${wo.workcenter}`,
                title: this.barTitle(wo),
                draggable: MOVABLE_STATES.includes(wo.state),
                top: 0,
            });
        }
        for (const row of rows.values()) {
            this.stackBars(row);
        }
        return [...rows.values()];
    }

    /**
     * Overlapping bars of a row (parallel capacity, conflicts, overlapping operations of an
     * order) go on separate levels, so that none hides another one.
     */
    stackBars(row) {
        const levels = []; // end (ms) of the last bar of each level
        for (const bar of [...row.bars].sort((a, b) => a.startMs - b.startMs)) {
            let level = levels.findIndex((end) => end <= bar.startMs);
            if (level < 0) {
                level = levels.length;
                levels.push(bar.endMs);
            } else {
                levels[level] = bar.endMs;
            }
            bar.top = BAR_GAP + level * (BAR_HEIGHT + BAR_GAP);
        }
        row.height = Math.max(1, levels.length) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
    }

    barTitle(wo) {
        const lines = [
            `${wo.production} - ${wo.name} (${wo.product})`,
            `${wo.workcenter}`,
            `${formatDateTime(deserializeDateTime(wo.start))} → ${formatDateTime(deserializeDateTime(wo.end))}`,
        ];
        if (wo.deadline) {
            lines.push(_t("Deadline: %s", formatDateTime(deserializeDateTime(wo.deadline))));
        }
        if (wo.late) {
            lines.push(_t("Order late by %s h", wo.late_hours.toFixed(1)));
        }
        if (wo.conflict) {
            lines.push(_t("Conflict: overlaps another work order or starts before its predecessor ends"));
        }
        if (wo.locked) {
            lines.push(_t("Locked in plan"));
        }
        lines.push(
            MOVABLE_STATES.includes(wo.state)
                ? _t("Click: select (lock, open) · drag: move · double-click: open")
                : _t("Click: select (lock, open) · double-click: open")
        );
        return lines.join("\n");
    }

    setMode(mode) {
        this.state.mode = mode;
    }

    zoom(days) {
        this.state.days = days;
    }

    shift(days) {
        this.state.offsetDays += days;
    }

    /** Time (ms) at the horizontal position ``clientX`` of the lane element ``lane``. */
    timeAt(lane, clientX) {
        const rect = lane.getBoundingClientRect();
        const { start, span } = this.range;
        return start.toMillis() + ((clientX - rect.left) / rect.width) * span;
    }

    onDragStart(ev, bar) {
        ev.dataTransfer.setData("text/plain", String(bar.wo.id));
        ev.dataTransfer.effectAllowed = "move";
        // where in the bar (in time) the mouse grabbed it, so the bar start lands where it is
        // dropped, also when the bar begins before the visible range
        const lane = ev.currentTarget.closest(".o_sf_lane");
        this.drag = { wo: bar.wo, grabMs: this.timeAt(lane, ev.clientX) - bar.startMs };
    }

    onDragEnd() {
        this.drag = null;
        this.state.dropRow = null;
    }

    onDragOver(ev, row) {
        if (!this.drag) {
            return; // not one of our bars: no drop here
        }
        ev.preventDefault();
        ev.dataTransfer.dropEffect = "move";
        this.state.dropRow = row.key;
    }

    onDragLeave(ev, row) {
        if (this.state.dropRow === row.key && !ev.currentTarget.contains(ev.relatedTarget)) {
            this.state.dropRow = null;
        }
    }

    async onDrop(ev, row) {
        ev.preventDefault();
        const drag = this.drag;
        this.onDragEnd();
        if (!drag || this.state.busy) {
            return;
        }
        const wo = drag.wo;
        if (this.state.mode === "production" && row.key !== wo.production_id) {
            this.notification.add(
                _t("%s belongs to %s: move it along its own order's row.", wo.name, wo.production),
                { type: "warning" }
            );
            return;
        }
        const ms = this.timeAt(ev.currentTarget, ev.clientX) - drag.grabMs;
        // snap to 5 minutes
        const snapped = Math.round(ms / (5 * 60 * 1000)) * 5 * 60 * 1000;
        const newStart = DateTime.fromMillis(snapped);
        const workcenterId = this.state.mode === "workcenter" ? row.key : false;
        await this.call("move_workorder", [wo.id, serializeDateTime(newStart), workcenterId]);
    }

    async call(method, args) {
        this.state.busy = true;
        try {
            const result = await this.orm.call("shopfloor.planner", method, args);
            if (result && result.message) {
                this.notification.add(result.message, { type: result.late ? "warning" : "success" });
            }
            await this.load();
        } finally {
            this.state.busy = false;
        }
    }

    async replan() {
        this.state.planning = true;
        this.state.progress = null;
        this.state.stopping = false;
        try {
            await this.call("replan_all", []);
        } finally {
            this.state.planning = false;
            this.state.progress = null;
        }
    }

    /** Stop the running re-plan: the server keeps the best plan found so far. */
    async stopPlan() {
        this.state.stopping = true;
        await this.orm.call("shopfloor.planner", "stop_plan", []);
    }

    get progressText() {
        const p = this.state.progress;
        if (!p) {
            return _t("Planning…");
        }
        return _t("Planning… %(seconds)s s: %(late)s late, makespan %(hours)s h", {
            seconds: Math.round(p.seconds),
            late: p.late_jobs,
            hours: Math.round(p.makespan / 6) / 10,
        });
    }

    /** The selected work order (click on a bar), also for bars too short to show buttons. */
    get selectedWo() {
        return this.state.data.workorders.find((wo) => wo.id === this.state.selected) || null;
    }

    get selectedRange() {
        const wo = this.selectedWo;
        return `${formatDateTime(deserializeDateTime(wo.start))} → ${formatDateTime(deserializeDateTime(wo.end))}`;
    }

    select(bar) {
        this.state.selected = !bar || this.state.selected === bar.wo.id ? null : bar.wo.id;
    }

    async toggleLock(wo) {
        await this.call("toggle_lock", [wo.id]);
    }

    openWorkorder(wo) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "mrp.workorder",
            res_id: wo.id,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("shopfloor_planning.planning_timeline", PlanningTimeline);
