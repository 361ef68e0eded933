/**
 * The mini-program's state and its calls to the server, shared by the pages (the
 * counterpart of the web app's store.js). Reads go to the server and fall back to the
 * last known answer in wx storage (marked stale); writes go through the shared outbox,
 * persisted in wx storage: kept in order with their request_uid, replayed with the same
 * id (the server records each once), refusals kept until the worker has read them.
 */
"use strict";

const { ApiClient, ApiError, newRequestUid } = require("./api/rpc.js");
const { TokenStore } = require("./api/token_store.js");
const { KeyValueQueueStore, Outbox } = require("./api/outbox.js");
const { AUTH_LOST, describeError, pickLang } = require("./api/messages.js");
const { parseCode } = require("./api/scan.js");
const { wxCall, wxFetch, wxStorage } = require("./wx_adapters.js");
const { strings, t } = require("./i18n.js");

const CACHE_PREFIX = "shopfloor.cache.";
const LANG_KEY = "shopfloor.lang";
const OUTBOX_KEY = "shopfloor.outbox";
const PARKED_PREFIX = "shopfloor.outbox.parked.";

/**
 * A request id without touching `globalThis` (older base libraries lack it): Web Crypto
 * where the runtime has it, else the module's own fallback. An idempotency key, not a
 * secret.
 */
function requestUid() {
    // eslint-disable-next-line no-undef
    return newRequestUid(typeof crypto !== "undefined" ? crypto : null);
}

