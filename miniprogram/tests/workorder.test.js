// The work-order page: allowed actions only, pause with a reason, report good and
// scrap, finish, quality checks inline, error display, and the offline outbox.
const { factoryServer, setup, loadPage, tap, change, text, settle, refuse } = require("./helpers.js");

async function openWorkorder(values = {}, options = {}) {
    const server = factoryServer(values);
    const world = await setup({ server, ...options });
    const page = await loadPage("workorder", { id: "431" });
    return { ...world, page };
}

const { find } = require("./helpers.js");

/** The action buttons shown, in order. */
const buttons = (page) => [...page.dom.querySelectorAll("t-button[data-name]")].map((n) => `action-${n.dataset.name}`);

test("shows the work order with the buttons of exactly its allowed actions", async () => {
    const { page, server } = await openWorkorder();
    expect(text(page, "#wo-title")).toBe("WH/MO/00042 · CNC machining");
    expect(text(page, "#qty-available")).toBe("60");
    expect(buttons(page)).toEqual(["action-start"]);
    expect(text(page, "#action-start")).toBe("开工");
    expect(server.calls[0].header.Authorization).toBe("Bearer sf_tok");
    expect(server.calls[0].params).toMatchObject({ workorder_id: 431, lang: "zh_CN" });
});

test("start, pause with a reason, resume, report good and scrap, finish", async () => {
    const { page, server } = await openWorkorder();
    await tap(page, "#action-start");
    expect(buttons(page)).toEqual(["action-report", "action-pause", "action-finish"]);

    await tap(page, "#action-pause");
    expect(page.querySelector("#pause-form")).toBeTruthy();
    await tap(page, "#confirm-pause"); // no reason chosen: refused here, nothing sent
    expect(text(page, "#error")).toMatch(/请选择暂停原因/);
    expect(server.records.filter((r) => r.method === "workorder/pause")).toHaveLength(0);
    await change(page, "#reason-picker", "1");
    await tap(page, "#confirm-pause");
    expect(server.records.at(-1)).toMatchObject({ method: "workorder/pause", reason_id: 2, workorder_id: 431 });
    expect(find(page, "#error")).toBeNull();
    expect(buttons(page)).toEqual(["action-resume", "action-finish"]);

    await tap(page, "#action-resume");
    await tap(page, "#action-report");
    await change(page, "#input-good", "8");
    await change(page, "#input-scrap", "2");
    await tap(page, "#confirm-report"); // scrap without a reason: the shared checkReport refuses
    expect(text(page, "#error")).toMatch(/请选择报废原因/);
    await change(page, "#defect-picker", "1");
    await tap(page, "#confirm-report");
    expect(server.records.at(-1)).toMatchObject({ method: "workorder/report", qty_good: 8, qty_scrap: 2, defect_type_id: 3 });
    expect(text(page, "#qty-good")).toBe("8");
    expect(text(page, "#qty-available")).toBe("50");

    await tap(page, "#action-finish");
    expect(server.records.at(-1).method).toBe("workorder/finish");
    expect(buttons(page)).toEqual([]);
    const methods = server.records.map((r) => r.method);
    expect(methods).toEqual(["workorder/start", "workorder/pause", "workorder/resume", "workorder/report", "workorder/finish"]);
    for (const r of server.records) {
        expect(r.request_uid).toMatch(/^[0-9a-f-]{36}$/);
        expect(r.client_ts).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    }
});

test("the server's refusal is shown in the worker's language with the next step; nothing queued", async () => {
    const { page, server, store } = await openWorkorder({ my_state: "working", allowed_actions: ["report", "pause", "finish"], qty_available: 5 });
    await tap(page, "#action-report");
    await change(page, "#input-good", "4");
    server.wo.qty_available = 3; // the previous operation's output changed meanwhile
    await tap(page, "#confirm-report");
    expect(text(page, "#error .message")).toBe("此处最多还能报 3。");
    expect(text(page, "#error .next")).toBe("按上道工序转来的数量报工。");
    expect(text(page, "#error .code")).toBe("SF_QTY_EXCEEDS_AVAILABLE");
    expect(store.outbox.pending).toHaveLength(0);
    expect(store.outbox.failed).toHaveLength(0);
});

