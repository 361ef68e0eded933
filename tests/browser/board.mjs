// A live board at 1920x1080 in Debian's chromium against a real server (driven by
// tests/test_board_browser.py, which answers the SF_NEED requests on stdin): the board
// updates through the bus when a report is made over the API, shows a stale sign when
// the server stops, and recovers by itself when it returns.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { BASE, FIXTURE, ROOT, launch } from "./lib.mjs";

const SHOTS = process.env.SF_SCREENSHOTS || path.join(ROOT, "docs/screenshots/board");
const TV = { width: 1920, height: 1080 };
const lines = readline.createInterface({ input: process.stdin });
const answers = [];
let waiting = null;
lines.on("line", (line) => {
    if (waiting) {
        const w = waiting;
        waiting = null;
        w(line);
    } else {
        answers.push(line);
    }
});

/** Ask the Python side to act (make a report, stop or start the server). */
function need(what) {
    console.log(`SF_NEED ${what}`);
    return new Promise((resolve) => {
        if (answers.length) {
            resolve(answers.shift());
        } else {
            waiting = resolve;
        }
    });
}

async function shot(page, name) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const tileQty = (page, wc) => page.textContent(`.sf-tile[data-wc="${wc}"] .sf-tile-qty`).catch(() => null);

async function main() {
    const browser = await launch();
    const context = await browser.newContext({ viewport: TV, deviceScaleFactor: 1, locale: "zh-CN" });
    const page = await context.newPage();
    page.on("pageerror", (err) => console.error("[pageerror]", err.message));
    const result = {};
    const wc = FIXTURE.wc;
    // poll=120: an update within seconds can only come from the bus
    await page.goto(`${BASE}${FIXTURE.path}?page=workshop&poll=120`);
    await page.waitForSelector(`.sf-tile[data-wc="${wc}"]`);
    await page.waitForSelector(".sf-conn-live", { timeout: 20000 });
    result.state_before = await page.getAttribute(`.sf-tile[data-wc="${wc}"]`, "class");
    result.qty_before = await tileQty(page, wc);
    await shot(page, "workshop");

    const t0 = Date.now();
    await need("report");
    await page.waitForFunction(
        ([wc, before]) => {
            const el = document.querySelector(`.sf-tile[data-wc="${wc}"] .sf-tile-qty`);
            return el && el.textContent !== before;
        },
        [wc, result.qty_before],
        { timeout: 15000 }
    );
    result.update_ms = Date.now() - t0;
    result.qty_after = await tileQty(page, wc);
    result.as_of = await page.textContent(".sf-as-of-time");
    await shot(page, "workshop-updated");

    // the other pages, for the documentation
    for (const code of ["plan", "late", "oee"]) {
        const other = await context.newPage();
        await other.goto(`${BASE}${FIXTURE.path}?page=${code}&bus=0`);
        await other.waitForSelector(`.sf-board[data-page="${code}"] .sf-board-main > div:not(.sf-board-loading)`);
        await other.waitForTimeout(code === "oee" ? 800 : 200);
        await shot(other, code);
        await other.close();
    }
    // 4K: the same page scaled twice
    const tv4k = await browser.newContext({ viewport: { width: 3840, height: 2160 }, deviceScaleFactor: 1 });
    const big = await tv4k.newPage();
    await big.goto(`${BASE}${FIXTURE.path}?page=workshop&bus=0`);
    await big.waitForSelector(`.sf-tile[data-wc="${wc}"]`);
    result.scale_4k = await big.evaluate(() => document.getElementById("sf-board").style.transform);
    await tv4k.close();

    // server stops: stale sign; back: recovers without a reload
    await need("stop");
    const t1 = Date.now();
    await page.waitForSelector(".sf-stale-banner", { timeout: 30000 });
    result.stale_ms = Date.now() - t1;
    result.stale_class = await page.getAttribute(".sf-board", "class");
    await shot(page, "stale");
    await need("start");
    const t2 = Date.now();
    await page.waitForSelector(".sf-stale-banner", { state: "detached", timeout: 60000 });
    await page.waitForSelector(".sf-conn-live", { timeout: 60000 });
    result.recover_ms = Date.now() - t2;
    const qtyRecovered = await tileQty(page, wc);
    await need("report");
    await page.waitForFunction(
        ([wc, before]) => {
            const el = document.querySelector(`.sf-tile[data-wc="${wc}"] .sf-tile-qty`);
            return el && el.textContent !== before;
        },
        [wc, qtyRecovered],
        { timeout: 15000 }
    );
    result.qty_final = await tileQty(page, wc);
    await shot(page, "recovered");
    await browser.close();
    console.log(`SF_RESULT ${JSON.stringify(result)}`);
    lines.close();
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
