/**
 * Texts of the worker app in Chinese (default) and English, and the mapping of the
 * API's SF_* error codes to a message and what to do next.
 *
 * The server already answers errors in the worker's language (``message``, with
 * ``message_zh`` / ``message_en``); the client adds the next step, and its own
 * messages for failures the server never saw (no network).
 */

export const LANGS = ["zh_CN", "en_US"];

/** The language to start with: the saved choice, else the phone's, else Chinese. */
export function pickLang(saved, navigatorLanguages = []) {
    if (LANGS.includes(saved)) {
        return saved;
    }
    for (const lang of navigatorLanguages || []) {
        const l = String(lang).toLowerCase();
        if (l.startsWith("zh")) {
            return "zh_CN";
        }
        if (l.startsWith("en")) {
            return "en_US";
        }
    }
    return "zh_CN";
}

// code: [zh message, en message, zh next step, en next step]
const ERRORS = {
    SF_NETWORK: [
        "网络不通,操作已保存,联网后自动发送。",
        "No network: the action is kept and sent when the network is back.",
        "继续工作即可。",
        "Carry on working.",
    ],
    SF_BAD_JSON: ["请求格式错误。", "The request is not valid JSON-RPC.", "请更新应用。", "Update the app."],
    SF_BAD_PARAMS: ["参数错误。", "Invalid parameter.", "检查输入后重试。", "Check what you typed and try again."],
    SF_UNKNOWN_METHOD: ["服务器不支持此功能。", "The server does not offer this function.", "请联系管理员。", "Ask your manager."],
    SF_AUTH_REQUIRED: ["请先绑定本机。", "Please bind this phone first.", "用绑定码或工牌+PIN登录。", "Sign in with a binding code or badge + PIN."],
    SF_AUTH_INVALID: ["登录已失效,请重新绑定。", "This token is not valid. Please bind again.", "用绑定码或工牌+PIN重新登录。", "Sign in again with a binding code or badge + PIN."],
    SF_AUTH_EXPIRED: ["登录已过期,请重新绑定。", "This token has expired. Please bind again.", "用绑定码或工牌+PIN重新登录。", "Sign in again with a binding code or badge + PIN."],
    SF_AUTH_REVOKED: ["本机已被班长解绑,请重新绑定。", "This token was revoked. Please bind again.", "向班长要新的绑定码。", "Ask your leader for a new binding code."],
    SF_BIND_CODE_INVALID: ["绑定码错误、已使用或已过期。", "This binding code is wrong, used or expired.", "向班长要新的绑定码。", "Ask your leader for a new binding code."],
    SF_BADGE_PIN_INVALID: ["工牌号或PIN错误。", "Wrong badge number or PIN.", "重新输入工牌号和PIN。", "Type your badge number and PIN again."],
    SF_BADGE_REQUIRED: ["这是共用终端,请先扫工牌。", "This is a shared terminal: scan your badge first.", "扫描或输入工牌号。", "Scan or type your badge."],
    SF_WECHAT_FAILED: ["微信登录失败。", "WeChat login failed.", "改用绑定码或工牌+PIN。", "Use a binding code or badge + PIN."],
    SF_WECHAT_UNBOUND: ["此微信尚未绑定工人。", "This WeChat account is not bound yet.", "先用绑定码绑定。", "Bind with a binding code first."],
    SF_FORBIDDEN: ["您无权在此操作。", "You are not allowed to do this here.", "确认是您工位的工单,或找班长。", "Check it is your work center's order, or ask your leader."],
    SF_UNKNOWN_CODE: ["无法识别此码。", "This code is unknown.", "确认扫的是工单卡上的二维码。", "Check you scanned the job card's QR code."],
    SF_OTHER_COMPANY: ["此码属于其他公司。", "This code belongs to another company.", "找班长。", "Ask your leader."],
    SF_REQUEST_REUSED: ["请求编号重复。", "This request id was already used.", "请刷新后重试。", "Reload and try again."],
    SF_REQUEST_TOO_OLD: ["离线记录太久,服务器不再接收。", "This offline report is too old to be accepted.", "找班长补录。", "Ask your leader to enter it."],
    SF_WO_DONE: ["此工序已完工。", "This operation is already finished.", "扫下一张工单。", "Scan the next job card."],
    SF_WO_CANCELLED: ["此工序已取消。", "This operation is cancelled.", "找班长。", "Ask your leader."],
    SF_MO_NOT_READY: ["生产单尚未确认。", "This manufacturing order is not confirmed yet.", "找班长确认生产单。", "Ask your leader to confirm the order."],
    SF_WO_NOT_STARTED: ["请先开工再报工。", "Start this operation before reporting on it.", "点“开工”。", "Tap Start."],
    SF_WO_ALREADY_STARTED: ["您已在做此工序。", "You are already working on this operation.", "可以直接报工。", "You can report now."],
    SF_WO_NOT_PAUSED: ["此工序未暂停。", "This operation is not paused.", "刷新工单。", "Reload the work order."],
    SF_QTY_EXCEEDS_AVAILABLE: ["数量超过可报数量。", "The quantity exceeds what can be reported.", "按上道工序转来的数量报工。", "Report at most what the previous operation passed on."],
    SF_QTY_ABSURD: ["数量不合理。", "The quantity is not plausible.", "检查数量。", "Check the quantity."],
    SF_SCRAP_REASON_REQUIRED: ["请选择报废原因。", "Give a scrap reason.", "选择一个报废原因。", "Pick a scrap reason."],
    SF_QC_BLOCKING: ["质检未通过或未完成,不能继续。", "A quality check blocks this step.", "先完成质检或找质检员。", "Do the quality check or call quality."],
    SF_QC_ALREADY_DONE: ["此质检已完成。", "This check is already done.", "刷新工单。", "Reload the work order."],
    SF_QC_BAD_RESULT: ["质检结果无效。", "Invalid check result.", "检查输入。", "Check what you typed."],
    SF_QC_NOT_DUE: ["此质检现在不需要做。", "This check is not due now.", "继续工作。", "Carry on."],
    SF_QC_UNKNOWN_CHECK: ["质检项不存在。", "Unknown quality check.", "刷新工单。", "Reload the work order."],
    SF_QC_LOT_ON_HOLD: ["此批次被扣留。", "This lot is on hold.", "找质检员。", "Call quality."],
    SF_TRACE_BAD_SERIAL: ["序列号管理的产品须按整件报工。", "Serial-tracked products are reported in whole units.", "按整数报工。", "Report whole units."],
    SF_TRACE_LOT_NOT_HERE: ["这里不填批次号或序列号。", "No lot or serial number is given here.", "清空批次号/序列号后再提交。", "Clear the lot or serial numbers and send again."],
    SF_TRACE_LOT_MISMATCH: ["该生产单已有批次号。", "This order's batch has its lot number already.", "用已有的批次号,或留空。", "Use the order's lot number, or leave it empty."],
    SF_TRACE_SERIAL_COUNT: ["每件合格品一个序列号。", "Give one serial number per good unit.", "补齐或删掉多余的序列号。", "Add the missing serial numbers or remove the extra ones."],
    SF_TRACE_SERIAL_EXISTS: ["序列号重复或已被使用。", "A serial number is repeated or already used.", "换掉重复的序列号。", "Replace the repeated serial number."],
    SF_BUSINESS_RULE: ["操作不符合业务规则。", "A business rule refused this action.", "找班长。", "Ask your leader."],
    SF_INTERNAL: ["服务器出错,请重试。", "The server could not process this request.", "稍后重试;一直失败请找管理员。", "Try again; if it keeps failing, tell your manager."],
};

/** Codes after which the token is useless: the app returns to the sign-in screen. */
export const AUTH_LOST = new Set(["SF_AUTH_INVALID", "SF_AUTH_EXPIRED", "SF_AUTH_REVOKED", "SF_AUTH_REQUIRED"]);

/**
 * What to show for an error: ``{code, message, next}`` in ``lang``. The server's
 * message (in the worker's language) wins over the generic one.
 */
export function describeError(err, lang = "zh_CN") {
    const zh = lang !== "en_US";
    const code = (err && err.code) || "SF_INTERNAL";
    const known = ERRORS[code] || ERRORS.SF_INTERNAL;
    let message = zh ? err?.messageZh : err?.messageEn;
    if (!message && err && !err.network && err.message && err.message !== code) {
        message = err.message;
    }
    return {
        code,
        message: message || (zh ? known[0] : known[1]),
        next: zh ? known[2] : known[3],
    };
}

export function knownErrorCodes() {
    return Object.keys(ERRORS);
}
