/**
 * The mini-program's store and API layer (lib/, the copied lib/api) against a real
 * Odoo server: `wx.request` is served by Node's fetch, wx storage by a Map. Run by
 * tests/test_miniprogram_e2e.py (pytest, with the e2e database), not by jest.
 *
 * SF_APP_URL: the server; SF_FIXTURE: {badge, pin, workorder_id, code_url}.
 * Prints `SF_RESULT {...}` on success, exits 1 on any failure.
 */
"use strict";

const assert = require("assert");
const { createStore } = require("../../lib/store.js");

const fixture = JSON.parse(process.env.SF_FIXTURE);
const storage = new Map();
const net = { online: true, loseNextAnswer: false, sent: [] };

const wxApi = {
    getStorageSync: (k) => (storage.has(k) ? storage.get(k) : ""),
    setStorageSync: (k, v) => storage.set(k, v),
    removeStorageSync: (k) => storage.delete(k),
    getAppBaseInfo: () => ({ language: "zh_CN" }),
    getDeviceInfo: () => ({ model: "e2e" }),
    showToast() {},
    request(o) {
        if (!net.online) {
            setTimeout(() => o.fail({ errMsg: "request:fail net::ERR_INTERNET_DISCONNECTED" }), 0);
            return { abort() {} };
        }
        net.sent.push(JSON.parse(o.data).params.request_uid || null);
        fetch(o.url, { method: o.method, headers: o.header, body: o.data }).then(
            async (res) => {
                const text = await res.text();
                if (net.loseNextAnswer) {
                    net.loseNextAnswer = false; // the server did it; the phone never hears back
                    o.fail({ errMsg: "request:fail timeout" });
                    return;
                }
                o.success({ statusCode: res.status, data: text, header: {} });
            },
            (err) => o.fail({ errMsg: String(err) }),
        );
        return { abort() {} };
    },
};

async function main() {
    const store = createStore({
        wxApi,
        config: { baseUrl: process.env.SF_APP_URL, requestTimeout: 30000, subscribeTemplates: {} },
        retryEvery: 0,
    });
    await store.start();

    // a wrong PIN: the server's SF_* error, in Chinese
    const wrong = await store.bindPin(fixture.badge, "0000").catch((err) => err);
    assert.strictEqual(wrong.code, "SF_BADGE_PIN_INVALID");
    assert.ok(store.describe(wrong).message);
    assert.strictEqual(store.tokens.get(), null);

    await store.bindPin(fixture.badge, fixture.pin);
    assert.ok(store.tokens.get().token);
    assert.ok(![...storage.values()].join(" ").includes(`"pin"`), "the PIN is never stored");

    const { data: mine } = await store.read("my/workorders", {}, "my_workorders");
    assert.ok(mine.workorders.some((w) => w.id === fixture.workorder_id), "my work lists the order");

    const scanned = await store.resolveScan(fixture.code_url);
    assert.strictEqual(scanned.type, "workorder");
    assert.strictEqual(scanned.workorder.id, fixture.workorder_id);
    assert.deepStrictEqual(scanned.workorder.allowed_actions, ["start"]);
    const catalog = await store.loadCatalog();
    const wo = { workorder_id: fixture.workorder_id };

    const started = await store.act("workorder/start", wo, { label: "start" });
    assert.strictEqual(started.status, "sent");
    assert.deepStrictEqual(started.result.workorder.allowed_actions, ["report", "pause", "finish"]);

    // offline: two reports and a pause queued in order
    net.online = false;
    for (const params of [{ qty_good: 2 }, { qty_good: 3 }, { reason_id: catalog.pause_reasons[0].id }]) {
        const method = params.reason_id ? "workorder/pause" : "workorder/report";
        const res = await store.act(method, { ...wo, ...params }, { label: method });
        assert.strictEqual(res.status, "queued");
    }
    const uids = store.outbox.pending.map((e) => e.params.request_uid);
    assert.strictEqual(store.state.pending, 3);

    // back online, the first answer is lost: the replay resends it with the same id
    net.online = true;
    net.loseNextAnswer = true;
    const first = await store.flush();
    assert.strictEqual(first.sent, 0);
    assert.strictEqual(store.outbox.pending.length, 3);
    const second = await store.flush();
    assert.strictEqual(second.sent, 3);
    assert.strictEqual(store.state.pending, 0);

    // a refusal by the server: shown, nothing queued
    const refused = await store.act("workorder/report", { ...wo, qty_good: 1 }, {}).catch((err) => err);
    assert.strictEqual(refused.code, "SF_WO_NOT_STARTED");
    assert.strictEqual(store.outbox.entries.length, 0);

    await store.act("workorder/resume", wo, {});
    const finished = await store.act("workorder/finish", wo, {});
    assert.strictEqual(finished.result.workorder_done, true);

    const { data: reports } = await store.read("my/reports", {}, null);
    await store.signOut();
    assert.strictEqual(store.tokens.get(), null);
    return { uids, sent: net.sent.filter(Boolean), reports: reports.totals };
}

main().then(
    (result) => {
        process.stdout.write(`SF_RESULT ${JSON.stringify(result)}\n`);
    },
    (err) => {
        process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
        process.exit(1);
    },
);
