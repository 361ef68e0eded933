/** @odoo-module **/
// Browser test of the visual plan (tests/test_planning_timeline_ui.py): the timeline renders
// the planned work orders, a bar can be selected and locked, dragged to another time, the
// order view and the re-plan button work.
import { registry } from "@web/core/registry";

/** HTML5 drag and drop of ``bar`` by ``dx`` pixels along its own row. */
function dragBar(bar, dx) {
    const lane = bar.closest(".o_sf_lane");
    const rect = bar.getBoundingClientRect();
    const x = rect.left + 1;
    const y = rect.top + rect.height / 2;
    const dataTransfer = new DataTransfer();
    const fire = (el, type, clientX) =>
        el.dispatchEvent(
            new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer, clientX, clientY: y })
        );
    fire(bar, "dragstart", x);
    fire(lane, "dragover", x + dx);
    fire(lane, "drop", x + dx);
    fire(bar, "dragend", x + dx);
}

registry.category("web_tour.tours").add("shopfloor_planning_timeline", {
    url: "/odoo/action-shopfloor_planning.action_shopfloor_planning_timeline",
    steps: () => [
        {
            content: "The timeline shows the planned work orders as bars",
            trigger: ".o_sf_timeline .o_sf_lane .o_sf_bar:contains(SFTL Cut)",
            run: "click",
        },
        {
            content: "The clicked bar is selected",
            trigger: ".o_sf_timeline .o_sf_selection:contains(SFTL Cut)",
        },
        {
            content: "Lock it",
            trigger: ".o_sf_timeline .o_sf_selection .o_sf_lock_selected:contains(Lock)",
            run: "click",
        },
        {
            content: "It is locked",
            trigger: ".o_sf_timeline .o_sf_lane .o_sf_bar.o_sf_locked:contains(SFTL Cut)",
        },
        {
            content: "Drag the packing a day later (1/7 of the lane at the 7-day zoom)",
            trigger: ".o_sf_timeline .o_sf_lane .o_sf_bar[draggable=true]:contains(SFTL Pack)",
            run() {
                dragBar(this.anchor, this.anchor.closest(".o_sf_lane").clientWidth / 7);
            },
        },
        {
            content: "The move is confirmed",
            trigger: ".o_notification:contains(moved and locked)",
        },
        {
            content: "The moved work order is locked",
            trigger: ".o_sf_timeline .o_sf_lane .o_sf_bar.o_sf_locked:contains(SFTL Pack)",
        },
        {
            content: "Switch to one row per manufacturing order",
            trigger: ".o_sf_timeline .o_control_panel button:contains(Orders)",
            run: "click",
        },
        {
            content: "The order has its row",
            trigger: ".o_sf_timeline .o_sf_label:contains(SFTL Bracket)",
        },
        {
            content: "Re-plan all open orders",
            trigger: ".o_sf_timeline .o_control_panel button.btn-primary:enabled",
            run: "click",
        },
        {
            content: "The plan is recomputed",
            trigger: ".o_notification:contains(orders planned)",
        },
        {
            content: "The timeline is reloaded and still shows the bars",
            trigger: ".o_sf_timeline .o_control_panel button.btn-primary:enabled",
        },
        {
            trigger: ".o_sf_timeline .o_sf_lane .o_sf_bar.o_sf_locked:contains(SFTL Pack)",
        },
    ],
});