test("English: labels, actions and server messages switch", async () => {
    const { page, server } = await openWorkorder({ my_state: "working", allowed_actions: ["report", "pause", "finish"], qty_available: 1 }, { lang: "en_US" });
    expect(text(page, "#action-report")).toBe("Report");
    await tap(page, "#action-report");
    await change(page, "#input-good", "1");
    server.wo.qty_available = 0;
    await tap(page, "#confirm-report");
    expect(server.calls.at(-1).params.lang).toBe("en_US");
    expect(text(page, "#error .message")).toBe("Only 0 more can be reported here.");
});

test("offline: actions are kept in order with their ids, the card shows the local guess, then they go once each", async () => {
    const { page, server, store, wx } = await openWorkorder();
    server.online = false;
    await tap(page, "#action-start");
    expect(buttons(page)).toEqual(["action-report", "action-pause", "action-finish"]);
    expect(page.querySelector("#queued")).toBeTruthy();
    await tap(page, "#action-report");
    await change(page, "#input-good", "5");
    await tap(page, "#confirm-report");
    expect(text(page, "#qty-good")).toBe("5");
    expect(text(page, "#offline")).toMatch(/离线/);
    expect(text(page, "#pending")).toMatch(/^2 条待发送/);
    expect(server.records).toHaveLength(0);

    // kept in wx storage, with their request ids
    const saved = JSON.parse(wx._storage.get("shopfloor.outbox"));
    expect(saved.map((e) => e.method)).toEqual(["workorder/start", "workorder/report"]);
    const uids = saved.map((e) => e.params.request_uid);

    // the network comes back: replayed in order, with the same ids, each recorded once
    server.online = true;
    wx._networkListener({ isConnected: true, networkType: "wifi" });
    await store.flush();
    await settle();
    expect(server.records.map((r) => r.method)).toEqual(["workorder/start", "workorder/report"]);
    expect(server.records.map((r) => r.request_uid)).toEqual(uids);
    expect(JSON.parse(wx._storage.get("shopfloor.outbox"))).toEqual([]);
    expect(find(page, "#pending")).toBeFalsy();
    expect(find(page, "#offline")).toBeNull();
});

test("a call whose answer was lost is replayed with the same id and recorded once", async () => {
    const { page, server, store } = await openWorkorder();
    server.loseAnswers = true; // reaches the server, the answer never comes back
    await tap(page, "#action-start");
    expect(store.outbox.pending).toHaveLength(1);
    server.loseAnswers = false;
    await Promise.all([store.flush(), store.flush()]); // two triggers at once share one run
    expect(server.records).toHaveLength(1);
    const starts = server.calls.filter((c) => c.method === "workorder/start");
    expect(starts).toHaveLength(2);
    expect(starts[0].params.request_uid).toBe(starts[1].params.request_uid);
    expect(store.outbox.pending).toHaveLength(0);
});

test("a refused replay is kept and shown with the server's message until dismissed", async () => {
    const { page, server, store } = await openWorkorder();
    server.online = false;
    await tap(page, "#action-start");
    await tap(page, "#action-finish");
    server.online = true;
    server.on("workorder/finish", () => {
        throw refuse("SF_QC_BLOCKING", "质检未通过或未完成,不能继续。", "A quality check blocks this step.");
    });
    await store.flush();
    await settle();
    expect(server.records.map((r) => r.method)).toEqual(["workorder/start"]);
    expect(text(page, "#refused-0")).toMatch(/完工/);
    expect(text(page, "#refused-0 .message")).toBe("质检未通过或未完成,不能继续。");
    expect(text(page, "#refused-0 .next")).toBe("先完成质检或找质检员。");
    await store.flush(); // never sent again
    expect(server.calls.filter((c) => c.method === "workorder/finish")).toHaveLength(1);
    await tap(page, "#dismiss-0");
    expect(find(page, "#refused-0")).toBeNull();
    expect(store.outbox.entries).toHaveLength(0);
});

test("offline with a cached card: the last known work order is shown, marked stale", async () => {
    const { server, store } = await openWorkorder();
    server.online = false;
    const page = await loadPage("workorder", { id: "431" });
    expect(text(page, "#wo-title")).toBe("WH/MO/00042 · CNC machining");
    expect(text(page, "#stale")).toMatch(/离线数据/);
    expect(store.state.online).toBe(false);
    server.wo.id = 999; // an order never seen: an error, no card
    const other = await loadPage("workorder", { id: "999" });
    expect(other.querySelector("#wo")).toBeFalsy();
    expect(text(other, "#error .code")).toBe("SF_NETWORK");
});

