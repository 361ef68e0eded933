// Offline: the network is cut (setOffline), three reports are queued and counted in
// the header, the page is reloaded (the service worker serves the app), the network
// comes back: the outbox sends them; the database must hold each exactly once.
import { FIXTURE, check, newPhone, openApp, pendingCount, run, shot, tap, typeKeys } from "./lib.mjs";

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
    await page.fill(".sf-code-input", FIXTURE.code);
    await page.press(".sf-code-input", "Enter");
    await page.waitForSelector(`.sf-wo[data-id="${FIXTURE.workorder_id}"]`);
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

    // reload with no network: the service worker opens the app, the queue is still there
    await page.reload();
    await page.waitForSelector(".sf-home");
    await page.waitForFunction(() => Number(document.querySelector(".sf-pending-count").textContent) === 3);
    result.pending_after_reload = await pendingCount(page);
    await page.waitForSelector(".sf-stale");
    await shot(page, "13-offline-reloaded");

    await context.setOffline(false);
    await page.waitForFunction(() => Number(document.querySelector(".sf-pending-count").textContent) === 0, null, { timeout: 30000 });
    result.pending_after = await pendingCount(page);
    // once more: nothing is sent twice
    await page.evaluate(() => window.__shopfloor.flush());
    await shot(page, "14-back-online");
});
