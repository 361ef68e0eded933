// Reports, wages with a dispute and subscribe messages, inbox, exceptions, lots.
const { fakeServer, factoryServer, setup, loadPage, tap, change, text, find, refuse } = require("./helpers.js");

const LINE = {
    id: 6,
    date: "2026-11-24",
    work_date: "2026-11-24",
    workorder: "Die casting",
    production: "WH/MO/00022",
    product: "[BD-220] Brake disc 220",
    operation: "Die casting",
    kind: "piece",
    qty_good: 8,
    amount: 12,
    disputed: false,
};
const WAGES = {
    currency: "CNY",
    today: { amount: 12, lines: [LINE] },
    month: { amount: 240.5, lines: [LINE, { ...LINE, id: 7, amount: 228.5, disputed: true }] },
};

describe("my reports", () => {
    test("today's reports with totals; the offline copy when offline", async () => {
        const server = fakeServer().on("my/reports", () => ({
            reports: [{ id: 9001, workorder: "CNC machining", production: "WH/MO/00042", qty_good: 48, qty_scrap: 2, date: "2026-11-24 01:41:00" }],
            totals: { qty_good: 48, qty_scrap: 2 },
        }));
        await setup({ server });
        let page = await loadPage("reports");
        expect(text(page, "#total-good")).toBe("48");
        expect(text(page, "#report-9001")).toMatch(/WH\/MO\/00042 · CNC machining/);
        server.online = false;
        page = await loadPage("reports");
        expect(text(page, "#total-good")).toBe("48");
        expect(text(page, "#stale")).toMatch(/离线数据/);
    });

    test("none yet", async () => {
        await setup({ server: fakeServer().on("my/reports", () => ({ reports: [], totals: { qty_good: 0, qty_scrap: 0 } })) });
        const page = await loadPage("reports");
        expect(text(page, "#empty")).toBe("今天还没有报工");
    });
});

describe("my wages", () => {
    test("today and month; a dispute asks for 'dispute answered' notifications, then goes through the outbox", async () => {
        const server = fakeServer()
            .on("wage/my", (p) => {
                expect(p.lines).toBe(true);
                return WAGES;
            })
            .on("wage/dispute", (p) => ({ dispute_id: 1, state: "open", line: p.line_id }));
        const { wx } = await setup({ server });
        const page = await loadPage("wages");
        expect(text(page, "#today")).toBe("CNY 12");
        expect(text(page, "#month")).toBe("CNY 240.5");
        expect(page.querySelector("#disputed-7")).toBeTruthy(); // already disputed: no button
        expect(page.querySelector("#dispute-7")).toBeFalsy();

        await tap(page, "#dispute-6");
        await tap(page, "#dispute-send"); // no reason
        expect(text(page, "#error .message")).toBe("请填写申诉理由。");
        expect(server.records).toHaveLength(0);
        await change(page, "#dispute-reason", "实际做了10件");
        await tap(page, "#dispute-send");
        expect(wx.requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ["TPL_DISPUTE"] }));
        expect(server.records).toEqual([expect.objectContaining({ method: "wage/dispute", line_id: 6, reason: "实际做了10件" })]);
        expect(text(page, "#dispute-sent")).toMatch(/申诉已提交/);
        expect(page.querySelector("#disputed-6")).toBeTruthy();
    });

    test("the subscribe button asks for both templates; a refusal changes nothing else", async () => {
        const { wx } = await setup({ server: fakeServer().on("wage/my", () => WAGES) });
        const page = await loadPage("wages");
        wx.requestSubscribeMessage.mockImplementationOnce((opts) => opts.fail({ errMsg: "requestSubscribeMessage:fail cancel" }));
        await tap(page, "#subscribe");
        expect(text(page, "#subscribe")).toBe("订阅工资单和申诉通知");
        await tap(page, "#subscribe");
        expect(wx.requestSubscribeMessage).toHaveBeenLastCalledWith(expect.objectContaining({ tmplIds: ["TPL_WAGE", "TPL_DISPUTE"] }));
        expect(text(page, "#subscribe")).toBe("已订阅");
    });

    test("a dispute refused by the server is shown; offline it is queued", async () => {
        const server = fakeServer()
            .on("wage/my", () => WAGES)
            .on("wage/dispute", () => {
                throw refuse("SF_WAGE_DISPUTE_OPEN", "这一行已有未处理的申诉。", "This line already has an open dispute.");
            });
        const { store } = await setup({ server });
        const page = await loadPage("wages");
        await tap(page, "#dispute-6");
        await change(page, "#dispute-reason", "wrong");
        await tap(page, "#dispute-send");
        expect(text(page, "#error .message")).toBe("这一行已有未处理的申诉。");
        expect(page.querySelector("#disputed-6")).toBeFalsy();
        server.online = false;
        await tap(page, "#dispute-send");
        expect(store.outbox.pending[0]).toMatchObject({ method: "wage/dispute", params: { line_id: 6, reason: "wrong" } });
        expect(page.querySelector("#disputed-6")).toBeTruthy();
    });
});

