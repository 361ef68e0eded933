/**
 * An outbox store in IndexedDB (browsers): one record holding the ordered queue.
 * Falls back to localStorage where IndexedDB is unavailable (some in-app browsers
 * in private mode).
 */

import { KeyValueQueueStore } from "./outbox.js";

function promisify(request) {
    return new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
}

export class IndexedDBQueueStore {
    constructor({ dbName = "shopfloor", storeName = "kv", key = "outbox", indexedDB = globalThis.indexedDB, fallback = null } = {}) {
        this.dbName = dbName;
        this.storeName = storeName;
        this.key = key;
        this.indexedDB = indexedDB;
        this.fallback = fallback || (globalThis.localStorage ? new KeyValueQueueStore(globalThis.localStorage, `shopfloor.${key}`) : null);
        this.db = null;
    }

    async _open() {
        if (!this.db) {
            const request = this.indexedDB.open(this.dbName, 1);
            request.onupgradeneeded = () => request.result.createObjectStore(this.storeName);
            this.db = await promisify(request);
        }
        return this.db;
    }

    async load() {
        if (!this.indexedDB) {
            return this.fallback.load();
        }
        try {
            const db = await this._open();
            const tx = db.transaction(this.storeName, "readonly");
            return (await promisify(tx.objectStore(this.storeName).get(this.key))) || [];
        } catch {
            return this.fallback ? this.fallback.load() : [];
        }
    }

    async save(entries) {
        if (!this.indexedDB) {
            return this.fallback.save(entries);
        }
        const db = await this._open();
        const tx = db.transaction(this.storeName, "readwrite");
        tx.objectStore(this.storeName).put(JSON.parse(JSON.stringify(entries)), this.key);
        await new Promise((resolve, reject) => {
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
        });
    }
}
