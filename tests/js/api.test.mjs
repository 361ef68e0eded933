// Unit tests of the shared API layer (addons/shopfloor_mp/static/src/api): run with
// `node --test tests/js/` (no npm dependency).
import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiClient, ApiError, buildEnvelope, clientTimestamp, newRequestUid } from "../../addons/shopfloor_mp/static/src/api/rpc.js";
import { MemoryStorage, TokenStore } from "../../addons/shopfloor_mp/static/src/api/token_store.js";
import { AUTH_LOST, describeError, knownErrorCodes, pickLang } from "../../addons/shopfloor_mp/static/src/api/messages.js";
import { allowedActions, applyQueued, checkReport } from "../../addons/shopfloor_mp/static/src/api/actions.js";
import { parseCode } from "../../addons/shopfloor_mp/static/src/api/scan.js";

/** A fake server: records calls, answers from a handler. */
function fakeFetch(handler) {
    const calls = [];
    const fn = async (url, init) => {
        const body = JSON.parse(init.body);
        const call = { url, headers: init.headers, body };
        calls.push(call);
        const answer = await handler(call, calls.length);
        if (answer instanceof Error) {
            throw answer;
        }
        return {
            status: answer.status || 200,
            json: async () => {
                if (answer.html) {
                    throw new SyntaxError("Unexpected token <");
                }
                return answer;
            },
        };
    };
    fn.calls = calls;
    return fn;
}

test("request uid is a v4 uuid, fresh each time, also without randomUUID", () => {
    const a = newRequestUid();
    const b = newRequestUid();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a, b);
    const legacy = newRequestUid({ getRandomValues: (arr) => arr.fill(7) });
    assert.match(legacy, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(newRequestUid(null), /^[0-9a-f-]{36}$/);
});

test("client timestamp is UTC in the server's format", () => {
    assert.equal(clientTimestamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5))), "2026-01-02 03:04:05");
});

test("envelope is JSON-RPC 2.0 with increasing ids", () => {
    const a = buildEnvelope({ x: 1 });
    const b = buildEnvelope();
    assert.equal(a.jsonrpc, "2.0");
    assert.equal(a.method, "call");
    assert.deepEqual(a.params, { x: 1 });
    assert.deepEqual(b.params, {});
    assert.ok(b.id > a.id);
});

test("client sends bearer token, language, badge and a request uid on writes only", async () => {
    const tokens = new TokenStore(new MemoryStorage());
    tokens.set({ token: "sf_secret", employee: { name: "W" } });
    const fetch = fakeFetch(() => ({ jsonrpc: "2.0", id: 1, result: { ok: true } }));
    const client = new ApiClient({ baseUrl: "http://h:1/", fetch, tokens, getLang: () => "en_US" });
    assert.deepEqual(await client.call("scan", { payload: "X" }), { ok: true });
    await client.call("workorder/start", { workorder_id: 3 }, { badge: "1001" });
    const [scan, start] = fetch.calls;
    assert.equal(scan.url, "http://h:1/shopfloor/api/v1/scan");
    assert.equal(scan.headers.Authorization, "Bearer sf_secret");
    assert.equal(scan.body.params.lang, "en_US");
    assert.equal(scan.body.params.request_uid, undefined, "reads carry no request uid");
    assert.match(start.body.params.request_uid, /^[0-9a-f-]{36}$/);
    assert.equal(start.body.params.badge, "1001");
    await client.call("auth/bind", { code: "1" }, { token: null });
    assert.equal(fetch.calls[2].headers.Authorization, undefined);
});

test("a given request uid is kept (retries are the same request)", async () => {
    const fetch = fakeFetch(() => ({ result: {} }));
    const client = new ApiClient({ fetch });
    await client.call("workorder/report", { request_uid: "u-1", qty_good: 1 });
    assert.equal(fetch.calls[0].body.params.request_uid, "u-1");
});

