// The outbox: order, retries with the same request uid, persistence, refusals.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiClient } from "../../addons/shopfloor_mp/static/src/api/rpc.js";
import { KeyValueQueueStore, MemoryQueueStore, Outbox } from "../../addons/shopfloor_mp/static/src/api/outbox.js";
import { MemoryStorage } from "../../addons/shopfloor_mp/static/src/api/token_store.js";

/** A fake server with idempotency by request uid, like shopfloor.api's claim table. */
function fakeServer() {
    const server = { online: true, records: [], seen: new Map(), calls: 0, refuse: new Set() };
    server.fetch = async (url, init) => {
        server.calls += 1;
        if (!server.online) {
            throw new TypeError("Failed to fetch");
        }
        const { params } = JSON.parse(init.body);
        const method = url.split("/shopfloor/api/v1/")[1];
        let body;
        if (server.seen.has(params.request_uid)) {
            body = { result: server.seen.get(params.request_uid) };
        } else if (server.refuse.has(method)) {
            body = { error: { data: { code: "SF_WO_DONE", message: "done", message_en: "done", message_zh: "已完工" } } };
        } else {
            server.records.push({ method, ...params });
            const result = { n: server.records.length };
            server.seen.set(params.request_uid, result);
            body = { result };
        }
        return { status: 200, json: async () => body };
    };
    server.client = new ApiClient({ fetch: server.fetch });
    return server;
}

