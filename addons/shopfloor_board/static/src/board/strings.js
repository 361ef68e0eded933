/** The board's texts, Chinese first (the board's language is set in the backend). */

const TEXTS = {
    as_of: ["数据时间", "Data as of"],
    stale: ["数据已过时,正在重连…", "Data stale, reconnecting…"],
    live: ["实时", "Live"],
    polling: ["轮询", "Polling"],
    revoked: ["此看板链接已失效", "This board link is no longer valid"],
    loading: ["加载中…", "Loading…"],
    no_data: ["暂无数据", "No data"],
    running: ["运行", "Running"],
    paused: ["暂停", "Paused"],
    down: ["故障", "Down"],
    idle: ["空闲", "Idle"],
    operator: ["操作员", "Operator"],
    progress: ["进度", "Progress"],
    oee_today: ["今日OEE", "OEE today"],
    no_workorder: ["无在制工单", "No work order"],
    line: ["产线", "Line"],
    plan: ["计划", "Plan"],
    actual: ["实际", "Actual"],
    plan_to_now: ["至今计划", "Plan to now"],
    more_lines: ["条产线未显示", "more lines not shown"],
    total: ["合计", "Total"],
    order: ["生产单", "Order"],
    product: ["产品", "Product"],
    qty: ["数量", "Quantity"],
    deadline: ["交期", "Deadline"],
    expected: ["预计完工", "Expected finish"],
    reason: ["原因", "Reason"],
    late: ["已延期", "Late"],
    risk: ["有风险", "At risk"],
    no_late: ["没有延期或有风险的生产单", "No late or at-risk orders"],
    oee: ["OEE", "OEE"],
    availability: ["可用率", "Availability"],
    performance: ["性能", "Performance"],
    quality: ["质量", "Quality"],
    target: ["目标", "Target"],
    unknown_page: ["此页面的模块未安装", "The module of this page is not installed"],
};

export function translate(lang, key) {
    const pair = TEXTS[key];
    if (!pair) {
        return key;
    }
    return lang === "en_US" ? pair[1] : pair[0];
}