describe("inbox", () => {
    const ITEMS = [
        { id: 41, title: "AND/2026/00012 设备故障", body: "液压泄漏", kind: "todo", state: "new", date: "2026-11-29 02:10:00", done_at: null },
        { id: 42, title: "工资单已生成", body: "11月", kind: "notice", state: "read", date: "2026-11-28 02:10:00", done_at: null },
    ];

    test("read one, mark one done, all read", async () => {
        const server = fakeServer()
            .on("my/inbox", () => ({ items: ITEMS, unread: 1, todo_open: 1 }))
            .on("my/inbox/read", () => ({ changed: 1, unread: 0, todo_open: 1 }))
            .on("my/inbox/done", () => ({ changed: 1, unread: 0, todo_open: 0 }));
        await setup({ server });
        const page = await loadPage("inbox");
        expect(text(page, "#unread")).toBe("1 未读");
        expect(text(page, "#item-41")).toMatch(/液压泄漏/);
        await tap(page, "#item-41");
        expect(server.records.at(-1)).toMatchObject({ method: "my/inbox/read", item_ids: [41] });
        expect(text(page, "#unread")).toBe("0 未读");
        await tap(page, "#item-41"); // already read: nothing sent
        expect(server.records).toHaveLength(1);
        await tap(page, "#done-42");
        expect(server.records.at(-1)).toMatchObject({ method: "my/inbox/done", item_ids: [42] });
        expect(page.querySelector("#item-42")).toBeFalsy();
    });

    test("a wage message opens the wages page", async () => {
        const server = fakeServer()
            .on("my/inbox", () => ({
                items: [{ id: 50, title: "工资申诉被驳回", body: "counted again", kind: "notice", category: "wage_dispute", state: "new", done_at: null }],
                unread: 1,
            }))
            .on("my/inbox/read", () => ({ changed: 1, unread: 0, todo_open: 0 }));
        const { wx } = await setup({ server });
        const page = await loadPage("inbox");
        await tap(page, "#item-50");
        expect(server.records.at(-1)).toMatchObject({ method: "my/inbox/read", item_ids: [50] });
        expect(wx._nav).toContainEqual(["navigateTo", "/pages/wages/wages"]);
    });

    test("a server without the inbox says so", async () => {
        await setup({ server: fakeServer() });
        const page = await loadPage("inbox");
        expect(text(page, "#unavailable")).toBe("此服务器未启用该功能。");
        expect(find(page, "#error")).toBeNull();
    });
});

