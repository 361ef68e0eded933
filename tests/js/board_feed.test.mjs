// Unit tests of the board's data feed (addons/shopfloor_board/static/src/board/feed.js):
// bus pings, polling fallback, staleness, reconnection. `node --test tests/js/`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { BUS_TYPE, BoardFeed } from "../../addons/shopfloor_board/static/src/board/feed.js";

class FakeSocket {
    static all = [];
    constructor(url) {
        this.url = url;
        this.sent = [];
        FakeSocket.all.push(this);
    }
    send(text) {
        this.sent.push(JSON.parse(text));
    }
    close() {}
}

function feed({ answer, clock }) {
    const calls = [];
    const f = new BoardFeed({
        token: "secret-token",
        dataUrl: "/shopfloor/board/data",
        channels: ["shopfloor.board.wc/abc", "shopfloor.board.wc/def"],
        wsUrl: "ws://x/websocket?version=18.0-2",
        pollSeconds: 30,
        minGapMs: 0,
        WebSocket: FakeSocket,
        now: () => clock.t,
        fetch: async (url, init) => {
            calls.push({ url, init });
            return answer();
        },
    });
    return { f, calls };
}

const ok = (data) => ({ ok: true, status: 200, json: async () => data });

test("fetches with the token in a header, never in the address", async () => {
    const clock = { t: 1000 };
    const { f, calls } = feed({ answer: () => ok({ pages: [] }), clock });
    let got = null;
    f.onData = (d) => (got = d);
    await f.refresh();
    assert.deepEqual(got, { pages: [] });
    assert.equal(calls[0].url, "/shopfloor/board/data");
    assert.equal(calls[0].init.headers.Authorization, "Bearer secret-token");
    assert.equal(f.stale, false);
});

test("stale when the server fails, fresh again when it answers", async () => {
    const clock = { t: 1000 };
    let down = false;
    const { f } = feed({
        answer: () => {
            if (down) {
                throw new TypeError("Failed to fetch");
            }
            return ok({ pages: [] });
        },
        clock,
    });
    await f.refresh();
    assert.equal(f.stale, false);
    down = true;
    await f.refresh();
    assert.equal(f.stale, true);
    down = false;
    await f.refresh();
    assert.equal(f.stale, false);
    // no answer for longer than the stale delay: stale without an error
    clock.t += (f.staleSeconds + 1) * 1000;
    assert.equal(f.stale, true);
});

test("a revoked link stops the feed", async () => {
    const clock = { t: 1000 };
    const { f, calls } = feed({ answer: () => ({ ok: false, status: 404 }), clock });
    await f.refresh();
    assert.equal(f.revoked, true);
    await f.refresh();
    assert.equal(calls.length, 1);
});

test("subscribes to its channel and refetches on a ping", async () => {
    FakeSocket.all = [];
    const clock = { t: 1000 };
    const { f, calls } = feed({ answer: () => ok({ pages: [] }), clock });
    f.connect();
    const ws = FakeSocket.all[0];
    ws.onopen();
    assert.deepEqual(ws.sent[0], { event_name: "subscribe", data: { channels: ["shopfloor.board.wc/abc", "shopfloor.board.wc/def"], last: 0 } });
    await new Promise((r) => setTimeout(r, 0));
    const before = calls.length;
    clock.t += 5000;
    ws.onmessage({ data: JSON.stringify([{ id: 7, message: { type: BUS_TYPE, payload: {} } }]) });
    await new Promise((r) => setTimeout(r, 5));
    assert.ok(calls.length > before);
    assert.equal(f.lastBusId, 7);
    // other notifications are ignored
    const n = calls.length;
    ws.onmessage({ data: JSON.stringify([{ id: 8, message: { type: "other", payload: {} } }]) });
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(calls.length, n);
    f.stop();
});

test("a busy floor: one fetch at once, one at the end of the gap, not one per ping", async () => {
    FakeSocket.all = [];
    const clock = { t: 1000 };
    const calls = [];
    const f = new BoardFeed({
        token: "t",
        dataUrl: "/d",
        channels: ["c"],
        wsUrl: "ws://x/websocket",
        minGapMs: 60,
        lastBusId: 41,
        WebSocket: FakeSocket,
        now: () => Date.now(),
        fetch: async (url, init) => {
            calls.push(init);
            return ok({ pages: [] });
        },
    });
    f.connect();
    const ws = FakeSocket.all[0];
    ws.onopen();
    assert.equal(ws.sent[0].data.last, 41, "subscribes from the bus id of the page");
    await new Promise((r) => setTimeout(r, 5));
    const before = calls.length;
    const ping = (id) => ws.onmessage({ data: JSON.stringify([{ id, message: { type: BUS_TYPE, payload: {} } }]) });
    ping(42);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(calls.length, before + 1, "the first ping fetches at once");
    for (let i = 43; i < 53; i++) {
        ping(i);
    }
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls.length, before + 1, "pings within the gap wait");
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(calls.length, before + 2, "one fetch at the end of the gap for all of them");
    f.stop();
});
