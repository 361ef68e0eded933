// Every page of a board at 1920x1080 (and its workshop at 4K), for the documentation:
// run by tests/test_board_browser.py on the demo boards.
import fs from "node:fs";
import path from "node:path";
import { BASE, FIXTURE, ROOT, launch } from "./lib.mjs";

const SHOTS = process.env.SF_SCREENSHOTS || path.join(ROOT, "docs/screenshots/board");

async function main() {
    const browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: "zh-CN" });
    const result = { pages: {} };
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const code of FIXTURE.pages) {
        const page = await context.newPage();
        page.on("pageerror", (err) => console.error("[pageerror]", err.message));
        await page.goto(`${BASE}${FIXTURE.path}?page=${code}&bus=0`);
        await page.waitForSelector(`.sf-board[data-page="${code}"] .sf-board-main > div:not(.sf-board-loading)`);
        await page.waitForTimeout(code === "oee" ? 1000 : 300);
        await page.screenshot({ path: path.join(SHOTS, `${FIXTURE.prefix}-${code}.png`) });
        result.pages[code] = await page.evaluate(() => ({
            tiles: document.querySelectorAll(".sf-tile").length,
            rows: document.querySelectorAll(".sf-table tbody tr").length,
            stale: !!document.querySelector(".sf-stale-banner"),
        }));
        await page.close();
    }
    await browser.close();
    console.log(`SF_RESULT ${JSON.stringify(result)}`);
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
