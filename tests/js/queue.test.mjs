// The outbox as "My work" shows it: queued actions per work order, the local guess of
// each work order once they are sent, and the actions the server refused on replay.
import assert from "node:assert/strict";
import { test } from "node:test";

import { applyQueue, queueByWorkorder } from "../../addons/shopfloor_mp/static/src/api/actions.js";
import { Outbox } from "../../addons/shopfloor_mp/static/src/api/outbox.js";
import { ApiClient } from "../../addons/shopfloor_mp/static/src/api/rpc.js";

function offlineClient() {
    return new ApiClient({
        fetch: async () => {
            throw new TypeError("Failed to fetch");
        },
    });
}

test("queued actions are counted per work order, in order, grouped when repeated", async () => {
    const outbox = new Outbox();
    const client = offlineClient();
    await outbox.send(client, "workorder/start", { workorder_id: 7 }, { label: "start" });
    for (let i = 0; i < 3; i++) {
        await outbox.send(client, "workorder/report", { workorder_id: 7, qty_good: 1 }, { label: "report" });
    }
    await outbox.send(client, "workorder/report", { workorder_id: 9, qty_good: 2 }, { label: "report" });
    // a quality check names its work order in the entry's meta only
    await outbox.send(client, "quality/do", { check_id: 4, result: "pass" }, { label: "quality", workorder_id: 9 });
    await outbox.send(client, "wage/dispute", { line_id: 1, reason: "x" }, { label: "dispute" });
    const queue = queueByWorkorder(outbox.entries);
    assert.deepEqual(Object.keys(queue).sort(), ["7", "9"]);
    assert.equal(queue[7].pending, 4);
    assert.deepEqual(queue[7].actions, [
        { name: "start", count: 1 },
        { name: "report", count: 3 },
    ]);
    assert.equal(queue[9].pending, 2);
    assert.deepEqual(queue[9].actions.map((a) => a.name), ["report", "quality"]);
});

test("the local guess applies every queued action of that work order", async () => {
    const outbox = new Outbox();
    const client = offlineClient();
    await outbox.send(client, "workorder/start", { workorder_id: 7 }, { label: "start" });
    await outbox.send(client, "workorder/report", { workorder_id: 7, qty_good: 2 }, { label: "report" });
    await outbox.send(client, "workorder/report", { workorder_id: 7, qty_good: 1, qty_scrap: 1, defect_type_id: 3 }, { label: "report" });
    await outbox.send(client, "workorder/report", { workorder_id: 8, qty_good: 5 }, { label: "report" });
    const wo = { id: 7, qty_good: 1, qty_scrap: 0, qty_available: 9, my_state: "idle", allowed_actions: ["start"] };
    const guess = applyQueue(wo, outbox.entries);
    assert.equal(guess.qty_good, 4);
    assert.equal(guess.qty_scrap, 1);
    assert.equal(guess.qty_available, 5);
    assert.equal(guess.my_state, "working");
    assert.ok(guess.queued);
    assert.equal(wo.qty_good, 1, "the last known answer is left as it was");
    assert.equal(applyQueue({ id: 1, qty_good: 0 }, outbox.entries).queued, undefined, "nothing queued: unchanged");
});

test("an action refused on replay is listed with the server's message, not counted as queued", async () => {
    let online = false;
    const client = new ApiClient({
        fetch: async (url, init) => {
            if (!online) {
                throw new TypeError("Failed to fetch");
            }
            const { params } = JSON.parse(init.body);
            const body =
                params.workorder_id === 9
                    ? { error: { data: { code: "SF_WO_DONE", message: "已完工", message_zh: "此工序已完工。", message_en: "This operation is done." } } }
                    : { result: { ok: true } };
            return { status: 200, json: async () => body };
        },
    });
    const outbox = new Outbox();
    await outbox.send(client, "workorder/report", { workorder_id: 7, qty_good: 1 }, { label: "report" });
    await outbox.send(client, "workorder/report", { workorder_id: 9, qty_good: 1 }, { label: "report" });
    assert.equal(queueByWorkorder(outbox.entries)[9].pending, 1);
    online = true;
    const report = await outbox.flush(client);
    assert.equal(report.sent, 1);
    assert.equal(report.failed, 1);
    const queue = queueByWorkorder(outbox.entries);
    assert.equal(queue[7], undefined, "sent: gone from the queue");
    assert.equal(queue[9].pending, 0);
    assert.equal(queue[9].failed.length, 1);
    assert.equal(queue[9].failed[0].error.code, "SF_WO_DONE");
    assert.equal(queue[9].failed[0].error.messageZh, "此工序已完工。");
    await outbox.dismiss(queue[9].failed[0].id);
    assert.deepEqual(queueByWorkorder(outbox.entries), {});
});
