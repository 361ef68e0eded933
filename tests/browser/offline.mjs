// Offline: the network is cut (setOffline), three reports are queued and counted in
// the header, the page is reloaded (the service worker serves the app), the network
// comes back: the outbox sends them; the database must hold each exactly once.
// "My work" shows the queued actions per work order; a report queued on a second work
// order that is paused meanwhile (from another device) is refused on replay and shown
// with the server's message.
import { BASE, FIXTURE, check, newPhone, openApp, pendingCount, run, shot, tap, typeKeys } from "./lib.mjs";

async function openCode(page, code, id) {
    await page.fill(".sf-code-input", code);
    await page.press(".sf-code-input", "Enter");
    await page.waitForSelector(`.sf-wo[data-id="${id}"]`);
}

/** An API call from another device (node, not the offline browser). */
async function api(method, params, token) {
    const response = await fetch(`${BASE}/shopfloor/api/v1/${method}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1, params: { ...params, request_uid: crypto.randomUUID() } }),
    });
    const body = await response.json();
    check(!body.error, `${method}: ${JSON.stringify(body.error)}`);
    return body.result;
}

await run("offline", async (browser, result) => {
    const { context, page } = await newPhone(browser);
    await openApp(page);
    await page.fill("#sf-code", FIXTURE.bind_code);
    await tap(page, ".sf-submit");
    await page.waitForSelector(".sf-home");
    // the service worker has taken the app shell for offline starts
    await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
            await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
        }
    });
    // the second work order: opened and started while online (its card is kept)
    await openCode(page, FIXTURE.code_b, FIXTURE.workorder_b);
    await tap(page, ".sf-action-start");
    await page.waitForSelector('.sf-wo[data-my-state="working"]');
    await tap(page, ".sf-back");
    await openCode(page, FIXTURE.code, FIXTURE.workorder_id);
    await tap(page, ".sf-action-start");
    await page.waitForSelector('.sf-wo[data-my-state="working"]');

    await context.setOffline(true);
    for (let i = 0; i < 3; i++) {
        await tap(page, ".sf-action-report");
        await typeKeys(page, "1");
        await tap(page, ".sf-confirm");
        await page.waitForFunction((n) => Number(document.querySelector(".sf-pending-count").textContent) === n, i + 1);
    }
    check((await pendingCount(page)) === 3, "three actions queued");
    await shot(page, "12-offline-queued");
    // one report on the second work order, queued too
    await tap(page, ".sf-back");
    await openCode(page, FIXTURE.code_b, FIXTURE.workorder_b);
    await tap(page, ".sf-action-report");
    await typeKeys(page, "1");
    await tap(page, ".sf-confirm");
    await page.waitForFunction(() => Number(document.querySelector(".sf-pending-count").textContent) === 4);
    // meanwhile the worker pauses it from another device: the queued report will be refused
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem("shopfloor.token")).token);
    const catalog = await api("catalog", {}, token);
    await api("workorder/pause", { workorder_id: FIXTURE.workorder_b, reason_id: catalog.pause_reasons[0].id }, token);

    // reload with no network: the service worker opens the app, the queue is still there
    await page.reload();
    await page.waitForSelector(".sf-home");
    await page.waitForFunction(() => Number(document.querySelector(".sf-pending-count").textContent) === 4);
    result.pending_after_reload = await pendingCount(page);
    await page.waitForSelector(".sf-stale");
    // My work: the queued actions of each work order, and what they will make of it
    const itemA = `.sf-wo-item[data-id="${FIXTURE.workorder_id}"]`;
    const itemB = `.sf-wo-item[data-id="${FIXTURE.workorder_b}"]`;
    await page.waitForSelector(`${itemA} .sf-wo-queued`);
    result.queued_a = Number(await page.getAttribute(`${itemA} .sf-wo-queued`, "data-pending"));
    result.queued_b = Number(await page.getAttribute(`${itemB} .sf-wo-queued`, "data-pending"));
    result.queued_a_text = (await page.textContent(`${itemA} .sf-wo-queued`)).trim();
    result.guess_good_a = Number(await page.textContent(`${itemA} .sf-wo-good`));
    await page.locator(itemB).scrollIntoViewIfNeeded();
    await shot(page, "13-offline-reloaded");

    await context.setOffline(false);
    await page.waitForFunction(() => Number(document.querySelector(".sf-pending-count").textContent) === 0, null, { timeout: 30000 });
    result.pending_after = await pendingCount(page);
    // the refused report: in the header and on its work order, with the server's message
    await page.waitForSelector(".sf-failed");
    result.refused_header = (await page.textContent(".sf-failed")).trim();
    // My work is read again from the server: the queued reports are in its counts now
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim() === "3", `${itemA} .sf-wo-good`);
    await page.waitForFunction(() => !document.querySelector(".sf-stale"));
    await page.waitForSelector(`${itemB} .sf-wo-refused`);
    result.refused_item = (await page.textContent(`${itemB} .sf-wo-refused`)).trim();
    // once more: nothing is sent twice
    await page.evaluate(() => window.__shopfloor.flush());
    await shot(page, "14-back-online");
    await page.click(".sf-failed .sf-btn");
    await page.waitForFunction(() => !document.querySelector(".sf-failed"));
    result.refused_dismissed = true;
});
