// Lot / serial entry on the work-order page: at the last operation of a tracked product
// (the server's `lot_entry`), good units are numbered with the batch's lot name or one
// serial per good unit, scanned (wx.scanCode) or typed, checked before sending (count,
// duplicates, the order's lot), sent with workorder/report or workorder/finish through
// the outbox.
const { factoryServer, setup, loadPage, tap, change, text, find, settle, refuse } = require("./helpers.js");

const WORKING = { my_state: "working", state: "progress", allowed_actions: ["report", "pause", "finish"], qty_available: 10 };

async function open(values = {}, options = {}) {
    const server = factoryServer({ ...WORKING, ...values });
    const world = await setup({ server, ...options });
    const page = await loadPage("workorder", { id: "431" });
    return { ...world, page };
}

/** The serials listed (one t-tag each, as rendered). */
const serialsShown = (page) => page.instance.data.serials.map((_sn, i) => text(page, `#serial-${i}`));

describe("lot-tracked product, last operation", () => {
    const LOT = { tracking: "lot", lot_entry: true, lot: null };

    test("the lot field shows with good units; the typed lot goes with the report", async () => {
        const { page, server } = await open(LOT);
        await tap(page, "#action-report");
        expect(find(page, "#lots")).toBeNull(); // no good units yet
        await change(page, "#input-good", "4");
        expect(page.querySelector("#lots").dom.dataset.tracking).toBe("lot");
        expect(text(page, "#lot-help")).toBe("扫描或输入本批次号;留空由系统编号。");
        expect(find(page, "#serial-list")).toBeNull();
        await change(page, "#input-lot", " LOT-2611-A ");
        await tap(page, "#confirm-report");
        expect(server.records.at(-1)).toMatchObject({ method: "workorder/report", qty_good: 4, lot_name: "LOT-2611-A" });
        expect(server.records.at(-1).serial_names).toBeUndefined();
        expect(text(page, "#qty-good")).toBe("4");

        // the next report starts from the batch's lot; another one is refused here, nothing sent
        await tap(page, "#action-report");
        await change(page, "#input-good", "1");
        expect(text(page, "#lot-help")).toBe("本生产单批次: LOT-2611-A");
        expect(page.instance.data.lotName).toBe("LOT-2611-A");
        await change(page, "#input-lot", "LOT-OTHER");
        await tap(page, "#confirm-report");
        expect(text(page, "#error .code")).toBe("SF_TRACE_LOT_MISMATCH");
        expect(text(page, "#error .message")).toBe("本生产单批次号为 LOT-2611-A。");
        expect(text(page, "#error .next")).toBe("用已有的批次号,或留空。");
        expect(server.records).toHaveLength(1);
    });

    test("an empty lot is left to the server; scrap only sends no lot", async () => {
        const { page, server } = await open({ ...LOT, lot: "LOT-1" });
        await tap(page, "#action-report");
        await change(page, "#input-good", "2");
        await change(page, "#input-lot", "");
        await tap(page, "#confirm-report");
        expect(server.records.at(-1).lot_name).toBeUndefined();
        // the order's lot prefilled, then no good units: scrap only, no lot sent, not refused
        await tap(page, "#action-report");
        await change(page, "#input-good", "1");
        expect(page.instance.data.lotName).toBe("LOT-1");
        await change(page, "#input-good", "");
        await change(page, "#input-scrap", "1");
        await change(page, "#defect-picker", "0");
        expect(find(page, "#lots")).toBeNull();
        await tap(page, "#confirm-report");
        expect(server.records.at(-1)).toMatchObject({ qty_scrap: 1, defect_type_id: 1 });
        expect(server.records.at(-1).lot_name).toBeUndefined();
    });

    test("a scanned lot label fills the lot; finish sends the last good units with it", async () => {
        const { page, server, wx } = await open({ ...LOT, lot: "LOT-7" });
        await tap(page, "#action-finish"); // a form, not an immediate finish
        expect(page.querySelector("#report-form").dom.dataset.mode).toBe("finish");
        expect(server.records).toHaveLength(0);
        await change(page, "#input-good", "3");
        expect(page.instance.data.lotName).toBe("LOT-7");
        wx.nextScan("LOT-8");
        await tap(page, "#scan-lot");
        expect(page.instance.data.lotName).toBe("LOT-8");
        await tap(page, "#confirm-finish");
        expect(text(page, "#error .code")).toBe("SF_TRACE_LOT_MISMATCH"); // not the order's lot
        wx.nextScan("LOT-7");
        await tap(page, "#scan-lot");
        await tap(page, "#confirm-finish");
        expect(server.records).toHaveLength(1);
        expect(server.records[0]).toMatchObject({ method: "workorder/finish", qty_good: 3, lot_name: "LOT-7" });
        expect(page.querySelector("#action-report")).toBeFalsy();
    });

    test("finish with nothing typed finishes without a last report", async () => {
        const { page, server } = await open(LOT);
        await tap(page, "#action-finish");
        await tap(page, "#confirm-finish");
        expect(server.records).toHaveLength(1);
        expect(server.records[0].method).toBe("workorder/finish");
        expect(server.records[0].qty_good).toBeUndefined();
        expect(server.records[0].lot_name).toBeUndefined();
    });

    test("English labels", async () => {
        const { page } = await open(LOT, { lang: "en_US" });
        await tap(page, "#action-report");
        await change(page, "#input-good", "1");
        expect(text(page, "#lot-help")).toBe("Scan or type this batch's lot number; leave it empty to have it numbered.");
        expect(text(page, "#scan-lot")).toBe("Scan label");
    });
});

