/**
 * The app's state and its calls to the server: one reactive object shared by the
 * screens. Reads go to the server and fall back to the last known answer (kept in
 * localStorage, marked as such); writes go through the outbox (IndexedDB).
 */

import { reactive } from "@odoo/owl";
import { ApiClient, ApiError } from "@shopfloor_mp/api/rpc";
import { TokenStore } from "@shopfloor_mp/api/token_store";
import { Outbox } from "@shopfloor_mp/api/outbox";
import { IndexedDBQueueStore } from "@shopfloor_mp/api/idb_store";
import { AUTH_LOST, describeError, pickLang } from "@shopfloor_mp/api/messages";
import { ACTIONS, applyQueue, applyQueued, queueByWorkorder } from "@shopfloor_mp/api/actions";
import { parseCode } from "@shopfloor_mp/api/scan";
import { t } from "./strings";

const CACHE_PREFIX = "shopfloor.cache.";
const LANG_KEY = "shopfloor.lang";
// a shared terminal returns to its idle screen after this long without a touch
export const TERMINAL_IDLE_MS = 60000;

function safeStorage() {
    try {
        const storage = window.localStorage;
        storage.setItem("shopfloor.probe", "1");
        storage.removeItem("shopfloor.probe");
        return storage;
    } catch {
        const data = new Map();
        return {
            getItem: (k) => (data.has(k) ? data.get(k) : null),
            setItem: (k, v) => data.set(k, String(v)),
            removeItem: (k) => data.delete(k),
        };
    }
}

