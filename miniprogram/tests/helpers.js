/**
 * Test harness: a `wx` mock (storage, request routed to a fake shop-floor server with
 * idempotency by request_uid, login, scanCode, navigation, subscribe messages) and a
 * page loader rendering a page component with miniprogram-simulate (tdesign replaced
 * by the stubs of tests/stubs, which keep the same events and properties).
 */
const path = require("path");
const fs = require("fs");
const simulate = require("miniprogram-simulate");
const simulateUtils = require("miniprogram-simulate/src/utils");

// miniprogram-simulate's own wx (system info, selector queries... that tdesign uses);
// the APIs the app calls are replaced by the mocks of mockWx()
const BASE_WX = { ...global.wx };

// miniprogram-simulate runs a component's js with require() and a delete from
// require.cache, which jest ignores: a page loaded twice would not run Component()
// again. Run it ourselves, its own requires going through jest's (shared) registry,
// so the pages and the test share lib/store.js as they do in the mini-program.
const TDESIGN_DIST = path.resolve(__dirname, "../node_modules/tdesign-miniprogram/miniprogram_dist");
const transformed = new Map();

/**
 * tdesign's files are ES modules (WeChat's npm build accepts them): run them converted
 * to CommonJS by babel, each load with its own module cache so that every load runs the
 * components' Component() again.
 */
function runTdesign(file, cache) {
    if (cache.has(file)) {
        return cache.get(file).exports;
    }
    if (!transformed.has(file)) {
        const babel = require("@babel/core");
        const out = babel.transformSync(fs.readFileSync(file, "utf8"), {
            filename: file,
            babelrc: false,
            configFile: false,
            plugins: [require.resolve("@babel/plugin-transform-modules-commonjs")],
        });
        transformed.set(file, out.code);
    }
    const mod = { exports: {} };
    cache.set(file, mod);
    const localRequire = (p) => {
        if (!p.startsWith(".")) {
            return require(p);
        }
        let target = path.resolve(path.dirname(file), p);
        for (const candidate of [target, `${target}.js`, path.join(target, "index.js")]) {
            if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
                target = candidate;
                break;
            }
        }
        return runTdesign(target, cache);
    };
    // eslint-disable-next-line no-new-func
    new Function("require", "module", "exports", transformed.get(file))(localRequire, mod, mod.exports);
    return mod.exports;
}

// "tdesign-miniprogram/x/x" in a usingComponents resolves as WeChat's npm build makes
// it (miniprogram_npm/tdesign-miniprogram = the package's miniprogram_dist)
const readJson = simulateUtils.readJson;
simulateUtils.readJson = (filePath) => {
    const json = readJson(filePath);
    for (const [tag, target] of Object.entries((json && json.usingComponents) || {})) {
        if (target.startsWith("tdesign-miniprogram/")) {
            json.usingComponents[tag] = `/node_modules/tdesign-miniprogram/miniprogram_dist/${target.slice(20)}`;
        }
    }
    return json;
};

