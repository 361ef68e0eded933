// Every SF_* code the API documents (docs/api.md, generated from the server's catalogues)
// has its own message and next step in the shared API layer, in Chinese and English.
// Run with `node --test tests/js/`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { describeError, knownErrorCodes } from "../../addons/shopfloor_mp/static/src/api/messages.js";

const DOC = new URL("../../docs/api.md", import.meta.url);

/** The SF_* codes named in docs/api.md (tables, "Errors:" lines, prose). */
export function documentedCodes(text) {
    // a code ends with a letter or digit: "SF_ANDON_*" in prose is not a code
    return [...new Set(text.match(/\bSF_[A-Z0-9_]*[A-Z0-9]\b/g) || [])].sort();
}

test("the doc parser finds the codes of tables, Errors: lines and prose, not wildcards", () => {
    const text = [
        "| SF_AUTH_REQUIRED / SF_AUTH_INVALID | no token |",
        "Errors: `SF_WO_DONE`, `SF_TRACE_LOT_NOT_HERE`",
        "codes per event: SF_OEE_TOO_OLD. All SF_ANDON_* codes.",
    ].join("\n");
    assert.deepEqual(documentedCodes(text), ["SF_AUTH_INVALID", "SF_AUTH_REQUIRED", "SF_OEE_TOO_OLD", "SF_TRACE_LOT_NOT_HERE", "SF_WO_DONE"]);
});

test("every SF_ code documented in docs/api.md has its own entry in zh_CN and en", () => {
    const documented = documentedCodes(readFileSync(DOC, "utf8"));
    assert.ok(documented.length > 50, `only ${documented.length} codes found in docs/api.md`);
    const known = new Set(knownErrorCodes());
    const missing = documented.filter((code) => !known.has(code));
    assert.deepEqual(missing, [], `no entry in messages.js for ${missing.join(", ")}`);

    const fallback = { zh: describeError({ code: "SF_INTERNAL", network: true }, "zh_CN"), en: describeError({ code: "SF_INTERNAL", network: true }, "en_US") };
    for (const code of documented) {
        const zh = describeError({ code, network: true }, "zh_CN");
        const en = describeError({ code, network: true }, "en_US");
        for (const d of [zh, en]) {
            assert.equal(d.code, code);
            assert.ok(d.message && d.message.trim(), `${code}: empty message`);
            assert.ok(d.next && d.next.trim(), `${code}: empty next step`);
        }
        // Chinese in the Chinese texts, none in the English ones
        assert.match(zh.message + zh.next, /[\u4e00-\u9fff]/, `${code}: zh_CN text is not Chinese`);
        assert.doesNotMatch(en.message + en.next, /[\u4e00-\u9fff]/, `${code}: en text has Chinese`);
        if (code !== "SF_INTERNAL") {
            // its own entry, not the generic fallback
            assert.notEqual(zh.message, fallback.zh.message, code);
            assert.notEqual(en.message, fallback.en.message, code);
        }
    }
});

test("the server's message wins; the next step comes from the entry", () => {
    const err = { code: "SF_AUTH_LOCKED", messageZh: "错误次数太多,请 900 秒后再试。", messageEn: "Too many wrong attempts. Try again in 900 seconds." };
    assert.deepEqual(describeError(err, "zh_CN"), { code: "SF_AUTH_LOCKED", message: err.messageZh, next: "稍等再试,或请班长解锁。" });
    assert.equal(describeError(err, "en_US").message, err.messageEn);
    assert.equal(describeError({ code: "SF_TRACE_SERIAL_COUNT", network: true }, "en_US").next, "Add the missing serial numbers or remove the extra ones.");
});