describe("raise an exception", () => {
    function andonServer() {
        return factoryServer()
            .on("andon/types", () => ({ types: [{ id: 1, name: "设备故障", code: "EQUIP", category: "equipment" }, { id: 2, name: "缺料", code: "MAT" }] }))
            .on("andon/list", () => ({ exceptions: [] }))
            .on("andon/raise", (p) => ({ exception: { id: 12, name: "AND/2026/00012", state: "raised" }, duplicate: p.note === "again" }));
    }

    test("from a work order: type, note, urgent; the answer is shown", async () => {
        const server = andonServer();
        const { wx } = await setup({ server });
        const wo = await loadPage("workorder", { id: "431" });
        await tap(wo, "#raise");
        expect(wx._nav).toContainEqual(["navigateTo", "/pages/andon/andon?workorder_id=431"]);
        const page = await loadPage("andon", { workorder_id: "431" });
        await tap(page, "#raise");
        expect(text(page, "#error .message")).toBe("请选择异常类型。");
        await change(page, "#type-picker", "0");
        await change(page, "#note", "液压泄漏");
        await change(page, "#urgent", true);
        await tap(page, "#raise");
        expect(server.records.at(-1)).toMatchObject({ method: "andon/raise", type_id: 1, workorder_id: 431, note: "液压泄漏", urgent: true });
        expect(text(page, "#raised")).toMatch(/AND\/2026\/00012/);
    });

    test("on a scanned machine; a duplicate is said; offline it is queued", async () => {
        const server = andonServer();
        const { wx, store } = await setup({ server });
        const page = await loadPage("andon");
        await change(page, "#type-picker", "0");
        await tap(page, "#raise"); // nowhere yet
        expect(text(page, "#error .message")).toBe("请扫描设备或工位码。");
        wx.nextScan("https://erp.example.com/sf/q/M4CHXNE234");
        await tap(page, "#scan-machine");
        expect(text(page, "#where")).toMatch(/M4CHXNE234/);
        await change(page, "#note", "again");
        await tap(page, "#raise");
        expect(server.records.at(-1)).toMatchObject({ code: "M4CHXNE234", type_id: 1 });
        expect(page.querySelector("#duplicate")).toBeTruthy();
        server.online = false;
        await tap(page, "#raise");
        expect(page.querySelector("#raised-queued")).toBeTruthy();
        expect(store.outbox.pending[0].method).toBe("andon/raise");
    });

    test("a server without the andon addon says so", async () => {
        await setup({ server: fakeServer() });
        const page = await loadPage("andon");
        expect(text(page, "#unavailable")).toBe("此服务器未启用该功能。");
    });
});

describe("lot / serial", () => {
    const TRACE = {
        lot: { id: 30, name: "261124-000004", product: "Brake disc", on_hold: true },
        components: [{ move_line_id: 121, product: "Disc blank", lot: "BLANK-1", qty: 2 }],
    };

    test("typed: looked up by name; scanned: the label's lot with its checks", async () => {
        const server = fakeServer()
            .on("trace/backward", () => TRACE)
            .on("scan", () => ({ type: "lot", lot: { id: 30, name: "261124-000004", on_hold: true, checks: [{ id: 10, point: "Visual", state: "fail" }] } }));
        const { wx } = await setup({ server });
        const page = await loadPage("lot");
        await tap(page, "#look-up");
        expect(text(page, "#error .message")).toBe("请输入批次号或序列号。");
        await change(page, "#lot-name", "261124-000004");
        await tap(page, "#look-up");
        expect(server.calls.at(-1).params).toMatchObject({ lot_name: "261124-000004" });
        expect(text(page, "#lot-title")).toBe("261124-000004");
        expect(page.querySelector("#on-hold")).toBeTruthy();
        expect(text(page, "#components")).toMatch(/BLANK-1/);

        wx.nextScan("https://erp.example.com/sf/q/L0TAAAAAAA".replace(/0/g, "2"));
        await tap(page, "#scan-lot");
        expect(server.calls.filter((c) => c.method === "scan")).toHaveLength(1);
        expect(server.calls.at(-1).params).toMatchObject({ lot_id: 30 });
        expect(text(page, "#lot-check-10")).toMatch(/Visual/);
    });

    test("a scanned job card is not a lot", async () => {
        const server = factoryServer().on("scan", () => ({ type: "workorder", workorder: server.wo }));
        await setup({ server });
        const page = await loadPage("lot", { code: "K7QX2M9WDA" });
        expect(text(page, "#error .message")).toBe("这不是批次或序列号标签。");
    });

    test("an unknown lot: the server's message", async () => {
        const server = fakeServer().on("trace/backward", () => {
            throw refuse("SF_UNKNOWN_CODE", "无法识别此码。", "This code is unknown.");
        });
        await setup({ server, lang: "en_US" });
        const page = await loadPage("lot");
        await change(page, "#lot-name", "NOPE");
        await tap(page, "#look-up");
        expect(text(page, "#error .message")).toBe("This code is unknown.");
    });
});