test("a lost token sends the worker back to sign in", async () => {
    const { page, server, store, wx } = await openWorkorder();
    server.on("workorder/start", () => {
        throw refuse("SF_AUTH_REVOKED", "本机已被班长解绑,请重新绑定。", "This token was revoked.");
    });
    await tap(page, "#action-start");
    expect(wx._nav).toContainEqual(["reLaunch", "/pages/login/login"]);
    expect(store.tokens.get()).toBeNull();
    expect(wx._storage.has("shopfloor.token")).toBe(false);
    // the action is kept for after the next sign in
    expect(store.outbox.pending).toHaveLength(1);
});

describe("quality checks inline", () => {
    const checks = [
        { id: 9, point: "Bore diameter", type: "measure", state: "todo", blocking: true, lower: 9.95, upper: 10.05, unit: "mm", defect_types: [] },
        { id: 10, point: "Visual", type: "defects", state: "todo", blocking: false, defect_types: [{ id: 10, code: "BURR", name: "Burr" }] },
        { id: 11, point: "Thread", type: "passfail", state: "todo", blocking: false, defect_types: [] },
    ];

    test("measure, defects and pass/fail are recorded with quality/do and the card updates", async () => {
        const { page, server } = await openWorkorder({
            my_state: "working",
            allowed_actions: ["report", "pause", "finish"],
            quality_checks: checks,
            quality_blocking: true,
        });
        server.on("quality/do", (p) => {
            const check = server.wo.quality_checks.find((c) => c.id === p.check_id);
            let state = "pass";
            if (p.measure !== undefined) {
                state = p.measure >= check.lower && p.measure <= check.upper ? "pass" : "fail";
            } else if (p.defects) {
                state = p.defects.some((d) => d.qty > 0) ? "fail" : "pass";
            } else {
                state = p.result;
            }
            server.wo.quality_checks = server.wo.quality_checks.map((c) => (c.id === p.check_id ? { ...c, state } : c));
            server.wo.quality_blocking = server.wo.quality_checks.some((c) => c.blocking && c.state !== "pass");
            return { check: { ...check, state }, state, workorder: server.wo };
        });
        expect(text(page, "#qc-blocking")).toMatch(/阻塞质检/);
        await tap(page, "#record-9"); // no value typed
        expect(text(page, "#error .code")).toBe("SF_QC_BAD_RESULT");
        await change(page, "#measure-9", "10.01");
        await tap(page, "#record-9");
        expect(server.records.at(-1)).toMatchObject({ method: "quality/do", check_id: 9, measure: 10.01 });
        expect(page.querySelector("#qc-blocking")).toBeFalsy();
        expect(page.querySelector("#record-9")).toBeFalsy();

        await change(page, "#defect-10-10", "2");
        await tap(page, "#record-10");
        expect(server.records.at(-1)).toMatchObject({ check_id: 10, defects: [{ defect_type_id: 10, qty: 2 }] });
        expect(text(page, "#check-10")).toMatch(/不合格/);

        await tap(page, "#pass-11");
        expect(server.records.at(-1)).toMatchObject({ check_id: 11, result: "pass" });
    });

    test("a blocking check refuses the report with the server's message", async () => {
        const { page, server } = await openWorkorder({ my_state: "working", allowed_actions: ["report", "pause", "finish"], quality_checks: checks, quality_blocking: true });
        server.on("workorder/report", () => {
            throw refuse("SF_QC_BLOCKING", "首件检验未通过。", "The first-piece check has not passed.", { checks: [9] });
        });
        await tap(page, "#action-report");
        await change(page, "#input-good", "1");
        await tap(page, "#confirm-report");
        expect(text(page, "#error .message")).toBe("首件检验未通过。");
        expect(text(page, "#error .next")).toBe("先完成质检或找质检员。");
    });

    test("offline: the check is queued and marked so", async () => {
        const { page, server, store } = await openWorkorder({ my_state: "working", allowed_actions: ["report"], quality_checks: checks });
        server.online = false;
        await tap(page, "#fail-11");
        expect(text(page, "#check-11")).toMatch(/待发送/);
        expect(store.outbox.pending[0]).toMatchObject({ method: "quality/do", params: { check_id: 11, result: "fail" } });
    });
});
