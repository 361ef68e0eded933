// Helpers of the browser tests: Playwright (playwright-core) driving Debian's
// chromium, never a downloaded browser. Run by tests/test_app_browser.py, which starts
// a real Odoo server, prepares the data and passes it in SF_FIXTURE.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const BASE = process.env.SF_APP_URL || "http://127.0.0.1:8069";
export const FIXTURE = JSON.parse(process.env.SF_FIXTURE || "{}");
export const SHOTS = process.env.SF_SCREENSHOTS || path.join(ROOT, "docs/screenshots/app");
export const PHONE = { width: 390, height: 844 };
export const TERMINAL = { width: 800, height: 1280 };
// the design size of the app (screenshots of the newer screens)
export const SMALL_PHONE = { width: 360, height: 640 };

export function chromiumPath() {
    const candidates = [process.env.SF_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
    const found = candidates.find((p) => p && fs.existsSync(p));
    if (!found) {
        throw new Error("chromium not found (apt-get install chromium): browser tests need it");
    }
    return found;
}

/** A browser; ``y4m`` feeds Chromium's fake camera with that video. */
export async function launch({ y4m } = {}) {
    const args = ["--no-sandbox", "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"];
    if (y4m) {
        args.push(`--use-file-for-fake-video-capture=${y4m}`);
    }
    return chromium.launch({ executablePath: chromiumPath(), args, headless: true });
}

export async function newPhone(browser, viewport = PHONE) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: "zh-CN", hasTouch: true });
    await context.grantPermissions(["camera"], { origin: BASE });
    const page = await context.newPage();
    page.on("pageerror", (err) => console.error("[pageerror]", err.message));
    page.on("console", (msg) => {
        if (msg.type() === "error") {
            console.error("[console]", msg.text());
        }
    });
    return { context, page };
}

export async function openApp(page, query = "") {
    await page.goto(`${BASE}/shopfloor/app${query}`);
    await page.waitForSelector(".sf-app");
}

export async function shot(page, name) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** The number of queued actions the header shows. */
export async function pendingCount(page) {
    return Number(await page.textContent(".sf-pending-count"));
}

export function check(condition, message) {
    if (!condition) {
        throw new Error(`check failed: ${message}`);
    }
}

/** Tap a button by its selector and wait for the app to be idle again. */
export async function tap(page, selector) {
    await page.click(selector);
    await page.waitForFunction(() => !window.__shopfloor || !window.__shopfloor.state.busy);
}

/**
 * What a USB scanner (keyboard wedge) does: the keys of ``text`` then Enter, all within
 * a few milliseconds, outside any input. Dispatched in one task of the page: keys typed
 * one by one through the driver can be more than 150 ms apart on a loaded machine, and
 * Odoo's barcode service then reads the first digits as a barcode of their own.
 */
export async function scanWedge(page, text) {
    await page.evaluate((value) => {
        const target = document.activeElement && document.activeElement !== document.body ? document.activeElement : document.body;
        for (const key of [...value, "Enter"]) {
            target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
        }
    }, text);
}

export async function typeKeys(page, text) {
    for (const k of text) {
        await page.click(`.sf-key[data-key="${k}"]`);
    }
}

export async function run(name, fn) {
    const browser = await launch({ y4m: process.env.SF_Y4M });
    const result = {};
    try {
        await fn(browser, result);
        console.log(`SF_RESULT ${JSON.stringify(result)}`);
    } catch (err) {
        console.error(`${name} failed: ${err.stack || err}`);
        process.exitCode = 1;
        // what the page showed when it failed, for the developer
        for (const [i, context] of browser.contexts().entries()) {
            for (const [j, page] of context.pages().entries()) {
                const file = path.join(process.env.SF_FAIL_DIR || "/tmp", `sf-fail-${name}-${i}-${j}.png`);
                await page.screenshot({ path: file }).catch(() => {});
                console.error(`screenshot of the failure: ${file}`);
                console.error(await page.evaluate(() => document.body.innerText.slice(0, 800)).catch(() => ""));
            }
        }
    } finally {
        await browser.close();
    }
}
