// A shared terminal (800x1280): registered once with a device token; each worker
// scans their badge (the USB scanner is a keyboard wedge), opens a job card, acts,
// and the screen returns to the badge prompt.
import { FIXTURE, TERMINAL, check, newPhone, openApp, pendingCount, run, scanWedge, shot, tap } from "./lib.mjs";

await run("terminal", async (browser, result) => {
    const { page } = await newPhone(browser, TERMINAL);
    await openApp(page);
    await page.click(".sf-mode-device");
    await page.fill("#sf-device", FIXTURE.device_token);
    await tap(page, ".sf-submit");
    await page.waitForSelector(".sf-idle");
    await shot(page, "20-terminal-idle");
    result.names = [];
    for (const badge of FIXTURE.badges) {
        // the scanner types fast and ends with Enter, outside any input
        await page.evaluate(() => document.activeElement?.blur());
        await scanWedge(page, badge);
        await page.waitForSelector(".sf-home");
        result.names.push((await page.textContent(".sf-badge-name")).trim());
        if (result.names.length === 1) {
            await shot(page, "21-terminal-worker");
        }
        await page.fill(".sf-code-input", FIXTURE.code);
        await page.press(".sf-code-input", "Enter");
        await page.waitForSelector(`.sf-wo[data-id="${FIXTURE.workorder_id}"]`);
        if (result.names.length === 1) {
            await shot(page, "22-terminal-work-order");
        }
        await tap(page, ".sf-action-start");
        const refused = await page.$(".sf-error");
        check(!refused, `start refused: ${refused && (await refused.textContent())}`);
        await page.waitForSelector(".sf-idle");
    }
    check(result.names.length === 2, "two workers");
    result.pending = await pendingCount(page);
});
