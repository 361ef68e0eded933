// Order progress (shopfloor_sale) in a real browser: the salesman's Production Progress
// tab, the customer's portal page and the shared link on a phone; screenshots in
// docs/screenshots/sale/. SF_FIXTURE: {order_id, order_name, mo_name, salesman:[login,pw],
// customer:[login,pw], link_url, foreign_order_id}.
import path from "node:path";
import { BASE, FIXTURE, ROOT, check, run } from "./lib.mjs";
import fs from "node:fs";

const SHOTS = process.env.SF_SALE_SCREENSHOTS || path.join(ROOT, "docs/screenshots/sale");
const DESKTOP = { width: 1440, height: 1000 };

async function save(page, name, locator) {
    fs.mkdirSync(SHOTS, { recursive: true });
    const file = path.join(SHOTS, `${name}.png`);
    if (locator) {
        await locator.screenshot({ path: file });
    } else {
        await page.screenshot({ path: file, fullPage: false });
    }
}

async function login(context, [login, password]) {
    const page = await context.newPage();
    await page.goto(`${BASE}/web/login`);
    await page.fill("input[name=login]", login);
    await page.fill("input[name=password]", password);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    return page;
}

await run("sale_progress", async (browser, result) => {
    // 1. the salesman: the order's Production Progress tab
    const sales = await browser.newContext({ viewport: DESKTOP, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    let page = await login(sales, FIXTURE.salesman);
    await page.goto(`${BASE}/odoo/action-sale.action_orders/${FIXTURE.order_id}`);
    await page.waitForSelector(".o_form_view");
    await page.click("a[name=shopfloor_progress], .nav-link:has-text('生产进度'), .nav-link:has-text('Production Progress')");
    await page.waitForSelector(".o_shopfloor_sale_progress");
    const tab = await page.textContent(".o_shopfloor_sale_progress");
    check(tab.includes(FIXTURE.mo_name), "the tab lists the MO");
    await page.evaluate(() => document.querySelector(".o_notebook")?.scrollIntoView());
    await save(page, "backend_progress_tab");
    result.backend = true;
    await sales.close();

    // 2. the customer in the portal
    const customer = await browser.newContext({ viewport: DESKTOP, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    page = await login(customer, FIXTURE.customer);
    await page.goto(`${BASE}/my/orders/${FIXTURE.order_id}`);
    await page.waitForSelector("#shopfloor_progress");
    const text = await page.textContent("#shopfloor_progress");
    check(text.includes(FIXTURE.mo_name), "the portal lists the MO");
    for (const secret of FIXTURE.secrets || []) {
        check(!text.includes(secret), `no ${secret} in the portal`);
    }
    await page.evaluate(() => document.querySelector("#shopfloor_progress").scrollIntoView());
    await page.evaluate(() => window.scrollBy(0, -80));
    await save(page, "portal_order_progress");
    if (FIXTURE.foreign_order_id) {
        const resp = await page.goto(`${BASE}/my/orders/${FIXTURE.foreign_order_id}`);
        check(resp.status() === 404, `another customer's order: ${resp.status()}`);
    }
    result.portal = true;
    await customer.close();

    // 3. the shared link, no login, on a phone
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    page = await phone.newPage();
    const resp = await page.goto(FIXTURE.link_url);
    check(resp.status() === 200, `shared link: ${resp.status()}`);
    await page.waitForSelector(".o_shopfloor_sale_progress");
    await save(page, "shared_link");
    const bad = await page.goto(`${FIXTURE.link_url}x`);
    check(bad.status() === 404, `a wrong token: ${bad.status()}`);
    result.link = true;
    await phone.close();
});
