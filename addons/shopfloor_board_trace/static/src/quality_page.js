/** The boards' quality page: today's first-pass yield per line, top defects. */

import { Component } from "@odoo/owl";
import { PAGES, formatQty } from "@shopfloor_board/board/board";

const TEXTS = {
    fpy: ["今日一次合格率", "First-pass yield today"],
    line: ["产线", "Line"],
    good: ["合格", "Good"],
    scrap: ["报废", "Scrap"],
    defects: ["今日主要缺陷", "Top defects today"],
    none: ["今日暂无报工", "No reports today"],
    no_defect: ["今日无缺陷", "No defects today"],
};

export class QualityPage extends Component {
    static template = "shopfloor_board_trace.QualityPage";
    static props = { data: { optional: true }, lang: String };

    t(key) {
        const pair = TEXTS[key] || [key, key];
        return this.props.lang === "en_US" ? pair[1] : pair[0];
    }
    get d() {
        return this.props.data || { lines: [], defects: [] };
    }
    get fmtQty() {
        return formatQty;
    }
    get maxDefect() {
        return Math.max(1, ...this.d.defects.map((x) => x.qty));
    }
    fpyClass(fpy) {
        if (fpy === null || fpy === undefined) {
            return "";
        }
        return fpy >= 98 ? "sf-cell-good" : fpy >= 95 ? "sf-cell-warn" : "sf-cell-bad";
    }
}

PAGES.quality = QualityPage;