function createStore({ wxApi, config, retryEvery = 15000 }) {
    const storage = wxStorage(wxApi);
    const tokens = new TokenStore(storage);
    const listeners = new Set();
    let systemLang = [];
    try {
        const info = wxApi.getAppBaseInfo ? wxApi.getAppBaseInfo() : wxApi.getSystemInfoSync();
        systemLang = info && info.language ? [info.language] : [];
    } catch {
        systemLang = [];
    }
    const state = {
        lang: pickLang(storage.getItem(LANG_KEY), systemLang),
        auth: tokens.get(),
        online: true,
        pending: 0,
        failed: [],
        catalog: null,
    };
    const client = new ApiClient({
        baseUrl: config.baseUrl,
        fetch: wxFetch(wxApi, { timeout: config.requestTimeout || 15000 }),
        tokens,
        getLang: () => state.lang,
        timeout: config.requestTimeout || 15000,
    });
    const outbox = new Outbox({ store: new KeyValueQueueStore(storage, OUTBOX_KEY), uid: requestUid });

    const store = {
        state,
        client,
        tokens,
        outbox,
        storage,
        config,

        subscribe(callback) {
            listeners.add(callback);
            return () => listeners.delete(callback);
        },
        emit() {
            for (const callback of [...listeners]) {
                callback(state);
            }
        },
        set(values) {
            Object.assign(state, values);
            store.emit();
        },

        t: (key) => t(state.lang, key),
        strings: () => strings(state.lang),
        describe: (err) => describeError(err, state.lang),

        setLang(lang) {
            storage.setItem(LANG_KEY, lang);
            state.lang = lang;
            store.syncOutbox(); // the refusals' messages in the new language
        },

        toast(key, icon = "success") {
            wxApi.showToast({ title: store.t(key), icon });
        },

        forgetToken() {
            tokens.clear();
            store.set({ auth: null });
        },

        /** After an error: forget the token when it is useless (the page goes to sign in). */
        handleError(err) {
            if (err && AUTH_LOST.has(err.code)) {
                store.forgetToken();
                return true;
            }
            return false;
        },

        cacheKey(name) {
            const who = state.auth && state.auth.employee ? state.auth.employee.id : "-";
            return `${CACHE_PREFIX}${who}.${name}`;
        },

        cached(name) {
            try {
                return JSON.parse(storage.getItem(store.cacheKey(name)) || "null");
            } catch {
                return null;
            }
        },

        remember(name, data) {
            try {
                storage.setItem(store.cacheKey(name), JSON.stringify({ at: Date.now(), data }));
            } catch {
                // storage full: the read still works, only its offline copy is missing
            }
        },

        /** A read with the last known answer as fallback: `{data, stale}` (stale = Date). */
        async read(method, params = {}, cacheName = null) {
            try {
                const data = await client.call(method, params);
                if (!state.online) {
                    store.set({ online: true });
                }
                if (cacheName) {
                    store.remember(cacheName, data);
                }
                return { data, stale: null };
            } catch (err) {
                if (err.network) {
                    store.set({ online: false });
                    const cached = cacheName && store.cached(cacheName);
                    if (cached) {
                        return { data: cached.data, stale: new Date(cached.at) };
                    }
                }
                throw err;
            }
        },

        // ---- sign in --------------------------------------------------------
        deviceName() {
            try {
                const info = wxApi.getDeviceInfo ? wxApi.getDeviceInfo() : wxApi.getSystemInfoSync();
                return `WeChat ${(info && (info.model || info.platform)) || "mini-program"}`.slice(0, 60);
            } catch {
                return "WeChat mini-program";
            }
        },

        async _signedIn(answer) {
            const { token, expires_at: expiresAt, employee } = answer;
            const auth = tokens.set({ kind: "worker", token, expires_at: expiresAt, employee });
            if (employee && employee.lang && !storage.getItem(LANG_KEY)) {
                store.setLang(employee.lang);
            }
            await store._swapParked(employee && employee.id);
            store.set({ auth });
            await store.flush();
            return auth;
        },

        /**
         * Another worker signs in on this phone: the actions another worker queued are
         * never sent with this worker's token (they would be booked on the wrong
         * person): they are parked under their worker until that worker signs in here
         * again, then replayed first, with their request ids.
         */
        async _swapParked(employeeId) {
            await outbox.init();
            const mine = (e) => !e.meta || !e.meta.employee_id || e.meta.employee_id === employeeId;
            const others = outbox.entries.filter((e) => !mine(e));
            const byWorker = {};
            for (const entry of others) {
                (byWorker[entry.meta.employee_id] = byWorker[entry.meta.employee_id] || []).push(entry);
            }
            // parked first, then removed from the queue: a crash in between replays an
            // action twice with the same request id, which the server records once
            for (const [who, entries] of Object.entries(byWorker)) {
                const parked = JSON.parse(storage.getItem(`${PARKED_PREFIX}${who}`) || "[]");
                storage.setItem(`${PARKED_PREFIX}${who}`, JSON.stringify(parked.concat(entries)));
            }
            const back = employeeId ? JSON.parse(storage.getItem(`${PARKED_PREFIX}${employeeId}`) || "[]") : [];
            if (others.length || back.length) {
                outbox.entries = back.concat(outbox.entries.filter(mine));
                await outbox.store.save(outbox.entries);
                if (back.length) {
                    storage.removeItem(`${PARKED_PREFIX}${employeeId}`);
                }
                store.syncOutbox();
            }
        },

        /** wx.login, then auth/wechat (with the binding code the first time). */
        async signInWechat(bindCode = null) {
            let login;
            try {
                login = await wxCall(wxApi, "login", { timeout: 10000 });
            } catch (err) {
                throw new ApiError({ code: "SF_WECHAT_FAILED", message: (err && err.errMsg) || "" });
            }
            if (!login || !login.code) {
                throw new ApiError({ code: "SF_WECHAT_FAILED", message: "" });
            }
            const params = { js_code: login.code, device_name: store.deviceName(), request_uid: requestUid() };
            if (bindCode) {
                params.bind_code = bindCode;
            }
            return store._signedIn(await client.call("auth/wechat", params, { token: null }));
        },

        async bind(code) {
            const params = { code, device_name: store.deviceName(), request_uid: requestUid() };
            const answer = await client.call("auth/bind", params, { token: null });
            return store._signedIn(answer);
        },

        async bindPin(badge, pin) {
            const params = { badge, pin, device_name: store.deviceName(), request_uid: requestUid() };
            const answer = await client.call("auth/bind_pin", params, { token: null });
            return store._signedIn(answer);
        },

        async signOut() {
            try {
                await client.call("auth/logout", { request_uid: requestUid() });
            } catch (err) {
                if (!err.network && !AUTH_LOST.has(err.code)) {
                    throw err;
                }
                // offline: forgotten here; a leader can revoke the token in the backend
            }
            store.forgetToken();
        },

        // ---- scan -----------------------------------------------------------
        /** wx.scanCode: the scanned text, or null when the worker cancelled. */
        async scanText() {
            try {
                const res = await wxCall(wxApi, "scanCode", { onlyFromCamera: false, scanType: ["qrCode", "barCode"] });
                return (res && res.result) || null;
            } catch (err) {
                if (err && /cancel/i.test(err.errMsg || "")) {
                    return null;
                }
                throw new ApiError({ code: "SF_UNKNOWN_CODE", message: (err && err.errMsg) || "" });
            }
        },

        /** What a scanned text is on the server (`scan`), cached for offline use. */
        async resolveScan(text) {
            const code = parseCode(text);
            const payload = code || String(text).trim();
            const { data, stale } = await store.read("scan", { payload }, code ? `scan.${code}` : null);
            if (data.type === "workorder" && data.workorder) {
                store.remember(`wo.${data.workorder.id}`, { workorder: data.workorder });
            }
            return { ...data, stale, code };
        },

        async loadCatalog() {
            if (!state.catalog) {
                const { data } = await store.read("catalog", {}, "catalog");
                state.catalog = data;
            }
            return state.catalog;
        },

        // ---- writes ---------------------------------------------------------
        /**
         * A write through the outbox: `{status: "sent", result}` or `{status: "queued"}`
         * (offline: kept and sent later, in order, with the same request id); rejects
         * with the server's ApiError when the server refused it.
         */
        async act(method, params, meta = {}) {
            await outbox.init();
            const before = new Set(outbox.entries.map((e) => e.id));
            const who = state.auth && state.auth.employee ? state.auth.employee.id : null;
            let res;
            try {
                res = await outbox.send(client, method, params, { ...meta, employee_id: who });
            } catch (err) {
                if (err instanceof ApiError) {
                    throw err; // the server refused it (outbox.send already dropped it)
                }
                // wx storage refused the queue (full): the action is not kept, say so; it
                // must not stay in memory either, to be sent behind the worker's back
                outbox.entries = outbox.entries.filter((e) => before.has(e.id));
                store.syncOutbox();
                throw new ApiError({
                    code: "SF_INTERNAL",
                    message: String((err && err.message) || err),
                    messageZh: "手机存储已满,操作没有保存。请清理微信存储后重试。",
                    messageEn: "The phone's storage is full: the action was not saved. Free WeChat storage and try again.",
                });
            }
            if (res.status === "sent") {
                if (!state.online) {
                    store.set({ online: true });
                }
            } else if (res.error && res.error.network) {
                store.set({ online: false });
            } else if (res.error && AUTH_LOST.has(res.error.code)) {
                // kept in the outbox for after the next sign in; the page goes to sign in
                throw res.error;
            }
            return res;
        },

        async flush() {
            if (!state.auth) {
                return null;
            }
            const report = await outbox.flush(client);
            if (report.stopped && report.stopped.network) {
                store.set({ online: false });
            } else if (report.stopped && AUTH_LOST.has(report.stopped.code)) {
                store.forgetToken();
            } else if (report.sent && !state.online) {
                store.set({ online: true });
            }
            return report;
        },

        syncOutbox() {
            state.pending = outbox.pending.length;
            state.failed = outbox.failed.map((e) => ({
                id: e.id,
                label: e.meta && e.meta.label,
                workorder: e.meta && e.meta.workorder,
                error: describeError({ ...e.error, network: false }, state.lang),
            }));
            store.emit();
        },

        async dismiss(id) {
            await outbox.dismiss(id);
        },

        /** Subscribe messages: ask the worker's consent (must run in a tap handler). */
        requestSubscribe(kinds) {
            const templates = config.subscribeTemplates || {};
            const ids = kinds.map((k) => templates[k]).filter(Boolean);
            if (!ids.length || !wxApi.requestSubscribeMessage) {
                return Promise.resolve({ skipped: true });
            }
            return new Promise((resolve) => {
                wxApi.requestSubscribeMessage({
                    tmplIds: ids,
                    success: (res) => resolve(res),
                    // refused or not supported: the action goes on without notifications
                    fail: (err) => resolve({ errMsg: err && err.errMsg, failed: true }),
                });
            });
        },

        async start() {
            await outbox.init();
            outbox.onChange(() => store.syncOutbox());
            store.syncOutbox();
            if (wxApi.onNetworkStatusChange) {
                wxApi.onNetworkStatusChange(({ isConnected }) => {
                    store.set({ online: Boolean(isConnected) });
                    if (isConnected) {
                        store.flush();
                    }
                });
            }
            if (retryEvery) {
                // a flaky network does not always report itself: retry now and then
                store._timer = setInterval(() => {
                    if (outbox.pending.length) {
                        store.flush();
                    }
                }, retryEvery);
            }
            return store.flush();
        },

        stop() {
            clearInterval(store._timer);
        },
    };
    return store;
}

let current = null;

/** The app's store (created on first use with the real `wx` and config.js). */
function getStore() {
    if (!current) {
        // eslint-disable-next-line no-undef
        current = createStore({ wxApi: wx, config: require("../config.js") });
    }
    return current;
}

/** Tests: use this store (or a fresh one on next getStore()). */
function setStore(store) {
    if (current && current !== store) {
        current.stop();
    }
    current = store;
}

module.exports = { createStore, getStore, setStore, CACHE_PREFIX, OUTBOX_KEY };
