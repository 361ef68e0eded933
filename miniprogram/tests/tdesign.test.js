// The pages with the real tdesign components (converted from the package's ES modules as
// WeChat's npm build takes them), not stubs: their own events reach the page handlers.
const { factoryServer, setup, loadPage, settle, text } = require("./helpers.js");

test("work order: tdesign's button and input drive start and a report", async () => {
    const server = factoryServer();
    await setup({ server });
    const page = await loadPage("workorder", { id: "431" }, { realTdesign: true });
    const button = (id) => page.querySelector(id).querySelector(".t-button");
    button("#action-start").dispatchEvent("tap");
    await settle();
    expect(server.records.map((r) => r.method)).toEqual(["workorder/start"]);
    button("#action-report").dispatchEvent("tap");
    await settle(10);
    // what tdesign's t-input does when the worker types: its onInput emits `change`
    page.querySelector("#input-good").instance.onInput({ detail: { value: "7", cursor: 1, keyCode: 55 } });
    await settle();
    expect(page.instance.data.qtyGood).toBe("7");
    button("#confirm-report").dispatchEvent("tap");
    await settle(10);
    expect(server.records.at(-1)).toMatchObject({ method: "workorder/report", qty_good: 7 });
    expect(text(page, "#qty-good")).toBe("7");
});

test("my work: tdesign's cell opens the work order", async () => {
    const { wx } = await setup({ server: factoryServer() });
    const page = await loadPage("home", {}, { realTdesign: true });
    page.querySelector("#wo-431").instance.onClick({ detail: {} });
    await settle();
    expect(wx._nav).toContainEqual(["navigateTo", "/pages/workorder/workorder?id=431"]);
});

test("work order: serial entry with tdesign's input, button and closable tag", async () => {
    const server = factoryServer({ my_state: "working", allowed_actions: ["report", "pause", "finish"], tracking: "serial", lot_entry: true, lot: null });
    await setup({ server });
    const page = await loadPage("workorder", { id: "431" }, { realTdesign: true });
    const button = (id) => page.querySelector(id).querySelector(".t-button");
    const type = async (id, value) => {
        page.querySelector(id).instance.onInput({ detail: { value, cursor: value.length, keyCode: 48 } });
        await settle();
    };
    button("#action-report").dispatchEvent("tap");
    await settle(10);
    await type("#input-good", "1");
    for (const sn of ["SN-9", "SN-10"]) {
        await type("#input-serial", sn);
        button("#add-serial").dispatchEvent("tap");
        await settle();
    }
    expect(page.instance.data.serials).toEqual(["SN-9", "SN-10"]);
    page.querySelector("#serial-0").instance.handleClose({});
    await settle();
    expect(page.instance.data.serials).toEqual(["SN-10"]);
    button("#confirm-report").dispatchEvent("tap");
    await settle(10);
    expect(server.records.at(-1)).toMatchObject({ method: "workorder/report", qty_good: 1, serial_names: ["SN-10"] });
});