describe("serial-tracked product, last operation", () => {
    const SERIAL = { tracking: "serial", lot_entry: true, lot: null };

    test("one serial per good unit, scanned or typed, duplicates refused, count checked before sending", async () => {
        const { page, server, wx } = await open(SERIAL);
        await tap(page, "#action-report");
        await change(page, "#input-good", "3");
        expect(page.querySelector("#lots").dom.dataset.tracking).toBe("serial");
        expect(find(page, "#input-lot")).toBeNull();
        expect(text(page, "#serial-count")).toBe("0 / 3");

        wx.nextScan("SN-001");
        await tap(page, "#scan-lot");
        await change(page, "#input-serial", " SN-002 ");
        await tap(page, "#add-serial");
        expect(serialsShown(page)).toEqual(["SN-001", "SN-002"]);
        expect(text(page, "#serial-count")).toBe("2 / 3");

        // the same serial again: refused at once, the list unchanged
        wx.nextScan("SN-001");
        await tap(page, "#scan-lot");
        expect(text(page, "#error .code")).toBe("SF_TRACE_SERIAL_EXISTS");
        expect(text(page, "#error .message")).toBe("序列号 SN-001 重复。");
        expect(text(page, "#error .next")).toBe("换掉重复的序列号。");
        expect(serialsShown(page)).toEqual(["SN-001", "SN-002"]);

        // two serials for three good units: refused before sending
        await tap(page, "#confirm-report");
        expect(text(page, "#error .code")).toBe("SF_TRACE_SERIAL_COUNT");
        expect(text(page, "#error .message")).toBe("需要 3 个序列号(每件合格品一个),已录 2 个。");
        expect(text(page, "#error .next")).toBe("补齐或删掉多余的序列号。");
        expect(server.records).toHaveLength(0);

        // four: one too many; removing one makes it right
        for (const sn of ["SN-003", "SN-004"]) {
            await change(page, "#input-serial", sn);
            await tap(page, "#add-serial");
        }
        expect(text(page, "#serial-count")).toBe("4 / 3");
        await tap(page, "#confirm-report");
        expect(text(page, "#error .code")).toBe("SF_TRACE_SERIAL_COUNT");
        page.querySelector("#serial-1").dispatchEvent("close", { detail: {} });
        await settle();
        expect(serialsShown(page)).toEqual(["SN-001", "SN-003", "SN-004"]);
        await tap(page, "#confirm-report");
        expect(find(page, "#error")).toBeNull();
        expect(server.records).toHaveLength(1);
        expect(server.records[0]).toMatchObject({ method: "workorder/report", qty_good: 3, serial_names: ["SN-001", "SN-003", "SN-004"] });
        expect(server.records[0].lot_name).toBeUndefined();
    });

    test("the server's refusal (a serial already used) is shown with the next step, nothing queued", async () => {
        const { page, server, store } = await open(SERIAL);
        server.on("workorder/report", (p) => {
            throw refuse("SF_TRACE_SERIAL_EXISTS", `序列号 ${p.serial_names[0]} 已存在。`, `Serial ${p.serial_names[0]} already exists.`, { serial: p.serial_names[0] });
        });
        await tap(page, "#action-report");
        await change(page, "#input-good", "1");
        await change(page, "#input-serial", "SN-OLD");
        await tap(page, "#add-serial");
        await tap(page, "#confirm-report");
        expect(text(page, "#error .message")).toBe("序列号 SN-OLD 已存在。");
        expect(text(page, "#error .next")).toBe("换掉重复的序列号。");
        expect(store.outbox.pending).toHaveLength(0);
        // the form stays open with the serials, to replace the used one
        expect(serialsShown(page)).toEqual(["SN-OLD"]);
    });

    test("offline: the report with its serials is kept and replayed once with the same id", async () => {
        const { page, server, store, wx } = await open(SERIAL);
        server.online = false;
        await tap(page, "#action-report");
        await change(page, "#input-good", "2");
        for (const sn of ["A1", "A2"]) {
            wx.nextScan(sn);
            await tap(page, "#scan-lot");
        }
        await tap(page, "#confirm-report");
        expect(text(page, "#qty-good")).toBe("2");
        expect(page.querySelector("#queued")).toBeTruthy();
        const saved = JSON.parse(wx._storage.get("shopfloor.outbox"));
        expect(saved).toHaveLength(1);
        expect(saved[0]).toMatchObject({ method: "workorder/report", params: { qty_good: 2, serial_names: ["A1", "A2"] } });
        server.online = true;
        await store.flush();
        await store.flush();
        await settle();
        expect(server.records).toHaveLength(1);
        expect(server.records[0]).toMatchObject({ serial_names: ["A1", "A2"], request_uid: saved[0].params.request_uid });
    });
});

test("no lot entry where the server numbers the units (not the last operation, untracked)", async () => {
    for (const values of [{ tracking: "serial", lot_entry: false }, { tracking: "none", lot_entry: false }, {}]) {
        const { page, server } = await open(values);
        await tap(page, "#action-report");
        await change(page, "#input-good", "2");
        expect(find(page, "#lots")).toBeNull();
        await tap(page, "#confirm-report");
        expect(server.records.at(-1).lot_name).toBeUndefined();
        expect(server.records.at(-1).serial_names).toBeUndefined();
        await tap(page, "#action-finish"); // finishes at once, as before
        expect(server.records.at(-1).method).toBe("workorder/finish");
    }
});