test("server errors become ApiError with code, both languages and details", async () => {
    const fetch = fakeFetch(() => ({
        error: {
            code: -32000,
            message: "只能再报 2",
            data: { code: "SF_QTY_EXCEEDS_AVAILABLE", message: "只能再报 2", message_en: "Only 2", message_zh: "只能再报 2", details: { available: 2 } },
        },
    }));
    const client = new ApiClient({ fetch });
    await assert.rejects(client.call("workorder/report", {}), (err) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.code, "SF_QTY_EXCEEDS_AVAILABLE");
        assert.equal(err.network, false);
        assert.equal(err.messageEn, "Only 2");
        assert.deepEqual(err.details, { available: 2 });
        assert.equal(describeError(err, "en_US").message, "Only 2");
        assert.equal(describeError(err, "zh_CN").message, "只能再报 2");
        assert.ok(describeError(err, "zh_CN").next);
        return true;
    });
});

test("network failures, proxy pages and timeouts are network errors", async () => {
    const down = new ApiClient({ fetch: fakeFetch(() => new TypeError("Failed to fetch")) });
    await assert.rejects(down.call("scan", {}), (err) => err.network && err.code === "SF_NETWORK");
    const proxy = new ApiClient({ fetch: fakeFetch(() => ({ status: 502, html: true })) });
    await assert.rejects(proxy.call("scan", {}), (err) => err.network && err.status === 502);
    const slow = new ApiClient({
        timeout: 20,
        fetch: (url, init) =>
            new Promise((resolve, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted")))),
    });
    await assert.rejects(slow.call("scan", {}), (err) => err.network);
    const empty = new ApiClient({ fetch: fakeFetch(() => ({ jsonrpc: "2.0" })) });
    await assert.rejects(empty.call("scan", {}), (err) => err.network);
});

test("token store keeps, updates, clears and survives a bad value", () => {
    const storage = new MemoryStorage();
    const store = new TokenStore(storage);
    assert.equal(store.get(), null);
    store.set({ token: "sf_x", kind: "device", expires_at: "2000-01-01 00:00:00" });
    assert.equal(new TokenStore(storage).get().kind, "device", "kept in the storage");
    assert.ok(store.isExpired());
    store.update({ expires_at: "2999-01-01 00:00:00" });
    assert.ok(!store.isExpired());
    store.clear();
    assert.equal(new TokenStore(storage).get(), null);
    storage.setItem("shopfloor.token", "{not json");
    assert.equal(new TokenStore(storage).get(), null);
    assert.throws(() => store.set({}));
});

test("language: saved choice, then the phone's, then Chinese", () => {
    assert.equal(pickLang("en_US", ["zh-CN"]), "en_US");
    assert.equal(pickLang(null, ["en-GB", "zh-CN"]), "en_US");
    assert.equal(pickLang(null, ["zh-TW"]), "zh_CN");
    assert.equal(pickLang(null, ["fr-FR"]), "zh_CN");
    assert.equal(pickLang("xx", undefined), "zh_CN");
});

test("every error code of the server catalogues has a message and a next step", () => {
    const codes = knownErrorCodes();
    for (const code of ["SF_AUTH_REVOKED", "SF_BADGE_REQUIRED", "SF_QTY_EXCEEDS_AVAILABLE", "SF_QC_BLOCKING", "SF_NETWORK"]) {
        assert.ok(codes.includes(code), code);
    }
    for (const code of codes) {
        for (const lang of ["zh_CN", "en_US"]) {
            const d = describeError({ code, network: true }, lang);
            assert.ok(d.message && d.next, `${code} ${lang}`);
        }
    }
    assert.equal(describeError({ code: "SF_NEW_ONE", network: true }, "en_US").code, "SF_NEW_ONE");
    assert.ok(AUTH_LOST.has("SF_AUTH_REVOKED"));
});

test("allowed actions: exactly the server's, unknown ones dropped", () => {
    assert.deepEqual(allowedActions({ allowed_actions: ["report", "pause", "finish", "teleport"] }).map((a) => a.name), ["report", "pause", "finish"]);
    assert.deepEqual(allowedActions({}), []);
    assert.deepEqual(allowedActions(null), []);
});

test("report check shows the server's limits before sending", () => {
    const wo = { qty_available: 5, qty_passed_on: 5 };
    assert.equal(checkReport(wo, { qtyGood: 5 }), null);
    assert.equal(checkReport(wo, { qtyGood: 6 }).code, "SF_QTY_EXCEEDS_AVAILABLE");
    assert.equal(checkReport(wo, { qtyGood: 1, qtyScrap: 1 }).code, "SF_SCRAP_REASON_REQUIRED");
    assert.equal(checkReport(wo, { qtyGood: 1, qtyScrap: 1, defectTypeId: 3 }), null);
    assert.equal(checkReport(wo, { qtyGood: 0 }).code, "SF_BAD_PARAMS");
    assert.equal(checkReport(wo, { qtyGood: -1 }).code, "SF_BAD_PARAMS");
    assert.equal(checkReport({}, { qtyGood: 1e6 }), null, "no limit known: the server decides");
});

test("queued actions give a local guess of the work order", () => {
    const wo = { my_state: "idle", allowed_actions: ["start"], qty_good: 1, qty_scrap: 0, qty_available: 5 };
    const started = applyQueued(wo, "start");
    assert.equal(started.my_state, "working");
    const reported = applyQueued(started, "report", { qty_good: 2, qty_scrap: 1 });
    assert.equal(reported.qty_good, 3);
    assert.equal(reported.qty_scrap, 1);
    assert.equal(reported.qty_available, 2);
    assert.ok(reported.queued);
    assert.equal(wo.qty_good, 1, "the original is untouched");
});

test("scan payloads: URL or bare code, like the server's parser", () => {
    assert.equal(parseCode("https://erp.example.com/sf/q/K7QX2M9WDA"), "K7QX2M9WDA");
    assert.equal(parseCode("http://127.0.0.1:8069/sf/q/K7QX2M9WDA/"), "K7QX2M9WDA");
    assert.equal(parseCode(" k7qx2m9wda "), "K7QX2M9WDA");
    assert.equal(parseCode("K7QX2M9WD0"), null, "0 is not in the alphabet");
    assert.equal(parseCode("https://evil.example.com/other"), null);
    assert.equal(parseCode("1001"), null);
    assert.equal(parseCode(42), null);
});

test("lot and serial numbers: checked against the work order before sending", async () => {
    const { checkLots } = await import("../../addons/shopfloor_mp/static/src/api/actions.js");
    const serialWo = { lot_entry: true, tracking: "serial", qty_available: 5 };
    assert.equal(checkLots(serialWo, { qtyGood: 2 }), null, "none given: the server numbers them");
    assert.equal(checkLots(serialWo, { qtyGood: 2, serials: ["A", "B"] }), null);
    assert.deepEqual(checkLots(serialWo, { qtyGood: 2, serials: ["A"] }), { code: "SF_TRACE_SERIAL_COUNT", details: { expected: 2, given: 1 } });
    assert.equal(checkLots(serialWo, { qtyGood: 2, serials: ["A", "A"] }).code, "SF_TRACE_SERIAL_EXISTS");
    assert.equal(checkLots(serialWo, { qtyGood: 0, serials: ["A"] }).code, "SF_TRACE_LOT_NOT_HERE");
    const lotWo = { lot_entry: true, tracking: "lot", lot: "B-7" };
    assert.equal(checkLots(lotWo, { qtyGood: 1, lotName: "B-7" }), null);
    assert.deepEqual(checkLots(lotWo, { qtyGood: 1, lotName: "B-8" }), { code: "SF_TRACE_LOT_MISMATCH", details: { lot: "B-7" } });
    assert.equal(checkLots({ lot_entry: false, tracking: "none" }, { qtyGood: 1, lotName: "X" }).code, "SF_TRACE_LOT_NOT_HERE");
    assert.equal(checkReport(serialWo, { qtyGood: 2, serials: ["A"] }).code, "SF_TRACE_SERIAL_COUNT", "part of checkReport");
});
