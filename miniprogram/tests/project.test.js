// The project as WeChat DevTools builds it: every page a Component() with its four
// files, WXML and WXSS accepted by the official compilers (wcc / wcsc, from
// miniprogram-compiler), tdesign components present in the npm package the
// mini-program's npm build copies, every text of the pages in both languages.
const fs = require("fs");
const path = require("path");
const compiler = require("miniprogram-compiler");
const { ROOT } = require("./helpers.js");
const { TEXTS } = require("../lib/i18n.js");

const app = JSON.parse(fs.readFileSync(path.join(ROOT, "app.json"), "utf8"));
const components = [...app.pages, "components/sf-status/sf-status"];

test.each(components)("%s: Component() with .js .json .wxml .wxss", (page) => {
    for (const ext of ["js", "json", "wxml", "wxss"]) {
        expect(fs.existsSync(path.join(ROOT, `${page}.${ext}`))).toBe(true);
    }
    const js = fs.readFileSync(path.join(ROOT, `${page}.js`), "utf8");
    expect(js).toMatch(/^Component\(\{/m);
    expect(js).not.toMatch(/^\s*(import|export)\s/m); // CommonJS, whatever the build settings
});

test("every WXML and WXSS file compiles with the official compilers", () => {
    const wxml = compiler.wxmlToJs(ROOT, {
        wxmlList: components.map((c) => `${c}.wxml`),
    });
    const gwx = new Function(wxml)(); // eslint-disable-line no-new-func
    for (const c of components) {
        expect(typeof gwx(`${c}.wxml`)).toBe("function");
    }
    expect(() => compiler.wxssToJs(ROOT, { wxssList: ["app.wxss", ...components.map((c) => `${c}.wxss`)] })).not.toThrow();
});

test("the tdesign components used exist in the tdesign-miniprogram package (npm build source)", () => {
    const dist = path.join(ROOT, "node_modules/tdesign-miniprogram/miniprogram_dist");
    for (const c of components) {
        const using = JSON.parse(fs.readFileSync(path.join(ROOT, `${c}.json`), "utf8")).usingComponents || {};
        for (const target of Object.values(using)) {
            if (target.startsWith("tdesign-miniprogram/")) {
                const file = path.join(dist, target.slice("tdesign-miniprogram/".length));
                expect(fs.existsSync(`${file}.js`)).toBe(true);
                expect(fs.existsSync(`${file}.json`)).toBe(true);
            } else {
                expect(fs.existsSync(path.join(ROOT, `${target}.json`))).toBe(true);
            }
        }
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(pkg.dependencies["tdesign-miniprogram"]).toBeTruthy();
});

test("every text a page shows exists in Chinese and English", () => {
    for (const [key, pair] of Object.entries(TEXTS)) {
        expect([key, pair.length, Boolean(pair[0]), Boolean(pair[1])]).toEqual([key, 2, true, true]);
    }
    const known = new Set([...Object.keys(TEXTS), "action_start", "action_pause", "action_resume", "action_report", "action_finish"]);
    for (const c of components) {
        const wxml = fs.readFileSync(path.join(ROOT, `${c}.wxml`), "utf8");
        for (const [, key] of wxml.matchAll(/\bt\.([a-z_]+)/g)) {
            expect([c, key, known.has(key)]).toEqual([c, key, true]);
        }
        const js = fs.readFileSync(path.join(ROOT, `${c}.js`), "utf8");
        for (const [, key] of js.matchAll(/store\.(?:t|toast)\("([a-z_]+)"/g)) {
            expect([c, key, known.has(key)]).toEqual([c, key, true]);
        }
    }
});

test("config.js names the server and both subscribe-message templates", () => {
    const config = require("../config.js");
    expect(config.baseUrl).toMatch(/^https:\/\//);
    expect(Object.keys(config.subscribeTemplates).sort()).toEqual(["dispute_answered", "wage_statement_ready"]);
});

test("literal theme / variant / size of tdesign tags are values tdesign accepts", () => {
    const dist = path.join(ROOT, "node_modules/tdesign-miniprogram/miniprogram_dist");
    const allowed = (component, prop) => {
        const types = fs.readFileSync(path.join(dist, component, "type.d.ts"), "utf8");
        const m = new RegExp(`\\b${prop}\\?: \\{[^}]*?value\\?: ([^;]+);`, "s").exec(types);
        return m ? [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]) : null;
    };
    let checked = 0;
    for (const c of components) {
        const wxml = fs.readFileSync(path.join(ROOT, `${c}.wxml`), "utf8");
        for (const [tag, component] of [["t-button", "button"], ["t-tag", "tag"]]) {
            for (const [attrs] of wxml.matchAll(new RegExp(`<${tag}\\b[^>]*>`, "g"))) {
                for (const [, prop, value] of attrs.matchAll(/\b(theme|variant|size)="([^"{]+)"/g)) {
                    const values = allowed(component, prop);
                    expect([c, tag, prop, value, values && values.includes(value)]).toEqual([c, tag, prop, value, true]);
                    checked += 1;
                }
            }
        }
    }
    expect(checked).toBeGreaterThan(10);
    // the themes the work-order page computes for its action buttons
    const page = fs.readFileSync(path.join(ROOT, "pages/workorder/workorder.js"), "utf8");
    const themes = /const THEMES = (\{[^}]+\})/.exec(page)[1];
    for (const [, value] of themes.matchAll(/: "([a-z]+)"/g)) {
        expect(allowed("button", "theme")).toContain(value);
    }
});
