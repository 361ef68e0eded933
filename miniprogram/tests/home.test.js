// My work: the list (offline: the last known one), the scanner's routes, sign out.
const { factoryServer, setup, loadPage, tap, click, text, find, refuse, workorder } = require("./helpers.js");

test("not signed in: back to the sign-in page", async () => {
    const { wx } = await setup({ signedIn: false, server: factoryServer() });
    await loadPage("home");
    expect(wx._nav).toContainEqual(["reLaunch", "/pages/login/login"]);
});

test("lists my work orders and opens one", async () => {
    const { wx } = await setup({ server: factoryServer() });
    const page = await loadPage("home");
    expect(text(page, "#who")).toBe("李娜");
    expect(text(page, "#wo-431")).toMatch(/WH\/MO\/00042 · CNC machining/);
    await tap(page, "#wo-431"); // a tap is not what t-cell emits
    expect(wx._nav).toEqual([]);
    await click(page, "#wo-431");
    expect(wx._nav).toContainEqual(["navigateTo", "/pages/workorder/workorder?id=431"]);
});

test("offline: the last known list is shown at once, marked as an offline copy", async () => {
    const { server, store } = await setup({ server: factoryServer() });
    await loadPage("home");
    server.online = false;
    const page = await loadPage("home");
    expect(text(page, "#wo-431")).toMatch(/CNC machining/);
    expect(text(page, "#stale")).toMatch(/离线数据,更新于/);
    expect(text(page, "#offline")).toMatch(/离线/);
    expect(store.state.online).toBe(false);
});

test("offline without a copy: the network message and its next step", async () => {
    const server = factoryServer();
    server.online = false;
    await setup({ server });
    const page = await loadPage("home");
    expect(text(page, "#empty")).toBe("暂无工单");
    expect(text(page, "#error .message")).toBe("网络不通,操作已保存,联网后自动发送。");
});

describe("scan", () => {
    async function scanned(answer, payload = "https://erp.example.com/sf/q/K7QX2M9WDA") {
        const server = factoryServer();
        const seen = [];
        server.on("scan", (p) => {
            seen.push(p.payload);
            if (answer instanceof Error) {
                throw answer;
            }
            return answer;
        });
        const world = await setup({ server });
        const page = await loadPage("home");
        world.wx.nextScan(payload);
        await tap(page, "#scan");
        return { ...world, page, seen };
    }

    test("a job card opens its work order; the scan answer is kept for offline use", async () => {
        const { wx, seen, server } = await scanned({ type: "workorder", workorder: workorder({ id: 77 }) });
        expect(seen).toEqual(["K7QX2M9WDA"]); // the shared parseCode: the bare code is sent
        expect(wx._nav).toContainEqual(["navigateTo", "/pages/workorder/workorder?id=77"]);
        server.online = false;
        const page = await loadPage("workorder", { id: "77" });
        expect(text(page, "#wo-title")).toBe("WH/MO/00042 · CNC machining");
    });

    test("a lot label opens the lot, a machine the exception page, a work center its list", async () => {
        let world = await scanned({ type: "lot", lot: { id: 30, name: "261124-000004", checks: [] } });
        expect(world.wx._nav).toContainEqual(["navigateTo", "/pages/lot/lot?code=K7QX2M9WDA&id=30"]);
        world = await scanned({ type: "equipment", equipment: { id: 4, name: "DC-800" } });
        expect(world.wx._nav).toContainEqual(["navigateTo", "/pages/andon/andon?code=K7QX2M9WDA"]);
        world = await scanned({ type: "workcenter", workcenter: { id: 3, name: "CNC-1", workorders: [workorder({ id: 5, name: "Deburr" })] } });
        expect(text(world.page, "#list-title")).toBe("CNC-1");
        expect(text(world.page, "#wo-5")).toMatch(/Deburr/);
        world = await scanned({ type: "employee", employee: { id: 3, name: "王磊" } });
        expect(world.wx.showToast).toHaveBeenCalledWith({ title: "工牌: 王磊", icon: "none" });
    });

    test("an unknown code: the server's refusal is shown", async () => {
        const { page } = await scanned(refuse("SF_UNKNOWN_CODE", "无法识别此码。", "This code is unknown."), "hello");
        expect(text(page, "#error .message")).toBe("无法识别此码。");
        expect(text(page, "#error .next")).toBe("确认扫的是工单卡上的二维码。");
    });

    test("a cancelled scan does nothing", async () => {
        const server = factoryServer();
        const { wx } = await setup({ server });
        const page = await loadPage("home");
        await tap(page, "#scan"); // the mock's default: the worker cancels
        expect(find(page, "#error")).toBeNull();
        expect(server.calls.filter((c) => c.method === "scan")).toHaveLength(0);
        expect(wx._nav).toEqual([]);
    });
});

test("the menu opens the other pages; sign out revokes the token", async () => {
    const server = factoryServer();
    server.on("auth/logout", () => ({ revoked: true }));
    const { wx, store } = await setup({ server });
    const page = await loadPage("home");
    for (const name of ["reports", "wages", "inbox", "andon", "lot"]) {
        await tap(page, `#${name}`);
        expect(wx._nav).toContainEqual(["navigateTo", `/pages/${name}/${name}`]);
    }
    await tap(page, "#sign-out");
    expect(server.records.at(-1).method).toBe("auth/logout");
    expect(store.tokens.get()).toBeNull();
    expect(wx._nav.at(-1)).toEqual(["reLaunch", "/pages/login/login"]);
});

test("the outbox banner: waiting actions sent on demand", async () => {
    const server = factoryServer();
    const { store } = await setup({ server });
    server.online = false;
    await store.act("workorder/start", { workorder_id: 431 }, { label: "开工" });
    const page = await loadPage("home");
    expect(text(page, "#pending")).toMatch(/^1 条待发送/);
    server.online = true;
    await tap(page, "#flush");
    expect(server.records.map((r) => r.method)).toEqual(["workorder/start"]);
    expect(find(page, "#pending")).toBeFalsy();
});

test("the inbox button shows the unread count; a server without an inbox shows none", async () => {
    const server = factoryServer().on("my/inbox", (p) => {
        expect(p).toMatchObject({ state: "unread", limit: 1 });
        return { items: [], unread: 3, todo_open: 1 };
    });
    await setup({ server });
    let page = await loadPage("home");
    expect(text(page, "#unread")).toBe("3");
    await setup({ server: factoryServer() });
    page = await loadPage("home");
    expect(page.querySelector("#unread")).toBeFalsy();
    expect(find(page, "#error")).toBeNull();
});