export function createStore() {
    const storage = safeStorage();
    const tokens = new TokenStore(storage);
    const state = reactive({
        lang: pickLang(storage.getItem(LANG_KEY), navigator.languages || [navigator.language]),
        online: navigator.onLine !== false,
        auth: tokens.get(),
        screen: "home",
        badge: null, // terminal mode: the worker of the current action
        badgeName: null,
        workorder: null,
        workorders: [],
        workordersStale: null, // time of the cached list when shown offline
        reports: null,
        wages: null,
        catalog: null,
        inbox: null, // my/inbox: {items, unread, todo_open, stale}
        unread: 0, // unread inbox items, in the header
        andonTypes: null, // andon/types; false when the server has no andon addon
        trace: null, // a leader's last trace: {direction, data}
        pending: 0,
        failed: [],
        queue: {}, // the outbox per work order (queued and refused actions)
        toast: null,
        error: null,
        busy: false,
        pendingCode: null,
    });
    const client = new ApiClient({ tokens, getLang: () => state.lang });
    const outbox = new Outbox({ store: new IndexedDBQueueStore() });

    const store = {
        state,
        client,
        tokens,
        outbox,
        t: (key) => t(state.lang, key),

        /** An action's name for the worker ("report" -> 报工). */
        actionName(name) {
            const action = ACTIONS[name];
            if (action) {
                return state.lang === "en_US" ? action.en : action.zh;
            }
            return t(state.lang, `act_${name}`);
        },

        get isTerminal() {
            return Boolean(state.auth && state.auth.kind === "device");
        },

        setLang(lang) {
            state.lang = lang;
            storage.setItem(LANG_KEY, lang);
            document.documentElement.lang = lang === "en_US" ? "en" : "zh-CN";
        },

        toast(text, tone = "success") {
            state.toast = { text, tone };
            clearTimeout(store._toastTimer);
            store._toastTimer = setTimeout(() => (state.toast = null), 2500);
        },

        showError(err) {
            state.toast = null; // the error is what the worker must read now
            state.error = describeError(err, state.lang);
            if (err && AUTH_LOST.has(err.code) && !store.isTerminal) {
                store.forgetToken();
            }
        },

        forgetToken() {
            tokens.clear();
            state.auth = null;
            outbox.setOwner(null); // the queued actions wait for their worker
            state.workorder = null;
            state.workorders = [];
            state.inbox = null;
            state.unread = 0;
            state.trace = null;
        },

        /** Whose actions the outbox sends: the signed-in worker (none on a terminal,
         * whose actions carry their badge). */
        ownerId() {
            const auth = state.auth;
            return auth && auth.kind === "worker" && auth.employee ? auth.employee.id : null;
        },

        /** Extra call options: the badge of the worker on a shared terminal. */
        callOptions() {
            return store.isTerminal && state.badge ? { badge: state.badge } : {};
        },

        cacheKey(name) {
            const who = store.isTerminal ? state.badge : state.auth && state.auth.employee?.id;
            return `${CACHE_PREFIX}${who || "-"}.${name}`;
        },

        /** A read with the last known answer as fallback: ``{data, stale}``. */
        async read(method, params, cacheName) {
            try {
                const data = await client.call(method, params, store.callOptions());
                state.online = true;
                if (cacheName) {
                    storage.setItem(store.cacheKey(cacheName), JSON.stringify({ at: Date.now(), data }));
                }
                return { data, stale: null };
            } catch (err) {
                if (err.network && cacheName) {
                    state.online = false;
                    const cached = JSON.parse(storage.getItem(store.cacheKey(cacheName)) || "null");
                    if (cached) {
                        return { data: cached.data, stale: new Date(cached.at) };
                    }
                }
                throw err;
            }
        },

        // ---- sign in --------------------------------------------------------
        async bind(method, params) {
            const answer = await client.call(method, { ...params, device_name: deviceName() }, { token: null });
            state.auth = tokens.set({ kind: "worker", ...answer });
            // another worker's queued actions wait for them, never sent with this token
            await outbox.setOwner(store.ownerId());
            if (answer.employee && answer.employee.lang && !storage.getItem(LANG_KEY)) {
                store.setLang(answer.employee.lang);
            }
            state.screen = "home";
            await store.flush();
            if (state.pendingCode) {
                const code = state.pendingCode;
                state.pendingCode = null;
                await store.openCode(code);
            }
        },

        async registerTerminal(token) {
            const me = await client.call("auth/me", {}, { token });
            if (!me.device || me.device.kind !== "device") {
                throw new ApiError({ code: "SF_FORBIDDEN", message: "" });
            }
            state.auth = tokens.set({ token, kind: "device", device_name: me.device.name, company: me.company });
            state.screen = "home";
        },

        async signOut() {
            try {
                await client.call("auth/logout", {});
            } catch (err) {
                if (!err.network && !AUTH_LOST.has(err.code)) {
                    throw err;
                }
                // offline: the token is forgotten here; a leader can revoke it in the backend
            }
            store.forgetToken();
        },

        // ---- terminal -------------------------------------------------------
        async useBadge(badge) {
            let name = badge;
            try {
                const me = await client.call("auth/me", {}, { badge });
                name = me.employee ? me.employee.name : badge;
            } catch (err) {
                if (!err.network) {
                    throw err;
                }
                // offline: the server checks the badge on replay
            }
            // the worker's screens open once, when the badge is known (not twice)
            Object.assign(state, { badge, badgeName: name, screen: "home" });
            store.touch();
        },

        endTerminalTurn() {
            state.badge = null;
            state.badgeName = null;
            state.workorder = null;
            state.workorders = [];
            state.reports = null;
            state.inbox = null;
            state.unread = 0;
            state.trace = null;
            state.screen = "home";
        },

        touch() {
            clearTimeout(store._idleTimer);
            if (store.isTerminal && state.badge) {
                store._idleTimer = setTimeout(() => store.endTerminalTurn(), TERMINAL_IDLE_MS);
            }
        },

        // ---- reads ----------------------------------------------------------
        /** The last known list, if any (shown at once while the server answers). */
        cached(cacheName) {
            try {
                return JSON.parse(storage.getItem(store.cacheKey(cacheName)) || "null");
            } catch {
                return null;
            }
        },

        loadMyWork() {
            // one call at a time: a screen rebuilt while loading shares the call in flight
            return store.once("my_workorders", async () => {
                const { data, stale } = await store.read("my/workorders", {}, "my_workorders");
                state.workorders = data.workorders;
                state.workordersStale = stale;
            });
        },

        /** Run ``fn`` unless a run of ``key`` (for the current worker) is in flight. */
        once(key, fn) {
            const flights = (store._flights = store._flights || new Map());
            const full = store.cacheKey(key);
            if (!flights.has(full)) {
                flights.set(full, fn().finally(() => flights.delete(full)));
            }
            return flights.get(full);
        },

        /**
         * My work, fast: with a last known list, show it now and refresh it in the
         * background (errors then shown as usual); else wait for the server.
         */
        startMyWork(onError) {
            const cached = store.cached("my_workorders");
            if (!cached) {
                return store.loadMyWork();
            }
            state.workorders = cached.data.workorders;
            state.workordersStale = null;
            store.loadMyWork().catch(onError);
            return Promise.resolve();
        },

        async loadReports() {
            const { data, stale } = await store.read("my/reports", {}, "my_reports");
            state.reports = { ...data, stale };
        },

        async loadWages() {
            const { data, stale } = await store.read("wage/my", {}, "wages");
            state.wages = { ...data, stale };
        },

        async loadCatalog() {
            if (!state.catalog) {
                const { data } = await store.read("catalog", {}, "catalog");
                state.catalog = data;
            }
            return state.catalog;
        },

        async openCode(code) {
            const { data, stale } = await store.read("scan", { payload: code }, `scan.${code}`);
            if (data.type !== "workorder") {
                throw new ApiError({ code: "SF_BAD_PARAMS", message: "", messageZh: "这不是工单码。", messageEn: "This is not a job-card code." });
            }
            if (stale) {
                // offline: the newest card this device knows (after its last action)
                const known = store.cached(`wo.${data.workorder.id}`);
                if (known && known.at > stale.getTime()) {
                    store.showWorkorder(known.data.workorder, new Date(known.at));
                    return;
                }
            }
            store.showWorkorder(data.workorder, stale);
        },

        /** Keep a work order's card as last known (offline reads show it). */
        rememberWorkorder(workorder) {
            const { stale, queued, ...card } = workorder;
            storage.setItem(store.cacheKey(`wo.${card.id}`), JSON.stringify({ at: Date.now(), data: { workorder: card } }));
        },

        async openWorkorder(id) {
            const { data, stale } = await store.read("workorder/get", { workorder_id: id }, `wo.${id}`);
            store.showWorkorder(data.workorder, stale);
        },

        /** The full card again after an action (who works on it now...), quietly. */
        refreshWorkorder(id) {
            client
                .call("workorder/get", { workorder_id: id }, store.callOptions())
                .then((data) => {
                    store.rememberWorkorder(data.workorder);
                    if (state.workorder && state.workorder.id === id && !state.workorder.queued) {
                        state.workorder = { ...data.workorder, stale: null };
                    }
                })
                .catch(() => {});
        },

        showWorkorder(workorder, stale = null) {
            // last known answer: with what this device has queued for it since
            const shown = stale ? applyQueue(workorder, outbox.entries) : workorder;
            if (!stale) {
                store.rememberWorkorder(workorder);
            }
            state.workorder = { ...shown, stale };
            state.screen = "workorder";
        },

        // ---- inbox, andon, trace ----------------------------------------------
        async loadInbox() {
            const { data, stale } = await store.read("my/inbox", { state: "open" }, "inbox");
            state.inbox = { ...data, stale };
            state.unread = data.unread || 0;
        },

        /**
         * The unread count for the header, quietly (one small read), at most every 30 s
         * unless ``force``: going back to My work after each scan costs no extra call.
         */
        refreshUnread(force = false) {
            if (!state.auth || (store.isTerminal && !state.badge)) {
                return Promise.resolve();
            }
            const who = store.cacheKey("unread");
            if (!force && store._unreadFor === who && Date.now() - store._unreadAt < 30000) {
                return Promise.resolve();
            }
            Object.assign(store, { _unreadFor: who, _unreadAt: Date.now() });
            return store.once("unread", () =>
                client
                    .call("my/inbox", { state: "unread", limit: 1 }, store.callOptions())
                    .then((data) => {
                        state.unread = data.unread || 0;
                    })
                    .catch(() => {})
            );
        },

        async inboxMark(action, ids) {
            const answer = await store.act(`inbox_${action}`, `my/inbox/${action}`, { item_ids: ids }, { onWorkorder: false, quiet: true });
            if (answer) {
                state.unread = answer.unread || 0;
            }
            const items = (state.inbox && state.inbox.items) || [];
            for (const item of items) {
                if (ids.includes(item.id)) {
                    item.state = action === "done" ? "done" : item.state === "new" ? "read" : item.state;
                }
            }
            if (!answer) {
                state.unread = items.filter((i) => i.state === "new").length;
            }
            return answer;
        },

        /** Andon types, once; ``false`` when the server has no andon addon. */
        async loadAndonTypes() {
            if (state.andonTypes !== null) {
                return state.andonTypes;
            }
            try {
                const { data } = await store.read("andon/types", {}, "andon_types");
                state.andonTypes = data.types || [];
            } catch (err) {
                if (err.code !== "SF_UNKNOWN_METHOD") {
                    throw err;
                }
                state.andonTypes = false;
            }
            return state.andonTypes;
        },

        async trace(direction, text) {
            const code = parseCode(text);
            const params = code ? { code } : { lot_name: text.trim() };
            const data = await client.call(`trace/${direction}`, params, store.callOptions());
            state.trace = { direction, query: text.trim(), data };
            return data;
        },

        // ---- writes ---------------------------------------------------------
        /**
         * Do an action through the outbox. Resolves with the server's answer, or
         * null when queued (offline); the screen shows the local guess meanwhile.
         */
        async act(name, method, params, { onWorkorder = true, quiet = false } = {}) {
            const wo = onWorkorder ? state.workorder : null;
            const payload = { ...params };
            if (store.isTerminal && state.badge) {
                payload.badge = state.badge;
            }
            const res = await outbox.send(client, method, payload, {
                label: name,
                workorder: wo ? `${wo.production} · ${wo.name}` : "",
                workorder_id: wo ? wo.id : null,
            });
            if (res.status === "sent") {
                state.online = true;
                const answer = res.result;
                if (wo && answer.workorder) {
                    state.workorder = { ...wo, ...answer.workorder, stale: null };
                    store.rememberWorkorder(state.workorder);
                    if (!store.isTerminal) {
                        // the whole card again (who works on it now...); a terminal
                        // goes back to its badge prompt instead
                        store.refreshWorkorder(wo.id);
                    }
                }
                if (!quiet) {
                    store.toast(store.t("done_ok"));
                }
                return answer;
            }
            state.online = false;
            if (wo) {
                state.workorder = applyQueued(wo, name, params);
            }
            store.toast(store.t("queued_ok"), "warning");
            return null;
        },

        async flush() {
            if (!state.auth) {
                return;
            }
            const report = await outbox.flush(client);
            if (report.stopped && report.stopped.network) {
                state.online = false;
            } else if (report.sent) {
                state.online = true;
                if (state.screen === "home" && (!store.isTerminal || state.badge)) {
                    // queued actions went through: My work shows the server's state again
                    store.loadMyWork().catch(() => {});
                }
            }
            return report;
        },

        syncOutbox() {
            state.pending = outbox.pending.length;
            state.queue = queueByWorkorder(outbox.entries);
            state.failed = outbox.failed.map((e) => ({
                id: e.id,
                label: store.actionName(e.meta?.label),
                workorder: e.meta?.workorder,
                workorderId: e.meta?.workorder_id || e.params?.workorder_id || null,
                error: describeError({ ...e.error, network: false }, state.lang),
            }));
        },

        async start() {
            await outbox.init();
            await outbox.setOwner(store.ownerId());
            outbox.onChange(() => store.syncOutbox());
            store.syncOutbox();
            window.addEventListener("online", () => {
                state.online = true;
                store.flush();
            });
            window.addEventListener("offline", () => (state.online = false));
            // a flaky network does not always fire "online": retry now and then
            setInterval(() => {
                if (outbox.pending.length) {
                    store.flush();
                }
            }, 15000);
            // the inbox count in the header, now and then
            setInterval(() => store.refreshUnread(true), 60000);
            store.flush();
        },
    };
    return store;
}

function deviceName() {
    const ua = navigator.userAgent || "";
    if (/MicroMessenger/i.test(ua)) {
        return "WeChat browser";
    }
    if (/Android/i.test(ua)) {
        return "Android phone";
    }
    if (/iPhone|iPad/i.test(ua)) {
        return "iPhone";
    }
    return "Browser";
}

export function isWeChat() {
    return /MicroMessenger/i.test(navigator.userAgent || "");
}
