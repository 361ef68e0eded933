/**
 * Texts of the mini-program in Chinese (default) and English. Error messages and
 * action labels come from the shared API layer (messages.js, actions.js).
 */
"use strict";

const { ACTIONS } = require("./api/actions.js");

// key: [zh_CN, en_US]
const TEXTS = {
    app_name: ["车间报工", "Shop floor"],
    sign_in: ["登录", "Sign in"],
    sign_in_wechat: ["微信一键登录", "Sign in with WeChat"],
    wechat_unbound: ["此微信尚未绑定工人:输入班长给的绑定码。", "This WeChat account is not bound: type the binding code from your leader."],
    bind_code: ["绑定码", "Binding code"],
    bind_with_code: ["用绑定码绑定", "Bind with a code"],
    badge: ["工牌号", "Badge"],
    pin: ["PIN", "PIN"],
    bind_with_pin: ["工牌 + PIN 登录", "Badge + PIN"],
    scan_badge: ["扫工牌", "Scan badge"],
    or: ["或", "or"],
    my_work: ["我的工作", "My work"],
    no_work: ["暂无工单", "No work orders"],
    scan: ["扫码", "Scan"],
    reports: ["我的报工", "My reports"],
    wages: ["我的工资", "My wages"],
    inbox: ["消息", "Inbox"],
    raise_exception: ["异常呼叫", "Raise an exception"],
    lot: ["批次/序列号", "Lot / serial"],
    language: ["English", "中文"],
    sign_out: ["退出登录", "Sign out"],
    offline: ["离线:操作会保存,联网后自动发送。", "Offline: actions are kept and sent when the network is back."],
    stale_since: ["离线数据,更新于", "Offline copy from"],
    pending: ["条待发送", "waiting to be sent"],
    send_now: ["立即发送", "Send now"],
    refused: ["服务器拒绝了离线操作", "The server refused an offline action"],
    dismiss: ["知道了", "OK"],
    refresh: ["刷新", "Reload"],
    done_ok: ["已提交", "Done"],
    queued_ok: ["已保存,联网后发送", "Saved, sent when online"],
    workorder: ["工单", "Work order"],
    product: ["产品", "Product"],
    workcenter: ["工位", "Work center"],
    qty_production: ["计划数量", "Planned"],
    qty_good: ["良品", "Good"],
    qty_scrap: ["报废", "Scrap"],
    qty_available: ["可报数量", "Can report"],
    instructions: ["作业指导", "Instructions"],
    pause_reason: ["暂停原因", "Pause reason"],
    scrap_reason: ["报废原因", "Scrap reason"],
    choose: ["请选择", "Choose"],
    note: ["备注", "Note"],
    confirm: ["确认", "Confirm"],
    cancel: ["取消", "Cancel"],
    queued: ["待发送", "Queued"],
    quality_checks: ["质检", "Quality checks"],
    quality_blocking: ["有阻塞质检未通过,完成质检后才能报工。", "A blocking check is due: do it before reporting."],
    measure: ["测量值", "Measure"],
    pass: ["合格", "Pass"],
    fail: ["不合格", "Fail"],
    defects: ["缺陷数量", "Defects"],
    record: ["记录", "Record"],
    check_todo: ["待检", "To do"],
    check_fail: ["不合格", "Failed"],
    check_pass: ["合格", "Passed"],
    totals: ["合计", "Totals"],
    no_reports: ["今天还没有报工", "No reports today"],
    today: ["今天", "Today"],
    month: ["本月", "This month"],
    dispute: ["申诉", "Dispute"],
    dispute_reason: ["申诉理由", "Why is this line wrong?"],
    disputed: ["已申诉", "Disputed"],
    dispute_sent: ["申诉已提交,班长处理后会通知您。", "Dispute sent: you will be told when it is answered."],
    subscribe: ["订阅工资单和申诉通知", "Notify me of wage statements and answers"],
    subscribed: ["已订阅", "Subscribed"],
    inbox_empty: ["没有消息", "No messages"],
    mark_read: ["已读", "Read"],
    mark_all_read: ["全部已读", "All read"],
    mark_done: ["完成", "Done"],
    unread: ["未读", "unread"],
    exception_type: ["异常类型", "Type"],
    where: ["位置", "Where"],
    scan_machine: ["扫设备/工位码", "Scan machine or work center"],
    urgent: ["紧急", "Urgent"],
    raise: ["呼叫", "Raise"],
    raised: ["已呼叫", "Raised"],
    duplicate: ["已有相同异常在处理中", "The same exception is already open"],
    not_available: ["此服务器未启用该功能。", "This server does not offer this function."],
    lot_name: ["批次号或序列号", "Lot or serial number"],
    lot_number: ["批次号", "Lot number"],
    lot_auto: ["留空则自动编号", "Empty: numbered automatically"],
    lot_help: ["扫描或输入本批次号;留空由系统编号。", "Scan or type this batch's lot number; leave it empty to have it numbered."],
    lot_of_order: ["本生产单批次:", "This order's batch:"],
    serials: ["序列号", "Serial numbers"],
    serial: ["序列号", "Serial number"],
    serials_help: ["每件合格品一个序列号(逐个扫描);不录则由系统编号。", "One serial number per good unit (scan each); none: numbered automatically."],
    serial_scan: ["扫描或输入序列号", "Scan or type a serial number"],
    scan_label: ["扫标签", "Scan label"],
    add: ["添加", "Add"],
    finish_help: ["完工前可报最后的良品和报废(可不填)。", "Report the last good and scrap units before finishing (optional)."],
    look_up: ["查询", "Look up"],
    on_hold: ["已扣留", "On hold"],
    components: ["组件批次", "Component lots"],
    not_workorder: ["这不是工单码。", "This is not a job-card code."],
    badge_scanned: ["工牌", "Badge"],
};

function strings(lang) {
    const i = lang === "en_US" ? 1 : 0;
    const out = {};
    for (const [key, pair] of Object.entries(TEXTS)) {
        out[key] = pair[i];
    }
    for (const [name, action] of Object.entries(ACTIONS)) {
        out[`action_${name}`] = i ? action.en : action.zh;
    }
    return out;
}

function t(lang, key) {
    const pair = TEXTS[key];
    return pair ? pair[lang === "en_US" ? 1 : 0] : key;
}

module.exports = { TEXTS, strings, t };
