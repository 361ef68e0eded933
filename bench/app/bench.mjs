// The worker app's speed (bench/app/run): medians over N runs on 127.0.0.1.
//  cold_ms   : a new phone (no cache, no service worker) to the usable sign-in screen,
//              over Chromium's "Fast 3G" emulation (562.5 ms RTT, 1.44 Mbit/s down)
//  cold_bytes: bytes transferred by that cold load
//  cold_gzip_ms / cold_gzip_bytes: the same through a gzip reverse proxy (as nginx in
//              production, docs/app.md): Odoo sends its bundles uncompressed
//  warm_ms   : a signed-in phone reopening the app (service worker) to its work list
//  scan_ms   : a code scanned (keyboard wedge / typed + Enter) to the work order screen
//  report_ms : tap on "OK" of a report to the server's confirmation on screen
import fs from "node:fs";
import { launch } from "../../tests/browser/lib.mjs";
import { startGzipProxy } from "./gzip_proxy.mjs";

const BASE = process.env.SF_APP_URL;
const plan = JSON.parse(fs.readFileSync(process.env.SF_PLAN, "utf8"));
const RUNS = Number(process.env.SF_BENCH_RUNS || 20);
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };

const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function coldLoad(browser, base = BASE) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    let bytes = 0;
    cdp.on("Network.loadingFinished", (ev) => (bytes += ev.encodedDataLength));
    const t0 = Date.now();
    await page.goto(`${base}/shopfloor/app`, { waitUntil: "commit" });
    await page.waitForSelector(".sf-signin #sf-code");
    const ms = Date.now() - t0;
    await context.close();
    return { ms, bytes };
}

async function main() {
    const browser = await launch();
    const cold = [];
    const coldBytes = [];
    const coldGzip = [];
    const coldGzipBytes = [];
    const proxy = await startGzipProxy(BASE);
    await coldLoad(browser); // the first request builds the asset bundle: not measured
    for (let i = 0; i < RUNS; i++) {
        let r = await coldLoad(browser);
        cold.push(r.ms);
        coldBytes.push(r.bytes);
        r = await coldLoad(browser, proxy.url);
        coldGzip.push(r.ms);
        coldGzipBytes.push(r.bytes);
    }
    proxy.server.close();

    // a signed-in phone: service worker installed, token kept
    const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    await context.addInitScript((token) => {
        if (!localStorage.getItem("shopfloor.token")) {
            localStorage.setItem("shopfloor.token", JSON.stringify(token));
        }
    }, plan.token);
    const page = await context.newPage();
    await page.goto(`${BASE}/shopfloor/app`);
    await page.waitForSelector(".sf-home");
    await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
            await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
        }
    });
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
        const t0 = Date.now();
        await page.goto(`${BASE}/shopfloor/app`, { waitUntil: "commit" });
        await page.waitForSelector(".sf-home .sf-wo-item");
        warm.push(Date.now() - t0);
    }
    const fromSw = await page.evaluate(() => performance.getEntriesByType("navigation")[0].workerStart > 0);

    const scans = [];
    const reports = [];
    for (let i = 0; i < RUNS; i++) {
        const code = plan.codes[i % plan.codes.length];
        const id = plan.workorder_ids[i % plan.workorder_ids.length];
        await page.fill(".sf-code-input", code);
        let t0 = Date.now();
        await page.press(".sf-code-input", "Enter");
        await page.waitForSelector(`.sf-wo[data-id="${id}"]`);
        scans.push(Date.now() - t0);
        if (await page.$(".sf-action-start")) {
            await page.click(".sf-action-start");
            await page.waitForSelector('.sf-wo[data-my-state="working"]');
        }
        await page.click(".sf-action-report");
        await page.click('.sf-key[data-key="1"]');
        const before = await page.textContent(".sf-qty-good");
        t0 = Date.now();
        await page.click(".sf-confirm");
        await page.waitForFunction((b) => {
            const el = document.querySelector(".sf-qty-good");
            return el && el.textContent !== b && !window.__shopfloor.state.busy && !window.__shopfloor.state.pending;
        }, before);
        reports.push(Date.now() - t0);
        await page.click(".sf-back");
        await page.waitForSelector(".sf-home");
    }
    await browser.close();
    const r = (x) => Math.round(x);
    console.log(`bench cold runs (ms): ${cold.join(" ")}`);
    console.log(`bench cold through gzip proxy (ms): ${coldGzip.join(" ")}`);
    console.log(`bench warm runs (ms): ${warm.join(" ")} (service worker: ${fromSw})`);
    console.log(`bench scan runs (ms): ${scans.join(" ")}`);
    console.log(`bench report runs (ms): ${reports.join(" ")}`);
    console.log(
        `BENCH app cold_ms=${r(median(cold))} cold_bytes=${r(median(coldBytes))} ` +
            `cold_gzip_ms=${r(median(coldGzip))} cold_gzip_bytes=${r(median(coldGzipBytes))} warm_ms=${r(median(warm))} ` +
            `scan_ms=${r(median(scans))} report_ms=${r(median(reports))} runs=${RUNS} sw=${fromSw ? 1 : 0}`
    );
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
