/**
 * The work-order actions the server allows (``allowed_actions``), how each is called
 * and what it needs from the worker. The app shows big buttons for exactly these.
 */

export const ACTIONS = {
    start: { method: "workorder/start", zh: "开工", en: "Start", tone: "primary" },
    pause: { method: "workorder/pause", zh: "暂停", en: "Pause", tone: "warning", needs: ["reason_id"] },
    resume: { method: "workorder/resume", zh: "继续", en: "Resume", tone: "primary" },
    report: { method: "workorder/report", zh: "报工", en: "Report", tone: "success", needs: ["qty"] },
    finish: { method: "workorder/finish", zh: "完工", en: "Finish", tone: "dark" },
};

/** The actions to show for a work order, in the server's order, known ones only. */
export function allowedActions(workorder) {
    const allowed = (workorder && workorder.allowed_actions) || [];
    return allowed.filter((name) => name in ACTIONS).map((name) => ({ name, ...ACTIONS[name] }));
}

export function actionLabel(name, lang = "zh_CN") {
    const action = ACTIONS[name];
    if (!action) {
        return name;
    }
    return lang === "en_US" ? action.en : action.zh;
}

/**
 * Check a report before sending it: the limits the server applies, shown to the
 * worker first. Returns null when fine, else ``{code, details}`` (an SF_* code).
 */
export function checkReport(workorder, { qtyGood = 0, qtyScrap = 0, defectTypeId = null, lotName = "", serials = [] } = {}) {
    const good = Number(qtyGood) || 0;
    const scrap = Number(qtyScrap) || 0;
    if (good < 0 || scrap < 0 || !Number.isFinite(good) || !Number.isFinite(scrap)) {
        return { code: "SF_BAD_PARAMS", details: { field: "qty_good" } };
    }
    if (good + scrap <= 0) {
        return { code: "SF_BAD_PARAMS", details: { field: "qty_good" } };
    }
    if (scrap > 0 && !defectTypeId) {
        return { code: "SF_SCRAP_REASON_REQUIRED", details: {} };
    }
    const available = workorder && workorder.qty_available;
    if (typeof available === "number" && good + scrap > available + 1e-9) {
        return { code: "SF_QTY_EXCEEDS_AVAILABLE", details: { available, passed: workorder.qty_passed_on } };
    }
    return checkLots(workorder, { qtyGood: good, lotName, serials });
}

/**
 * The lot / serial numbers a worker gives with good units (shopfloor_trace, work order
 * ``lot_entry``): none (the server numbers them), the batch's lot name, or exactly one
 * serial per good unit, each once. Returns null or ``{code, details}``.
 */
export function checkLots(workorder, { qtyGood = 0, lotName = "", serials = [] } = {}) {
    const given = (serials || []).length;
    if (!workorder || !workorder.lot_entry) {
        return lotName || given ? { code: "SF_TRACE_LOT_NOT_HERE", details: {} } : null;
    }
    if ((lotName || given) && !(Number(qtyGood) > 0)) {
        return { code: "SF_TRACE_LOT_NOT_HERE", details: {} };
    }
    if (workorder.tracking === "lot" && lotName && workorder.lot && lotName !== workorder.lot) {
        return { code: "SF_TRACE_LOT_MISMATCH", details: { lot: workorder.lot } };
    }
    if (workorder.tracking === "serial" && given) {
        const expected = Math.round(Number(qtyGood));
        if (given !== expected) {
            return { code: "SF_TRACE_SERIAL_COUNT", details: { expected, given } };
        }
        const seen = new Set();
        for (const serial of serials) {
            if (seen.has(serial)) {
                return { code: "SF_TRACE_SERIAL_EXISTS", details: { serial } };
            }
            seen.add(serial);
        }
    }
    return null;
}

/** The local guess of a work order after a queued (not yet confirmed) action. */
export function applyQueued(workorder, name, params = {}) {
    const wo = { ...workorder };
    const next = {
        start: ["working", ["report", "pause", "finish"]],
        resume: ["working", ["report", "pause", "finish"]],
        pause: ["paused", ["resume", "finish"]],
        finish: ["idle", []],
    }[name];
    if (next) {
        [wo.my_state, wo.allowed_actions] = next;
    }
    if (name === "report" || name === "finish") {
        wo.qty_good = (wo.qty_good || 0) + (Number(params.qty_good) || 0);
        wo.qty_scrap = (wo.qty_scrap || 0) + (Number(params.qty_scrap) || 0);
        if (typeof wo.qty_available === "number") {
            wo.qty_available = Math.max(wo.qty_available - (Number(params.qty_good) || 0) - (Number(params.qty_scrap) || 0), 0);
        }
    }
    wo.queued = true;
    return wo;
}

/** The work order an outbox entry acts on (its params, else what the app noted). */
export function entryWorkorder(entry) {
    const id = (entry && entry.params && entry.params.workorder_id) || (entry && entry.meta && entry.meta.workorder_id);
    return Number.isInteger(id) ? id : null;
}

/** The action name of an outbox entry ("workorder/report" -> "report"). */
export function entryAction(entry) {
    return (entry.meta && entry.meta.label) || String(entry.method || "").split("/").pop();
}

/**
 * The outbox per work order, for "My work": ``{id: {pending, actions, failed}}`` with
 * ``pending`` the number of queued actions, ``actions`` ``[{name, count}]`` in queue
 * order, ``failed`` the refused ones (``{id, name, error}``, error as the server said).
 */
export function queueByWorkorder(entries) {
    const byWo = {};
    for (const entry of entries || []) {
        const wo = entryWorkorder(entry);
        if (!wo || (entry.state !== "pending" && entry.state !== "failed")) {
            continue;
        }
        const slot = (byWo[wo] = byWo[wo] || { pending: 0, actions: [], failed: [] });
        const name = entryAction(entry);
        if (entry.state === "failed") {
            slot.failed.push({ id: entry.id, name, error: entry.error });
            continue;
        }
        slot.pending += 1;
        const last = slot.actions[slot.actions.length - 1];
        if (last && last.name === name) {
            last.count += 1;
        } else {
            slot.actions.push({ name, count: 1 });
        }
    }
    return byWo;
}

/** A work order as it will be once its queued actions are sent (local guess). */
export function applyQueue(workorder, entries) {
    let wo = workorder;
    for (const entry of entries || []) {
        if (entry.state === "pending" && entryWorkorder(entry) === workorder.id) {
            wo = applyQueued(wo, entryAction(entry), entry.params);
        }
    }
    return wo;
}
