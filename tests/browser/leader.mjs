// A leader on a 360x640 phone: the inbox (unread count in the header, read, done), an
// andon call raised from a work order (the server has the andon addon), the batch's lot
// number and one serial per unit given with a report (tracked products), and a lot traced
// by scan (typed here: the scanner and the camera deliver the same text), backward and
// forward, shown as a tree. The database is checked by tests/test_app_browser.py.
import { FIXTURE, SMALL_PHONE, check, newPhone, openApp, run, shot, tap, typeKeys } from "./lib.mjs";

async function unread(page) {
    return Number(await page.textContent(".sf-unread-count"));
}

async function traceRows(page) {
    return page.$$eval(".sf-trace-row", (rows) => rows.map((r) => [Number(r.dataset.depth), r.dataset.lot]));
}

await run("leader", async (browser, result) => {
    const { page } = await newPhone(browser, SMALL_PHONE);
    await openApp(page);
    await page.fill("#sf-code", FIXTURE.bind_code);
    await tap(page, ".sf-submit");
    await page.waitForSelector(".sf-home");

    // the inbox: two unread items, counted in the header
    await page.waitForFunction(() => Number(document.querySelector(".sf-unread-count")?.textContent) === 2);
    result.unread_before = await unread(page);
    await tap(page, ".sf-inbox-btn");
    await page.waitForSelector(".sf-inbox-item");
    await shot(page, "30-inbox");
    const first = `.sf-inbox-item[data-id="${FIXTURE.todo_id}"]`;
    await tap(page, `${first} .sf-inbox-title`);
    await page.waitForSelector(`${first}[data-state="read"] .sf-inbox-body`);
    await page.waitForFunction(() => Number(document.querySelector(".sf-unread-count").textContent) === 1);
    await shot(page, "31-inbox-item");
    await tap(page, `${first} .sf-inbox-done`);
    await page.waitForFunction((sel) => !document.querySelector(sel), first);
    await tap(page, ".sf-inbox-read-all");
    await page.waitForFunction(() => Number(document.querySelector(".sf-unread-count").textContent) === 0);
    result.unread_after = await unread(page);

    // an andon call from a work order
    await page.click(".sf-tabs .sf-tab:first-child");
    await page.waitForSelector(".sf-home");
    await page.fill(".sf-code-input", FIXTURE.code);
    await page.press(".sf-code-input", "Enter");
    await page.waitForSelector(`.sf-wo[data-id="${FIXTURE.workorder_id}"]`);
    await page.waitForSelector(".sf-btn-andon");
    await tap(page, ".sf-btn-andon");
    await tap(page, `.sf-andon-type[data-code="${FIXTURE.andon_code}"]`);
    await page.fill(".sf-andon-note", FIXTURE.andon_note);
    await page.check(".sf-andon-urgent");
    await page.$eval(".sf-andon-type.active", (el) => el.scrollIntoView({ block: "center" }));
    await shot(page, "32-andon-call");
    await tap(page, ".sf-andon .sf-confirm");
    await page.waitForSelector(".sf-toast-success");
    check(!(await page.$(".sf-error")), "the andon call was accepted");
    result.andon = true;

    // a lot traced by scan: what it is made of, then where a component lot went
    await page.waitForFunction(() => !document.querySelector(".sf-toast"));

    // lot entry at the last operation of a lot-tracked product: the batch's number
    await tap(page, ".sf-action-start");
    await page.waitForSelector('.sf-wo[data-my-state="working"]');
    await tap(page, ".sf-action-report");
    await typeKeys(page, "2");
    await page.waitForSelector('.sf-lots[data-tracking="lot"]');
    await page.fill(".sf-lot-name", FIXTURE.lot_name);
    await page.$eval(".sf-lots", (el) => el.scrollIntoView({ block: "center" }));
    await shot(page, "35-lot-entry");
    await tap(page, ".sf-confirm");
    await page.waitForSelector(".sf-toast-success");
    check(!(await page.$(".sf-error")), "the lot number was accepted");
    await page.waitForFunction(() => !document.querySelector(".sf-toast"));

    // serial entry: one serial per good unit, scanned (typed + Enter) one after the other
    await tap(page, ".sf-back");
    await page.fill(".sf-code-input", FIXTURE.serial_code);
    await page.press(".sf-code-input", "Enter");
    await page.waitForSelector(`.sf-wo[data-id="${FIXTURE.serial_workorder_id}"]`);
    await tap(page, ".sf-action-start");
    await page.waitForSelector('.sf-wo[data-my-state="working"]');
    await tap(page, ".sf-action-report");
    await typeKeys(page, String(FIXTURE.serials.length));
    await page.waitForSelector('.sf-lots[data-tracking="serial"]');
    result.serials_needed = Number(await page.textContent(".sf-serial-needed"));
    // one short: the server's limit is shown and the report cannot be sent yet
    await page.fill(".sf-serial-input", FIXTURE.serials[0]);
    await page.press(".sf-serial-input", "Enter");
    await page.waitForSelector(".sf-problem");
    result.serial_problem = (await page.textContent(".sf-problem")).trim();
    check(await page.isDisabled(".sf-confirm"), "cannot send with a serial missing");
    for (const serial of FIXTURE.serials.slice(1)) {
        await page.fill(".sf-serial-input", serial);
        await page.press(".sf-serial-input", "Enter");
    }
    await page.waitForFunction((n) => Number(document.querySelector(".sf-serial-count").textContent) === n, FIXTURE.serials.length);
    await page.$eval(".sf-lots", (el) => el.scrollIntoView({ block: "center" }));
    await shot(page, "36-serial-entry");
    await tap(page, ".sf-confirm");
    await page.waitForSelector(".sf-toast-success");
    check(!(await page.$(".sf-error")), "the serial numbers were accepted");
    await page.waitForFunction(() => !document.querySelector(".sf-toast"));

    await tap(page, ".sf-back");
    await tap(page, ".sf-tab-trace");
    await page.waitForSelector(".sf-trace");
    await page.fill(".sf-code-input", FIXTURE.lot);
    await page.press(".sf-code-input", "Enter");
    await page.waitForSelector('.sf-trace-row[data-depth="1"]');
    result.backward = await traceRows(page);
    result.operations = await page.$$eval(".sf-trace-op", (ops) => ops.length);
    await shot(page, "33-trace-backward");
    await tap(page, ".sf-trace-forward");
    await page.fill(".sf-code-input", FIXTURE.component_lot);
    await page.press(".sf-code-input", "Enter");
    await page.waitForFunction((lot) => document.querySelector('.sf-trace-row[data-depth="0"]')?.dataset.lot === lot, FIXTURE.component_lot);
    await page.waitForSelector('.sf-trace-row[data-depth="1"]');
    result.forward = await traceRows(page);
    await shot(page, "34-trace-forward");
    // an unknown lot: the server's message, in the worker's language
    await page.fill(".sf-code-input", "NO-SUCH-LOT-0000");
    await page.press(".sf-code-input", "Enter");
    await page.waitForSelector(".sf-error");
    result.unknown_lot = (await page.textContent(".sf-error-message")).trim();
});
