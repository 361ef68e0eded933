// The API layer is one source: miniprogram/lib/api is its generated CommonJS copy.
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ROOT } = require("./helpers.js");

const SCRIPT = path.join(ROOT, "scripts/sync_api.mjs");

test("the copy in lib/api is the fresh conversion of addons/shopfloor_mp/static/src/api", () => {
    const out = spawnSync(process.execPath, [SCRIPT, "--check"], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
});

test("a stale copy (edited, missing or extra file) fails the check", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sf-mp-api-"));
    try {
        for (const name of fs.readdirSync(path.join(ROOT, "lib/api"))) {
            fs.copyFileSync(path.join(ROOT, "lib/api", name), path.join(dir, name));
        }
        const check = () => spawnSync(process.execPath, [SCRIPT, "--check"], { encoding: "utf8", env: { ...process.env, SF_MP_API_TARGET: dir } });
        expect(check().status).toBe(0);
        fs.appendFileSync(path.join(dir, "outbox.js"), "// local edit\n");
        let out = check();
        expect(out.status).toBe(1);
        expect(out.stderr).toMatch(/outbox\.js/);
        fs.copyFileSync(path.join(ROOT, "lib/api/outbox.js"), path.join(dir, "outbox.js"));
        fs.unlinkSync(path.join(dir, "scan.js"));
        expect(check().stderr).toMatch(/scan\.js/);
        fs.copyFileSync(path.join(ROOT, "lib/api/scan.js"), path.join(dir, "scan.js"));
        fs.writeFileSync(path.join(dir, "old.js"), "");
        out = check();
        expect(out.status).toBe(1);
        expect(out.stderr).toMatch(/old\.js/);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test("the conversion rewrites named imports and exports, and refuses other module syntax", () => {
    const run = (src) =>
        execFileSync(
            process.execPath,
            ["--input-type=module", "-e", `import { convert } from ${JSON.stringify(SCRIPT)}; process.stdout.write(convert(${JSON.stringify(src)}, "x.js"));`],
            { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
        );
    const out = run('import { a, b as c } from "./y.js";\nexport const X = 1;\nexport async function f() {}\nexport class K {}\n');
    expect(out).toContain('const { a, b: c } = require("./y.js");');
    expect(out).toContain("module.exports = { X, f, K };");
    expect(() => run("export default 1;\n")).toThrow(/unsupported module syntax/);
    expect(() => run('import x from "./y.js";\n')).toThrow(/unsupported module syntax/);
});

test("the copied modules are the shared layer: same exports, working in CommonJS", () => {
    const rpc = require("../lib/api/rpc.js");
    const outbox = require("../lib/api/outbox.js");
    const scan = require("../lib/api/scan.js");
    const messages = require("../lib/api/messages.js");
    expect(Object.keys(rpc)).toEqual(expect.arrayContaining(["ApiClient", "ApiError", "newRequestUid", "WRITE_METHODS"]));
    expect(Object.keys(outbox)).toEqual(["MemoryQueueStore", "KeyValueQueueStore", "Outbox"]);
    expect(scan.parseCode("https://erp.example.com/sf/q/K7QX2M9WDA")).toBe("K7QX2M9WDA");
    expect(scan.parseCode("k7qx2m9wda")).toBe("K7QX2M9WDA");
    expect(scan.parseCode("1002")).toBeNull();
    expect(messages.describeError({ code: "SF_WO_DONE" }, "en_US").message).toMatch(/already finished/);
});
