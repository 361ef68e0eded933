/**
 * Test harness: a `wx` mock (storage, request routed to a fake shop-floor server with
 * idempotency by request_uid, login, scanCode, navigation, subscribe messages) and a
 * page loader rendering a page component with miniprogram-simulate (tdesign replaced
 * by the stubs of tests/stubs, which keep the same events and properties).
 */
const path = require("path");
const simulate = require("miniprogram-simulate");
const { createStore, setStore } = require("../lib/store.js");

const ROOT = path.resolve(__dirname, "..");
const STUBS = {
    "t-button": "/tests/stubs/t-button",
    "t-input": "/tests/stubs/t-input",
    "t-cell": "/tests/stubs/t-cell",
    "t-tag": "/tests/stubs/t-tag",
};

const CONFIG = {
    baseUrl: "https://erp.test",
    requestTimeout: 1000,
    subscribeTemplates: { wage_statement_ready: "TPL_WAGE", dispute_answered: "TPL_DISPUTE" },
};

/** A fake server: handlers per method; writes are recorded once per request_uid. */
function fakeServer() {
    const server = {
        online: true,
        loseAnswers: false, // the server processes the call but the answer is lost
        handlers: {},
        calls: [], // every request that reached the server: {method, params, headers}
        records: [], // writes the server recorded (once per request_uid)
        seen: new Map(),
    };
    server.on = (method, handler) => {
        server.handlers[method] = handler;
        return server;
    };
    server.handle = (url, data, header) => {
        const method = url.split("/shopfloor/api/v1/")[1];
        const { params } = JSON.parse(data);
        server.calls.push({ method, params, header });
        if (params.request_uid && server.seen.has(params.request_uid)) {
            return server.seen.get(params.request_uid);
        }
        const handler = server.handlers[method];
        let body;
        if (!handler) {
            body = { error: { code: -32601, message: "unknown", data: { code: "SF_UNKNOWN_METHOD", message: "unknown method" } } };
        } else {
            try {
                body = { result: handler(params, header) };
                if (params.request_uid) {
                    server.records.push({ method, ...params });
                }
            } catch (err) {
                if (!err.sf) {
                    throw err;
                }
                body = { error: { code: -32000, message: err.sf.message, data: err.sf } };
            }
        }
        if (params.request_uid && body.result) {
            server.seen.set(params.request_uid, body);
        }
        return body;
    };
    return server;
}

/** An SF_* refusal thrown by a fake handler. */
function refuse(code, messageZh, messageEn, details = {}) {
    const err = new Error(code);
    err.sf = { code, message: messageZh, message_zh: messageZh, message_en: messageEn, details };
    return err;
}

function mockWx(server, extra = {}) {
    const storage = new Map();
    const nav = [];
    const mock = {
        _storage: storage,
        _nav: nav,
        getStorageSync: jest.fn((k) => (storage.has(k) ? storage.get(k) : "")),
        setStorageSync: jest.fn((k, v) => storage.set(k, v)),
        removeStorageSync: jest.fn((k) => storage.delete(k)),
        getAppBaseInfo: () => ({ language: "zh_CN" }),
        getDeviceInfo: () => ({ model: "iPhone 15", platform: "ios" }),
        request: jest.fn((opts) => {
            const task = { abort: jest.fn() };
            Promise.resolve().then(() => {
                if (!server.online) {
                    opts.fail({ errMsg: "request:fail net::ERR_INTERNET_DISCONNECTED" });
                    return;
                }
                const body = server.handle(opts.url, opts.data, opts.header);
                if (server.loseAnswers) {
                    opts.fail({ errMsg: "request:fail timeout" });
                    return;
                }
                opts.success({ statusCode: 200, data: JSON.stringify(body), header: {} });
            });
            return task;
        }),
        login: jest.fn((opts) => opts.success({ code: "js-code-1", errMsg: "login:ok" })),
        scanCode: jest.fn((opts) => opts.fail({ errMsg: "scanCode:fail cancel" })),
        navigateTo: jest.fn((opts) => nav.push(["navigateTo", opts.url])),
        redirectTo: jest.fn((opts) => nav.push(["redirectTo", opts.url])),
        reLaunch: jest.fn((opts) => nav.push(["reLaunch", opts.url])),
        navigateBack: jest.fn(() => nav.push(["navigateBack"])),
        showToast: jest.fn(),
        setNavigationBarTitle: jest.fn(),
        onNetworkStatusChange: jest.fn((cb) => {
            mock._networkListener = cb;
        }),
        requestSubscribeMessage: jest.fn((opts) => {
            const res = { errMsg: "requestSubscribeMessage:ok" };
            for (const id of opts.tmplIds) {
                res[id] = "accept";
            }
            opts.success(res);
        }),
        ...extra,
    };
    /** The next wx.scanCode answers this text. */
    mock.nextScan = (text) => {
        mock.scanCode.mockImplementationOnce((opts) => opts.success({ result: text, scanType: "QR_CODE" }));
    };
    return mock;
}

/**
 * A fresh world: fake server, wx mock installed as global `wx`, a store on it.
 * `signedIn` stores a worker token first.
 */
async function setup({ signedIn = true, lang = null, server = fakeServer() } = {}) {
    const wxMock = mockWx(server);
    global.wx = wxMock;
    if (lang) {
        wxMock._storage.set("shopfloor.lang", lang);
    }
    if (signedIn) {
        wxMock._storage.set(
            "shopfloor.token",
            JSON.stringify({ kind: "worker", token: "sf_tok", expires_at: "2099-01-01 00:00:00", employee: { id: 12, name: "李娜" } }),
        );
    }
    const store = createStore({ wxApi: wxMock, config: CONFIG, retryEvery: 0 });
    setStore(store);
    await store.start();
    return { server, wx: wxMock, store };
}

/** Render a page (pages/<name>/<name>) and call its onLoad(query). */
async function loadPage(name, query = {}) {
    const id = simulate.load(path.join(ROOT, `pages/${name}/${name}`), { rootPath: ROOT, compiler: "simulate", usingComponents: STUBS });
    const page = simulate.render(id);
    page.attach(document.createElement("parent-wrapper"));
    if (page.instance.onLoad) {
        await page.instance.onLoad(query);
    }
    await settle();
    return page;
}

/** Let pending promises (fake requests, setData) run. */
async function settle(rounds = 5) {
    for (let i = 0; i < rounds; i++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
}

/** The text of the first element matching selector (with the texts of its children). */
function text(page, selector) {
    const node = page.querySelector(selector);
    return node ? node.dom.textContent.replace(/\s+/g, " ").trim() : null;
}

async function tap(page, selector, detail = {}) {
    const node = page.querySelector(selector);
    if (!node) {
        throw new Error(`nothing matches ${selector}`);
    }
    node.dispatchEvent("tap", { detail });
    await settle();
}

async function change(page, selector, value) {
    const node = page.querySelector(selector);
    if (!node) {
        throw new Error(`nothing matches ${selector}`);
    }
    node.dispatchEvent("change", { detail: { value } });
    await settle();
}

module.exports = { CONFIG, ROOT, fakeServer, refuse, mockWx, setup, loadPage, settle, text, tap, change };
