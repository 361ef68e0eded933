// wx.request / wx storage adapters and the outbox persisted in wx storage: kept over a
// restart of the mini-program, replayed in order with the same request ids.
const { createStore } = require("../lib/store.js");
const { wxFetch, wxStorage } = require("../lib/wx_adapters.js");
const { ApiClient } = require("../lib/api/rpc.js");
const { CONFIG, factoryServer, mockWx, setup, settle } = require("./helpers.js");

test("wxFetch: a JSON answer, a proxy's HTML page and no network, as ApiClient reads them", async () => {
    const answers = [
        (o) => o.success({ statusCode: 200, data: JSON.stringify({ jsonrpc: "2.0", id: 1, result: { ok: 1 } }) }),
        (o) => o.success({ statusCode: 502, data: "<html>Bad gateway</html>" }),
        (o) => o.fail({ errMsg: "request:fail timeout" }),
        (o) => o.success({ statusCode: 200, data: JSON.stringify({ error: { data: { code: "SF_WO_DONE", message: "此工序已完工。", message_en: "done", message_zh: "此工序已完工。" } } }) }),
    ];
    const seen = [];
    const wxApi = {
        request: (o) => {
            seen.push(o);
            answers.shift()(o);
            return { abort() {} };
        },
    };
    const client = new ApiClient({ baseUrl: "https://erp.test/", fetch: wxFetch(wxApi, { timeout: 5000 }) });
    expect(await client.call("auth/me", {}, { token: "tok" })).toEqual({ ok: 1 });
    expect(seen[0]).toMatchObject({ url: "https://erp.test/shopfloor/api/v1/auth/me", method: "POST", timeout: 5000, dataType: "text" });
    expect(seen[0].header).toMatchObject({ Authorization: "Bearer tok", "Content-Type": "application/json" });
    expect(JSON.parse(seen[0].data)).toMatchObject({ jsonrpc: "2.0", method: "call", params: {} });
    await expect(client.call("auth/me")).rejects.toMatchObject({ code: "SF_NETWORK", network: true, status: 502 });
    await expect(client.call("auth/me")).rejects.toMatchObject({ code: "SF_NETWORK", network: true });
    await expect(client.call("workorder/start", { workorder_id: 1 })).rejects.toMatchObject({ code: "SF_WO_DONE", network: false, messageZh: "此工序已完工。" });
});

test("wxStorage: an absent key is null, values are strings", () => {
    const wxApi = mockWx({});
    const storage = wxStorage(wxApi);
    expect(storage.getItem("nope")).toBeNull();
    storage.setItem("k", 5);
    expect(storage.getItem("k")).toBe("5");
    storage.removeItem("k");
    expect(storage.getItem("k")).toBeNull();
});

test("the outbox survives a restart of the mini-program and replays in order with the same ids", async () => {
    const server = factoryServer();
    server.online = false;
    const { store, wx } = await setup({ server });
    await store.act("workorder/start", { workorder_id: 431 }, { label: "开工" });
    await store.act("workorder/report", { workorder_id: 431, qty_good: 3 }, { label: "报工" });
    await store.act("workorder/report", { workorder_id: 431, qty_good: 4 }, { label: "报工" });
    const uids = store.outbox.pending.map((e) => e.params.request_uid);
    expect(new Set(uids).size).toBe(3);
    store.stop();

    // the mini-program is killed and started again, online
    server.online = true;
    const again = createStore({ wxApi: wx, config: CONFIG, retryEvery: 0 });
    const report = await again.start();
    expect(report.sent).toBe(3);
    expect(server.records.map((r) => [r.method, r.request_uid])).toEqual([
        ["workorder/start", uids[0]],
        ["workorder/report", uids[1]],
        ["workorder/report", uids[2]],
    ]);
    expect(server.wo.qty_good).toBe(7);
    expect(again.state.pending).toBe(0);
    // a third start of the app sends nothing again
    const third = createStore({ wxApi: wx, config: CONFIG, retryEvery: 0 });
    await third.start();
    expect(server.records).toHaveLength(3);
});

test("a replay interrupted by the network keeps the rest queued, in order", async () => {
    const server = factoryServer();
    server.online = false;
    const { store } = await setup({ server });
    for (const qty of [1, 2, 3]) {
        await store.act("workorder/report", { workorder_id: 431, qty_good: qty }, {});
    }
    server.wo.my_state = "working";
    server.online = true;
    let n = 0;
    const request = global.wx.request.getMockImplementation();
    global.wx.request.mockImplementation((o) => {
        n += 1;
        server.online = n < 2; // the second call finds no network
        return request(o);
    });
    await store.flush();
    expect(server.records.map((r) => r.qty_good)).toEqual([1]);
    expect(store.outbox.pending.map((e) => e.params.qty_good)).toEqual([2, 3]);
    global.wx.request.mockImplementation(request);
    server.online = true;
    await store.flush();
    await settle();
    expect(server.records.map((r) => r.qty_good)).toEqual([1, 2, 3]);
});

test("a full wx storage: the action is refused visibly, not lost silently", async () => {
    const server = factoryServer();
    const { store, wx } = await setup({ server });
    wx.setStorageSync.mockImplementation(() => {
        throw new Error("setStorageSync:fail exceed storage max size 10Mb");
    });
    await expect(store.act("workorder/start", { workorder_id: 431 }, {})).rejects.toMatchObject({
        code: "SF_INTERNAL",
        messageZh: expect.stringMatching(/存储已满/),
    });
    expect(server.records).toHaveLength(0);
    expect(store.outbox.entries).toHaveLength(0);
    wx.setStorageSync.mockImplementation((k, v) => wx._storage.set(k, v));
    await store.flush(); // nothing sent behind the worker's back
    expect(server.records).toHaveLength(0);
});

test("actions queued by one worker are never sent with another worker's token", async () => {
    const server = factoryServer();
    const tokens = { sf_a: 12, sf_b: 15 };
    const booked = [];
    const start = server.handlers["workorder/start"];
    server.on("workorder/start", (p, header) => {
        booked.push(tokens[header.Authorization.slice(7)]);
        return start(p, header);
    });
    server.on("auth/bind", (p) => ({
        token: p.code === "A" ? "sf_a" : "sf_b",
        expires_at: "2099-01-01 00:00:00",
        employee: { id: p.code === "A" ? 12 : 15, name: p.code },
    }));
    server.on("auth/logout", () => ({ revoked: true }));
    const { store, wx } = await setup({ server, signedIn: false });
    await store.bind("A");
    server.online = false;
    await store.act("workorder/start", { workorder_id: 431 }, { label: "开工" });
    await store.signOut(); // offline: forgotten here, the action stays queued
    server.online = true;
    await store.bind("B");
    expect(server.records.filter((r) => r.method === "workorder/start")).toHaveLength(0);
    expect(store.state.pending).toBe(0);
    expect(JSON.parse(wx._storage.get("shopfloor.outbox.parked.12"))).toHaveLength(1);

    await store.signOut();
    await store.bind("A");
    expect(booked).toEqual([12]);
    expect(wx._storage.has("shopfloor.outbox.parked.12")).toBe(false);
    expect(store.state.pending).toBe(0);
});
