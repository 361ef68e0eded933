/**
 * The board's data feed: Odoo's bus (a WebSocket on /websocket subscribed to the board's
 * channel, which only carries "changed" pings) triggers a fetch of the board's data with
 * its token; polling is the fallback, faster while the WebSocket is down. Reconnects by
 * itself with a capped backoff. Dependency-free (tested with node --test).
 */

export const BUS_TYPE = "shopfloor.board/changed";

export class BoardFeed {
    constructor(options) {
        this.token = options.token;
        this.dataUrl = options.dataUrl;
        this.channels = options.channels || []; // one per work center of the board
        this.wsUrl = options.wsUrl; // null: polling only
        this.pollSeconds = options.pollSeconds || 30; // while the bus is connected
        this.fastPollSeconds = options.fastPollSeconds || 5; // while it is not
        this.minGapMs = options.minGapMs ?? 10000; // at most one fetch per gap on pings
        this.staleSeconds = options.staleSeconds || 2 * (options.pollSeconds || 30) + 10;
        this.onData = options.onData || (() => {});
        this.onStatus = options.onStatus || (() => {});
        this.fetch = options.fetch || ((...args) => globalThis.fetch(...args));
        this.WebSocket = options.WebSocket || globalThis.WebSocket;
        this.now = options.now || (() => Date.now());
        this.lastOk = 0;
        this.lastAttempt = 0;
        this.failed = false;
        this.revoked = false;
        this.inflight = null;
        this.pending = false;
        this.trailing = null;
        this.dirty = false;
        this.lastPingFetch = 0;
        this.ws = null;
        this.wsOpen = false;
        this.retry = 0;
        this.lastBusId = options.lastBusId || 0;
        this.stopped = false;
        this.timer = null;
    }

    start() {
        this.refresh();
        this.connect();
        this.timer = setInterval(() => this.tick(), 1000);
    }

    stop() {
        this.stopped = true;
        clearInterval(this.timer);
        clearTimeout(this.trailing);
        if (this.ws) {
            this.ws.onclose = null;
            this.ws.close();
        }
    }

    get stale() {
        return this.failed || !this.lastOk || this.now() - this.lastOk > this.staleSeconds * 1000;
    }

    status() {
        return {
            stale: this.stale,
            live: this.wsOpen,
            revoked: this.revoked,
            lastOk: this.lastOk,
        };
    }

    tick() {
        const period = (this.wsOpen && !this.failed ? this.pollSeconds : this.fastPollSeconds) * 1000;
        if (this.now() - this.lastAttempt >= period) {
            this.refresh();
        }
        this.onStatus(this.status());
    }

    /** A bus ping: fetch now unless a ping made it fetch less than minGap ago (then at
     * the end of the gap), and once more after the gap: the changes committed while the
     * fetch ran are not lost, and a busy shop floor costs one fetch per gap per board. */
    ping() {
        if (this.trailing) {
            return; // a fetch is planned already
        }
        const wait = Math.max(0, this.lastPingFetch + this.minGapMs - this.now());
        const fetchNow = () => {
            this.lastPingFetch = this.now();
            this.trailing = setTimeout(() => {
                this.trailing = null;
                if (this.dirty) {
                    this.dirty = false;
                    this.lastPingFetch = this.now();
                    this.refresh();
                }
            }, this.minGapMs);
            this.dirty = false;
            this.refresh();
        };
        if (wait === 0) {
            fetchNow();
        } else {
            this.trailing = setTimeout(() => {
                this.trailing = null;
                fetchNow();
            }, wait);
        }
    }

    /** A ping while a fetch is planned: fetch once more at the end of the gap. */
    markDirty() {
        this.dirty = true;
    }

    async refresh() {
        if (this.stopped || this.revoked) {
            return;
        }
        if (this.inflight) {
            this.pending = true;
            return this.inflight;
        }
        this.lastAttempt = this.now();
        this.inflight = this._fetch();
        try {
            await this.inflight;
        } finally {
            this.inflight = null;
        }
        if (this.pending) {
            this.pending = false;
            return this.refresh();
        }
    }

    async _fetch() {
        try {
            const resp = await this.fetch(this.dataUrl, {
                method: "POST",
                headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json" },
                body: "{}",
                cache: "no-store",
            });
            if (resp.status === 404) {
                this.revoked = true;
                this.failed = true;
            } else if (!resp.ok) {
                this.failed = true;
            } else {
                const data = await resp.json();
                this.failed = false;
                this.lastOk = this.now();
                this.onData(data);
            }
        } catch {
            this.failed = true;
        }
        this.onStatus(this.status());
    }

    connect() {
        if (this.stopped || !this.wsUrl || !this.WebSocket || this.revoked) {
            return;
        }
        let ws;
        try {
            ws = new this.WebSocket(this.wsUrl);
        } catch {
            this._reconnectLater();
            return;
        }
        this.ws = ws;
        ws.onopen = () => {
            this.wsOpen = true;
            this.retry = 0;
            ws.send(
                JSON.stringify({
                    event_name: "subscribe",
                    data: { channels: this.channels, last: this.lastBusId },
                })
            );
            this.refresh(); // what changed while disconnected
            this.onStatus(this.status());
        };
        ws.onmessage = (ev) => {
            let notifications;
            try {
                notifications = JSON.parse(ev.data);
            } catch {
                return;
            }
            let changed = false;
            for (const n of Array.isArray(notifications) ? notifications : []) {
                this.lastBusId = Math.max(this.lastBusId, n.id || 0);
                if (n.message && n.message.type === BUS_TYPE) {
                    changed = true;
                }
            }
            if (changed) {
                if (this.trailing) {
                    this.markDirty();
                } else {
                    this.ping();
                }
            }
        };
        ws.onclose = () => {
            this.wsOpen = false;
            this.ws = null;
            this.onStatus(this.status());
            this.refresh(); // tells at once whether the server is gone
            this._reconnectLater();
        };
        ws.onerror = () => {};
    }

    _reconnectLater() {
        if (this.stopped) {
            return;
        }
        const delay = Math.min(10000, 1000 * 2 ** this.retry) * (0.75 + Math.random() / 2);
        this.retry = Math.min(this.retry + 1, 10);
        setTimeout(() => this.connect(), delay);
    }
}
