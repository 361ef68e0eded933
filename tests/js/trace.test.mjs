// A lot/serial trace shown as a tree (shared with the mini-program).
import assert from "node:assert/strict";
import { test } from "node:test";

import { traceProductions, traceRows } from "../../addons/shopfloor_mp/static/src/api/trace.js";

const backward = {
    lot: { id: 30, name: "FIN-1", product: "Brake disc", on_hold: false },
    components: [
        { depth: 1, lot: "BLANK-1", product: "Disc blank", qty: 2, parent_lot: "FIN-1", production: "MO/17" },
        { depth: 2, lot: "STEEL-9", product: "Steel bar", qty: 4, parent_lot: "BLANK-1", production: "MO/12" },
        { depth: 1, lot: "BOLT-3", product: "Bolt", qty: 8, parent_lot: "FIN-1", production: "MO/17" },
    ],
    productions: [{ id: 17, name: "MO/17" }, { id: 12, name: "MO/12" }],
    operations: [
        { id: 1, production_id: 17, name: "Machine" },
        { id: 2, production_id: 12, name: "Cut" },
        { id: 3, production_id: 17, name: "Pack" },
    ],
    checks: [{ id: 9, production_id: 17, state: "pass" }],
};

test("backward: components nested under the lot they went into, depth first", () => {
    const rows = traceRows(backward, "backward");
    assert.deepEqual(
        rows.map((r) => [r.depth, r.lot]),
        [
            [0, "FIN-1"],
            [1, "BLANK-1"],
            [2, "STEEL-9"],
            [1, "BOLT-3"],
        ]
    );
    assert.equal(rows[2].qty, 4);
    assert.equal(rows[2].production, "MO/12");
});

test("forward: what was made from the lot, with finished units marked", () => {
    const rows = traceRows(
        {
            lot: { name: "STEEL-9", product: "Steel bar" },
            units: [
                { depth: 1, lot: "BLANK-1", product: "Disc blank", qty: 2, from_lot: "STEEL-9", finished: false },
                { depth: 2, lot: "FIN-1", product: "Brake disc", qty: 2, from_lot: "BLANK-1", finished: true },
            ],
        },
        "forward"
    );
    assert.deepEqual(rows.map((r) => [r.depth, r.lot, r.finished || false]), [
        [0, "STEEL-9", false],
        [1, "BLANK-1", false],
        [2, "FIN-1", true],
    ]);
});

test("a loop in the links is listed once, never walked forever; no lot: nothing", () => {
    const rows = traceRows({
        lot: { name: "A" },
        components: [
            { lot: "B", parent_lot: "A" },
            { lot: "A", parent_lot: "B" },
        ],
    });
    assert.deepEqual(rows.map((r) => r.lot), ["A", "B", "A"]);
    assert.deepEqual(traceRows(null), []);
    assert.deepEqual(traceRows({ lot: { name: "X" } }).length, 1);
});

test("operations and checks grouped under their manufacturing order", () => {
    const mos = traceProductions(backward);
    assert.deepEqual(mos.map((m) => [m.name, m.operations.map((o) => o.name), m.checks.length]), [
        ["MO/17", ["Machine", "Pack"], 1],
        ["MO/12", ["Cut"], 0],
    ]);
});
