/** The boards' page of open exceptions: each with its timer since it was raised. */

import { Component, onMounted, onWillUnmount, useState } from "@odoo/owl";
import { PAGES } from "@shopfloor_board/board/board";
import { translate } from "@shopfloor_board/board/strings";

const TEXTS = {
    none: ["没有未关闭的异常", "No open exceptions"],
    workcenter: ["工作中心", "Work center"],
    type: ["异常类型", "Type"],
    state: ["状态", "State"],
    elapsed: ["已持续", "Open for"],
    level: ["升级", "Level"],
};

export function elapsed(fromIso, nowMs) {
    const start = Date.parse(fromIso.replace(" ", "T"));
    const s = Math.max(0, Math.floor((nowMs - start) / 1000));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const pad = (n) => String(n).padStart(2, "0");
    return `${h ? h + ":" : ""}${pad(m)}:${pad(s % 60)}`;
}

export class AndonPage extends Component {
    static template = "shopfloor_board_andon.AndonPage";
    static props = { data: { optional: true }, lang: String };

    setup() {
        this.clock = useState({ now: Date.now() });
        onMounted(() => (this.timer = setInterval(() => (this.clock.now = Date.now()), 1000)));
        onWillUnmount(() => clearInterval(this.timer));
    }

    t(key) {
        const pair = TEXTS[key];
        return pair ? (this.props.lang === "en_US" ? pair[1] : pair[0]) : translate(this.props.lang, key);
    }

    get exceptions() {
        return (this.props.data && this.props.data.exceptions) || [];
    }

    timer(exc) {
        return elapsed(exc.raised_at, this.clock.now);
    }
}

PAGES.andon = AndonPage;