test("online: an action is sent at once and leaves the queue", async () => {
    const server = fakeServer();
    const outbox = new Outbox();
    const res = await outbox.send(server.client, "workorder/report", { workorder_id: 1, qty_good: 2 });
    assert.equal(res.status, "sent");
    assert.deepEqual(res.result, { n: 1 });
    assert.equal(outbox.pending.length, 0);
    assert.match(server.records[0].request_uid, /^[0-9a-f-]{36}$/);
    assert.match(server.records[0].client_ts, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
});

test("offline: actions queue in order with their client time, then go exactly once", async () => {
    const server = fakeServer();
    server.online = false;
    let clock = Date.UTC(2026, 5, 1, 8, 0, 0);
    const outbox = new Outbox({ now: () => new Date((clock += 60000)) });
    const counts = [];
    outbox.onChange((o) => counts.push(o.pending.length));
    for (const qty of [1, 2, 3]) {
        const res = await outbox.send(server.client, "workorder/report", { workorder_id: 1, qty_good: qty });
        assert.equal(res.status, "queued");
        assert.ok(res.error.network);
    }
    assert.equal(outbox.pending.length, 3);
    assert.ok(counts.includes(3));
    server.online = true;
    const report = await outbox.flush(server.client);
    assert.equal(report.sent, 3);
    assert.deepEqual(server.records.map((r) => r.qty_good), [1, 2, 3], "in order");
    assert.deepEqual(server.records.map((r) => r.client_ts), ["2026-06-01 08:01:00", "2026-06-01 08:02:00", "2026-06-01 08:03:00"]);
    await outbox.flush(server.client);
    assert.equal(server.records.length, 3, "never twice");
});

test("a queue survives a reload (persistent store) and keeps its request uids", async () => {
    const server = fakeServer();
    server.online = false;
    const storage = new MemoryStorage();
    const first = new Outbox({ store: new KeyValueQueueStore(storage) });
    await first.send(server.client, "workorder/start", { workorder_id: 7 });
    await first.send(server.client, "workorder/report", { workorder_id: 7, qty_good: 4 });
    const uids = first.pending.map((e) => e.id);
    // the tab is closed; a new one starts
    const second = new Outbox({ store: new KeyValueQueueStore(storage) });
    await second.init();
    assert.deepEqual(second.pending.map((e) => e.id), uids);
    server.online = true;
    await second.flush(server.client);
    assert.deepEqual(server.records.map((r) => r.request_uid), uids);
    assert.equal(new Outbox({ store: new KeyValueQueueStore(storage) }).pending.length, 0);
});

test("a call that reached the server but whose answer was lost is resent with the same uid", async () => {
    const server = fakeServer();
    const inner = server.fetch;
    let drop = true;
    const client = new ApiClient({
        fetch: async (url, init) => {
            const resp = await inner(url, init);
            if (drop) {
                drop = false;
                throw new TypeError("connection reset"); // recorded, answer lost
            }
            return resp;
        },
    });
    const outbox = new Outbox();
    const res = await outbox.send(client, "workorder/report", { workorder_id: 1, qty_good: 5 });
    assert.equal(res.status, "queued");
    await outbox.flush(client);
    assert.equal(server.records.length, 1, "one record although sent twice");
    assert.equal(server.calls, 2);
});

test("a refusal on replay is kept with the server's message; later actions still go", async () => {
    const server = fakeServer();
    server.online = false;
    const outbox = new Outbox();
    await outbox.send(server.client, "workorder/finish", { workorder_id: 1 }, { label: "finish" });
    await outbox.send(server.client, "workorder/report", { workorder_id: 2, qty_good: 1 });
    server.online = true;
    server.refuse.add("workorder/finish");
    const report = await outbox.flush(server.client);
    assert.equal(report.failed, 1);
    assert.equal(report.sent, 1);
    assert.equal(outbox.failed.length, 1);
    assert.equal(outbox.failed[0].error.code, "SF_WO_DONE");
    assert.equal(outbox.failed[0].error.messageZh, "已完工");
    assert.equal(outbox.failed[0].meta.label, "finish");
    await outbox.dismiss(outbox.failed[0].id);
    assert.equal(outbox.entries.length, 0);
});

test("a refusal while online rejects the send with the server's error", async () => {
    const server = fakeServer();
    server.refuse.add("workorder/finish");
    const outbox = new Outbox();
    await assert.rejects(outbox.send(server.client, "workorder/finish", { workorder_id: 1 }), (err) => err.code === "SF_WO_DONE");
    assert.equal(outbox.entries.length, 0);
});

test("a lost token stops the run and keeps the actions for after a new binding", async () => {
    let revoked = true;
    const client = new ApiClient({
        fetch: async () => ({
            status: 200,
            json: async () => (revoked ? { error: { data: { code: "SF_AUTH_REVOKED" } } } : { result: {} }),
        }),
    });
    const outbox = new Outbox();
    const res = await outbox.send(client, "workorder/start", { workorder_id: 1 });
    assert.equal(res.status, "queued");
    assert.equal(outbox.pending.length, 1);
    revoked = false;
    assert.equal((await outbox.flush(client)).sent, 1);
});

test("concurrent flushes share one run (no double send)", async () => {
    const server = fakeServer();
    server.online = false;
    const outbox = new Outbox({ store: new MemoryQueueStore() });
    await outbox.send(server.client, "workorder/report", { workorder_id: 1, qty_good: 1 });
    server.online = true;
    const [a, b] = await Promise.all([outbox.flush(server.client), outbox.flush(server.client)]);
    assert.equal(a, b);
    assert.equal(server.calls, 2, "one failed call, one successful");
});

test("terminal mode: the badge goes with each queued action", async () => {
    const server = fakeServer();
    server.online = false;
    const outbox = new Outbox();
    await outbox.send(server.client, "workorder/start", { workorder_id: 1, badge: "1001" });
    await outbox.send(server.client, "workorder/start", { workorder_id: 1, badge: "1002" });
    server.online = true;
    await outbox.flush(server.client);
    assert.deepEqual(server.records.map((r) => r.badge), ["1001", "1002"]);
});

test("an action queued while a run is already sending goes in the same call to send", async () => {
    const server = fakeServer();
    const outbox = new Outbox();
    // a slow server: the first action is still on its way when the second is sent
    let release;
    const slow = new Promise((resolve) => (release = resolve));
    const client = new ApiClient({
        fetch: async (url, init) => {
            if (server.calls === 0) {
                server.calls += 1;
                await slow;
                server.calls -= 1;
            }
            return server.fetch(url, init);
        },
    });
    const first = outbox.send(client, "workorder/start", { workorder_id: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = outbox.send(client, "workorder/report", { workorder_id: 1, qty_good: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.status, "sent");
    assert.equal(b.status, "sent", "not left queued although the server answers");
    assert.deepEqual(server.records.map((r) => r.method), ["workorder/start", "workorder/report"]);
    assert.equal(outbox.pending.length, 0);
});

test("another worker's queued actions are parked, never sent with this worker's token", async () => {
    const server = fakeServer();
    const store = new MemoryQueueStore();
    let outbox = await new Outbox({ store }).setOwner(7);
    server.online = false;
    await outbox.send(server.client, "workorder/report", { workorder_id: 1, qty_good: 2 });
    await outbox.send(server.client, "workorder/report", { workorder_id: 1, qty_good: 3 });
    assert.equal(outbox.pending.length, 2);
    // worker 7 signs out, worker 8 signs in on the same phone (a reload in between)
    server.online = true;
    outbox = await new Outbox({ store }).setOwner(8);
    assert.equal(outbox.pending.length, 0);
    assert.equal(outbox.parked.length, 2);
    await outbox.send(server.client, "workorder/start", { workorder_id: 2 });
    assert.deepEqual(
        server.records.map((r) => r.method),
        ["workorder/start"],
        "only worker 8's own action went out"
    );
    // worker 7 is back: theirs go out, in order, with their request ids, once
    await outbox.setOwner(7);
    const parkedIds = outbox.pending.map((e) => e.id);
    const report = await outbox.flush(server.client);
    assert.equal(report.sent, 2);
    assert.deepEqual(server.records.slice(1).map((r) => r.request_uid), parkedIds);
    assert.deepEqual(server.records.slice(1).map((r) => r.qty_good), [2, 3]);
    await outbox.flush(server.client);
    assert.equal(server.records.length, 3);
    // nobody signed in: nothing of anyone's is sent
    await outbox.setOwner(null);
    assert.equal(outbox.pending.length, 0);
});

test("actions queued before owners existed (or on a shared terminal) are never parked", async () => {
    const store = new MemoryQueueStore([
        { id: "old-1", method: "workorder/report", params: { request_uid: "old-1" }, state: "pending", attempts: 0 },
    ]);
    const outbox = await new Outbox({ store }).setOwner(9);
    assert.equal(outbox.pending.length, 1);
});