simulateUtils.runJs = (filePath) => {
    const file = require.resolve(filePath);
    if (file.startsWith(TDESIGN_DIST)) {
        runTdesign(file, new Map());
        return;
    }
    const mod = { exports: {} };
    const localRequire = (p) => require(p.startsWith(".") ? path.resolve(path.dirname(file), p) : p);
    // eslint-disable-next-line no-new-func
    new Function("require", "module", "exports", fs.readFileSync(file, "utf8"))(localRequire, mod, mod.exports);
};
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
        ...BASE_WX,
        _storage: storage,
        _nav: nav,
        getStorageSync: jest.fn((k) => (storage.has(k) ? storage.get(k) : "")),
        setStorageSync: jest.fn((k, v) => storage.set(k, v)),
        removeStorageSync: jest.fn((k) => storage.delete(k)),
        getAppBaseInfo: () => ({ SDKVersion: "3.4.0", language: "zh_CN", theme: "light" }),
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
async function loadPage(name, query = {}, { realTdesign = false } = {}) {
    const options = { rootPath: ROOT, compiler: "simulate" };
    if (!realTdesign) {
        options.usingComponents = STUBS;
    }
    const id = simulate.load(path.join(ROOT, `pages/${name}/${name}`), options);
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
function find(page, selector) {
    let node = page.querySelector(selector);
    if (!node) {
        // the network / outbox / error banners live in the sf-status component
        const status = page.querySelector("#status");
        node = status ? status.querySelector(selector) : null;
    }
    return node || null;
}

function text(page, selector) {
    const node = find(page, selector);
    return node ? node.dom.textContent.replace(/\s+/g, " ").trim() : null;
}

async function tap(page, selector, detail = {}) {
    const node = find(page, selector);
    if (!node) {
        throw new Error(`nothing matches ${selector}`);
    }
    node.dispatchEvent("tap", { detail });
    await settle();
}

/** A t-cell's click (tdesign's cell emits `click`, not `tap`). */
async function click(page, selector) {
    const node = find(page, selector);
    if (!node) {
        throw new Error(`nothing matches ${selector}`);
    }
    node.dispatchEvent("click", { detail: {} });
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

module.exports = { CONFIG, ROOT, fakeServer, refuse, mockWx, setup, loadPage, settle, find, text, tap, click, change };

/** A work order as the server describes it (workorder/get, scan). */
function workorder(values = {}) {
    return {
        id: 431,
        name: "CNC machining",
        production: "WH/MO/00042",
        product: "[BD-220] Brake disc 220",
        workcenter: "CNC-1",
        state: "ready",
        qty_production: 100,
        qty_good: 0,
        qty_scrap: 0,
        code: "K7QX2M9WDA",
        qty_available: 60,
        qty_passed_on: 60,
        my_state: "idle",
        allowed_actions: ["start"],
        instructions: "Check the bore with gauge G-12.",
        quality_checks: [],
        quality_blocking: false,
        ...values,
    };
}

const CATALOG = {
    pause_reasons: [
        { id: 1, name: "Material Availability", type: "availability" },
        { id: 2, name: "Equipment Failure", type: "availability" },
    ],
    defect_types: [
        { id: 1, code: "OP-DIM", name: "Out of tolerance (operator)", category: "operator" },
        { id: 3, code: "MAT-POR", name: "Porosity", category: "material" },
    ],
};

/**
 * A fake server with one work order and its state machine (start, pause, resume,
 * report, finish, quality/do) and the worker's reads.
 */
function factoryServer(values = {}) {
    const server = fakeServer();
    server.wo = workorder(values);
    const status = () => ({
        workorder: {
            id: server.wo.id,
            state: server.wo.state,
            qty_production: server.wo.qty_production,
            qty_good: server.wo.qty_good,
            qty_scrap: server.wo.qty_scrap,
            my_state: server.wo.my_state,
            allowed_actions: server.wo.allowed_actions,
            qty_available: server.wo.qty_available,
            quality_checks: server.wo.quality_checks,
            quality_blocking: server.wo.quality_blocking,
        },
    });
    const set = (myState, allowed) => {
        server.wo.my_state = myState;
        server.wo.allowed_actions = allowed;
        server.wo.state = "progress";
    };
    server
        .on("catalog", () => CATALOG)
        .on("my/workorders", () => ({ workorders: [server.wo] }))
        .on("workorder/get", () => ({ workorder: server.wo }))
        .on("workorder/start", () => {
            if (server.wo.my_state !== "idle") {
                throw refuse("SF_WO_ALREADY_STARTED", "您已在做此工序。", "You are already working on this operation.");
            }
            set("working", ["report", "pause", "finish"]);
            return status();
        })
        .on("workorder/pause", (p) => {
            if (!p.reason_id) {
                throw refuse("SF_BAD_PARAMS", "参数错误。", "Invalid parameter.", { field: "reason_id" });
            }
            set("paused", ["resume", "finish"]);
            return status();
        })
        .on("workorder/resume", () => {
            set("working", ["report", "pause", "finish"]);
            return status();
        })
        .on("workorder/report", (p) => {
            if (server.wo.my_state !== "working") {
                throw refuse("SF_WO_NOT_STARTED", "请先开工再报工。", "Start this operation before reporting on it.");
            }
            const qty = (p.qty_good || 0) + (p.qty_scrap || 0);
            if (qty > server.wo.qty_available) {
                throw refuse(
                    "SF_QTY_EXCEEDS_AVAILABLE",
                    `此处最多还能报 ${server.wo.qty_available}。`,
                    `Only ${server.wo.qty_available} more can be reported here.`,
                    { available: server.wo.qty_available },
                );
            }
            server.wo.qty_good += p.qty_good || 0;
            server.wo.qty_scrap += p.qty_scrap || 0;
            server.wo.qty_available -= qty;
            return { report: { id: server.records.length + 1, qty_good: p.qty_good, qty_scrap: p.qty_scrap }, ...status() };
        })
        .on("workorder/finish", () => {
            if (server.wo.my_state === "idle") {
                throw refuse("SF_WO_NOT_STARTED", "请先开工。", "Start first.");
            }
            server.wo.state = "done";
            server.wo.my_state = "idle";
            server.wo.allowed_actions = [];
            return { workorder_done: true, production_done: false, report: null, ...status() };
        });
    return server;
}

module.exports.workorder = workorder;
module.exports.CATALOG = CATALOG;
module.exports.factoryServer = factoryServer;
