/** @odoo-module **/
// Visual plan of the finite-capacity scheduler: one row per work center (or per manufacturing
// order), one bar per planned work order. Drag a bar to move it (and, in the work-center view,
// drop it on another row to reassign it to an alternative work center): the work order's
// planned dates are written back and it is locked in the plan. Conflicts (overlaps beyond the
// work center's capacity, or before a predecessor ends) and late orders are highlighted.
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime, formatDateTime, serializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const HOUR = 3600 * 1000;

export class PlanningTimeline extends Component {
    static template = "shopfloor_mp.PlanningTimeline";
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
            selected: null,
        });
        onWillStart(() => this.load());
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
            row.bars.push({
                wo,
                left,
                width: Math.max(0.3, right - left),
                cls: classes.join(" "),
                label: this.state.mode === "workcenter" ? `${wo.production} ${wo.name}` : `${wo.name} @ ${wo.workcenter}`,
                title: this.barTitle(wo),
                draggable: ["pending", "waiting", "ready"].includes(wo.state),
            });
        }
        return [...rows.values()];
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

    onDragStart(ev, bar) {
        ev.dataTransfer.setData("text/plain", String(bar.wo.id));
        ev.dataTransfer.effectAllowed = "move";
        // where in the bar the mouse grabbed it, so the bar start lands where it is dropped
        const rect = ev.currentTarget.getBoundingClientRect();
        this.grabOffset = ev.clientX - rect.left;
    }

    onDragOver(ev) {
        ev.preventDefault();
        ev.dataTransfer.dropEffect = "move";
    }

    async onDrop(ev, row) {
        ev.preventDefault();
        const woId = parseInt(ev.dataTransfer.getData("text/plain"));
        if (!woId) {
            return;
        }
        const lane = ev.currentTarget.getBoundingClientRect();
        const { start, span } = this.range;
        const x = ev.clientX - lane.left - (this.grabOffset || 0);
        const ms = start.toMillis() + (x / lane.width) * span;
        // snap to 5 minutes
        const snapped = Math.round(ms / (5 * 60 * 1000)) * 5 * 60 * 1000;
        const newStart = start.plus({ milliseconds: snapped - start.toMillis() });
        const workcenterId = this.state.mode === "workcenter" ? row.key : false;
        await this.call("move_workorder", [woId, serializeDateTime(newStart), workcenterId]);
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
        await this.call("replan_all", []);
    }

    async toggleLock(bar) {
        await this.call("toggle_lock", [bar.wo.id]);
    }

    openWorkorder(bar) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "mrp.workorder",
            res_id: bar.wo.id,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("shopfloor_mp.planning_timeline", PlanningTimeline);
