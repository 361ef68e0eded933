/**
 * The outbox: every write of the app is queued here first, with its ``request_uid``
 * and ``client_ts``, then sent in order. A write survives a lost network, a reload and
 * a closed tab; it is retried with the SAME request id, so the server records it once
 * (a retry of a call that did reach the server gets the first answer back).
 *
 * The queue lives in a pluggable store with ``load()`` / ``save(entries)`` (both may
 * be async): IndexedDB in browsers (idb_store.js), wx storage in the mini-program,
 * memory in tests.
 */

import { clientTimestamp, newRequestUid } from "./rpc.js";
import { AUTH_LOST } from "./messages.js";

export class MemoryQueueStore {
    constructor(entries = []) {
        this.entries = entries;
    }
    async load() {
        return this.entries.map((e) => ({ ...e }));
    }
    async save(entries) {
        this.entries = entries.map((e) => ({ ...e }));
    }
}

/** A queue in a synchronous key/value storage (localStorage, wx storage adapter). */
export class KeyValueQueueStore {
    constructor(storage, key = "shopfloor.outbox") {
        this.storage = storage;
        this.key = key;
    }
    async load() {
        try {
            return JSON.parse(this.storage.getItem(this.key) || "[]");
        } catch {
            return [];
        }
    }
    async save(entries) {
        this.storage.setItem(this.key, JSON.stringify(entries));
    }
}

export class Outbox {
    /**
     * @param {object} options
     * @param {object} options.store queue store (load/save)
     * @param {Function} [options.now] () => Date, the client clock
     * @param {Function} [options.uid] () => request uid
     */
    constructor({ store = new MemoryQueueStore(), now = () => new Date(), uid = newRequestUid } = {}) {
        this.store = store;
        this.now = now;
        this.uid = uid;
        this.entries = null;
        this.listeners = new Set();
        this.flushing = null;
        this.owner = null;
    }

    async init() {
        if (this.entries === null) {
            const loaded = await this.store.load();
            this.entries = Array.isArray(loaded) ? loaded : [];
        }
        return this;
    }

    onChange(callback) {
        this.listeners.add(callback);
        return () => this.listeners.delete(callback);
    }

    _notify() {
        for (const callback of this.listeners) {
            callback(this);
        }
    }

    async _save() {
        await this.store.save(this.entries);
        this._notify();
    }

    /** Actions waiting to be sent. */
    get pending() {
        return (this.entries || []).filter((e) => e.state === "pending");
    }

    /** Actions another worker queued on this device, kept until that worker is back. */
    get parked() {
        return (this.entries || []).filter((e) => e.state === "parked");
    }

    /**
     * Who is signed in on this device now (an employee id; null: nobody, or a shared
     * terminal whose actions carry the badge). New actions are queued under that owner;
     * actions queued under another owner are parked, never sent with this worker's token
     * (they would be booked on the wrong person), and sent again, first and with their
     * request ids, once their worker signs in here again.
     */
    async setOwner(owner) {
        await this.init();
        this.owner = owner ?? null;
        let changed = false;
        for (const entry of this.entries) {
            const theirs = entry.owner != null && entry.owner !== this.owner;
            if (theirs && entry.state === "pending") {
                entry.state = "parked";
                changed = true;
            } else if (!theirs && entry.state === "parked") {
                entry.state = "pending";
                changed = true;
            }
        }
        if (changed) {
            await this._save();
        }
        return this;
    }

    /** Actions the server refused on replay, kept until the worker has seen them. */
    get failed() {
        return (this.entries || []).filter((e) => e.state === "failed");
    }

    /**
     * Queue one write. ``params`` gets ``request_uid`` and ``client_ts`` unless given;
     * ``meta`` is free display data (label, work order name...). Returns the entry.
     */
    async enqueue(method, params = {}, meta = {}) {
        await this.init();
        const now = this.now();
        const entry = {
            id: params.request_uid || this.uid(),
            method,
            params: { ...params },
            meta,
            owner: this.owner,
            state: "pending",
            attempts: 0,
            created_at: now.toISOString(),
            error: null,
        };
        entry.params.request_uid = entry.id;
        if (!entry.params.client_ts) {
            entry.params.client_ts = clientTimestamp(now);
        }
        this.entries.push(entry);
        await this._save();
        return entry;
    }

    /**
     * Send the pending actions in order with ``client`` (an ApiClient). Stops at the
     * first network failure (the rest stays queued, in order); a refusal by the
     * server marks that action failed and goes on with the next one. Concurrent
     * calls share one run. Resolves with ``{sent, failed, pending, results}``;
     * ``results`` maps request uid -> server result.
     */
    flush(client) {
        if (!this.flushing) {
            this.flushing = this._flush(client).finally(() => {
                this.flushing = null;
            });
        }
        return this.flushing;
    }

    async _flush(client) {
        await this.init();
        const report = { sent: 0, failed: 0, pending: 0, results: {}, errors: {}, stopped: null };
        for (const entry of [...this.entries]) {
            if (entry.state !== "pending") {
                continue;
            }
            entry.attempts += 1;
            try {
                const { badge, ...params } = entry.params;
                report.results[entry.id] = await client.call(entry.method, params, { badge });
                this.entries = this.entries.filter((e) => e.id !== entry.id);
                report.sent += 1;
                await this._save();
            } catch (err) {
                if (err.network || AUTH_LOST.has(err.code)) {
                    // not our action's fault: keep it, in order, for the next run
                    entry.last_error = err.code;
                    await this._save();
                    report.stopped = err;
                    break;
                }
                entry.state = "failed";
                entry.error = {
                    code: err.code,
                    message: err.message,
                    messageZh: err.messageZh,
                    messageEn: err.messageEn,
                };
                report.errors[entry.id] = err;
                report.failed += 1;
                await this._save();
            }
        }
        report.pending = this.pending.length;
        return report;
    }

    /**
     * A write as the app does it: queue, then try to send everything queued.
     * Resolves ``{status: "sent", result}`` or ``{status: "queued", entry}``;
     * rejects with the server's ApiError when the server refused this action.
     */
    async send(client, method, params = {}, meta = {}) {
        const entry = await this.enqueue(method, params, meta);
        let report = await this.flush(client);
        if (!(entry.id in report.results) && !(entry.id in report.errors) && !report.stopped) {
            // a run already going when this was queued did not see it: one more run
            report = await this.flush(client);
        }
        if (entry.id in report.results) {
            return { status: "sent", result: report.results[entry.id], entry };
        }
        if (entry.id in report.errors) {
            await this.dismiss(entry.id);
            throw report.errors[entry.id];
        }
        return { status: "queued", entry, error: report.stopped };
    }

    /** Forget a failed action (the worker has read the server's message). */
    async dismiss(id) {
        await this.init();
        this.entries = this.entries.filter((e) => e.id !== id);
        await this._save();
    }
}
