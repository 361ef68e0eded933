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
    SF_AUTH_LOCKED: ["错误次数太多,已暂时锁定。", "Too many wrong attempts: signing in is locked for a while.", "稍等再试,或请班长解锁。", "Wait and try again, or ask your leader to unlock."],
    SF_BIND_CODE_INVALID: ["绑定码错误、已使用或已过期。", "This binding code is wrong, used or expired.", "向班长要新的绑定码。", "Ask your leader for a new binding code."],
    SF_BADGE_PIN_INVALID: ["工牌号或PIN错误。", "Wrong badge number or PIN.", "重新输入工牌号和PIN。", "Type your badge number and PIN again."],
    SF_BADGE_REQUIRED: ["这是共用终端,请先扫工牌。", "This is a shared terminal: scan your badge first.", "扫描或输入工牌号。", "Scan or type your badge."],
    SF_WECHAT_FAILED: ["微信登录失败。", "WeChat login failed.", "改用绑定码或工牌+PIN。", "Use a binding code or badge + PIN."],
    SF_WECHAT_UNBOUND: ["此微信尚未绑定工人。", "This WeChat account is not bound yet.", "先用绑定码绑定。", "Bind with a binding code first."],
    SF_FORBIDDEN: ["您无权在此操作。", "You are not allowed to do this here.", "确认是您工位的工单,或找班长。", "Check it is your work center's order, or ask your leader."],
    SF_UNKNOWN_CODE: ["无法识别此码。", "This code is unknown.", "确认扫的是工单卡上的二维码。", "Check you scanned the job card's QR code."],
    SF_OTHER_COMPANY: ["此码属于其他公司。", "This code belongs to another company.", "找班长。", "Ask your leader."],
    SF_REQUEST_REUSED: ["请求编号重复。", "This request id was already used.", "请刷新后重试。", "Reload and try again."],
    SF_REQUEST_SERVED: ["此请求已处理过,结果只显示一次。", "This request was already served; its answer is shown only once.", "重新登录或重新生成一次。", "Start again: sign in again or generate it again."],
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
    SF_TRACE_NOT_LOT: ["这不是批次或序列号。", "This code is not a lot or serial number.", "扫批次/序列号标签,或输入批次号。", "Scan the lot or serial label, or type the lot number."],

    // exceptions (andon)
    SF_ANDON_TYPE_UNKNOWN: ["异常类型不存在。", "This exception type is unknown.", "刷新后重新选择异常类型。", "Reload and pick the exception type again."],
    SF_ANDON_NO_TARGET: ["请说明异常发生在哪里。", "Say where the exception is.", "扫工单、工位或设备码。", "Scan the job card, work center or machine code."],
    SF_ANDON_UNKNOWN: ["此异常不存在。", "This exception is unknown.", "刷新异常列表。", "Reload the exception list."],
    SF_ANDON_BAD_STATE: ["此异常当前状态不能执行该操作。", "This exception cannot do that in its current state.", "刷新查看最新状态。", "Reload to see its current state."],
    SF_ANDON_NOT_RESPONDER: ["您不是此异常的处理人。", "You are not a responder of this exception.", "由负责的处理人处理,或找班长。", "Let its responder handle it, or ask your leader."],
    SF_ANDON_NOT_VERIFIER: ["只有呼叫人或班长可以确认。", "Only the person who raised it or a leader may do this.", "请呼叫人或班长确认。", "Ask the person who raised it or your leader."],
    SF_ANDON_WRONG_MACHINE: ["这不是该异常的设备。", "This is not the machine of the exception.", "到现场扫该设备自己的码。", "Go to the machine and scan its own code."],
    SF_ANDON_PHOTO_INVALID: ["照片无效或太大。", "The photo is not valid or too large.", "重新拍一张照片,或不带照片提交。", "Take the photo again, or send without a photo."],
    // wages
    SF_WAGE_LINE_UNKNOWN: ["这条工资明细不是您的。", "This wage line is not one of yours.", "刷新工资页面。", "Reload your wages."],
    SF_WAGE_DISPUTE_OPEN: ["这条明细已在申诉中。", "This line is already disputed.", "等班长处理,处理后会通知您。", "Wait for your leader's answer; you will be told."],
    // inbox
    SF_INBOX_NO_RECIPIENT: ["消息属于个人,请先表明身份。", "This inbox belongs to a person: identify yourself first.", "扫工牌或用自己的账号登录。", "Scan your badge or sign in with your own account."],
    SF_INBOX_UNKNOWN_ITEM: ["这些消息不在您的收件箱中。", "These messages are not in your inbox.", "刷新消息列表。", "Reload your inbox."],
    // material
    SF_MAT_NOT_PRODUCTION: ["这不是生产单或工单码。", "This code is not a manufacturing order or a job card.", "扫工单卡或生产单上的码。", "Scan the job card or the manufacturing order's code."],
    SF_MAT_MO_STATE: ["此生产单当前状态不能领退料。", "Material cannot move for this order in its state.", "找班长确认生产单状态。", "Ask your leader about the order's state."],
    SF_MAT_NOT_COMPONENT: ["此物料不是该生产单的组件。", "This product is not a component of the order.", "核对物料,扫正确的物料。", "Check the material and scan the right one."],
    SF_MAT_UNKNOWN_COMPONENT: ["这不是物料或批次码。", "This code is not a product or a lot.", "扫物料或批次标签。", "Scan the product or lot label."],
    SF_MAT_LOT_REQUIRED: ["此物料按批次/序列号管理。", "This material is tracked by lot or serial.", "扫物料的批次标签。", "Scan the material's lot label."],
    SF_MAT_LOT_MISMATCH: ["批次号与物料不符。", "This lot is not a lot of this material.", "扫该物料自己的批次标签。", "Scan this material's own lot label."],
    SF_MAT_SERIAL_QTY: ["序列号物料每次只能发一件。", "A serial number is issued one unit at a time.", "数量填1,逐个扫序列号。", "Enter 1 and scan each serial number."],
    SF_MAT_QTY_ZERO: ["数量必须大于0。", "Give a quantity greater than zero.", "输入数量。", "Enter the quantity."],
    SF_MAT_NO_LINE_LOCATION: ["仓库未设置线边库位。", "No line-side location is configured.", "请管理员设置线边库位。", "Ask your manager to set the line-side location."],
    SF_MAT_OVER_ISSUE: ["超过可领数量。", "More than may still be issued.", "按可领数量领料,需要更多请申请补料。", "Issue at most what is allowed; ask for a replenishment for more."],
    SF_MAT_NO_STOCK: ["库存不足。", "Not enough stock.", "减少数量,或找仓管员补货。", "Lower the quantity, or ask the storekeeper."],
    SF_MAT_RETURN_EXCEEDS: ["退料数量超过已领未用数量。", "More than can go back (issued and not consumed).", "按已领未用数量退料。", "Return at most what was issued and not consumed."],
    SF_MAT_SCRAP_EXCEEDS: ["报废数量超过线边现有数量。", "More than is on the line for this order.", "检查报废数量。", "Check the scrap quantity."],
    SF_MAT_DEFECT_REQUIRED: ["请选择报废的缺陷类型。", "Give the defect type of the scrap.", "选择一个缺陷类型。", "Pick a defect type."],
    SF_MAT_REASON_REQUIRED: ["请填写原因。", "Give a reason.", "填写补料原因。", "Type the reason for the request."],
    SF_MAT_NOT_OVER: ["还可以直接领料,不需要申请。", "Material may still be issued without approval.", "先直接领料。", "Issue it directly first."],
    SF_MAT_UNKNOWN_REQUEST: ["补料申请不存在。", "This replenishment request is unknown.", "刷新申请列表。", "Reload the requests."],
    SF_MAT_REQUEST_DECIDED: ["此补料申请已处理。", "This replenishment request is already decided.", "刷新申请列表。", "Reload the requests."],
    SF_MAT_NOT_LEADER: ["只有班长可以审批此申请。", "Only the team leader may approve or refuse this request.", "请班长审批。", "Ask your team leader."],
    // planning (sales and planners)
    SF_PLAN_UNKNOWN_PRODUCT: ["产品不存在。", "This product is unknown.", "检查产品后重试。", "Check the product and try again."],
    SF_PLAN_NO_PROMISE: ["无法计算交期。", "No delivery date can be promised.", "请计划员检查工位日历和工艺。", "Ask the planner to check work center calendars and routings."],
    SF_PLAN_NO_SUPPLY: ["有组件无法获得,不能承诺交期。", "A component cannot be obtained: no date can be promised.", "请采购或计划员设置供应商或物料清单。", "Ask purchasing or the planner to set a vendor or bill of materials."],
    SF_PLAN_UNKNOWN_MO: ["生产单不存在。", "This manufacturing order is unknown.", "检查生产单号。", "Check the order number."],
    SF_PLAN_NO_SALE: ["未安装销售模块。", "Sales are not installed.", "请管理员安装销售模块。", "Ask your manager to install Sales."],
    SF_PLAN_UNKNOWN_SALE_LINE: ["销售订单行不存在。", "This sale order line is unknown.", "检查销售订单。", "Check the sale order."],
    // machine gateways (OEE): shown in logs and to integrators, not to workers
    SF_OEE_BAD_EVENT: ["设备事件无效。", "Invalid machine event.", "请设备集成人员检查网关数据。", "Have the integrator check the gateway's data."],
    SF_OEE_BATCH_TOO_LARGE: ["一次发送的设备事件太多。", "Too many machine events in one batch.", "请集成人员分批发送。", "Have the integrator send smaller batches."],
    SF_OEE_CLOCK_SKEW: ["设备时钟超前服务器。", "The machine clock is ahead of the server.", "校准网关时钟。", "Set the gateway's clock right."],
    SF_OEE_TOO_OLD: ["设备事件太旧,不再接收。", "The machine event is too old to be recorded.", "请集成人员检查网关积压。", "Have the integrator check the gateway's backlog."],
    SF_OEE_UNKNOWN_WORKCENTER: ["找不到该工位。", "Unknown work center.", "核对网关配置的工位编码。", "Check the work center code in the gateway."],
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
