/**
 * Where a device keeps its bearer token: a key of a synchronous key/value storage
 * (``localStorage`` in browsers, ``wx.getStorageSync`` adapter in the mini-program).
 *
 * Stored: ``{token, kind: "worker" | "device", employee, device_name, expires_at}``.
 * The token is the only secret on the device; it is revoked by ``auth/logout``.
 */

export class MemoryStorage {
    constructor() {
        this.data = new Map();
    }
    getItem(key) {
        return this.data.has(key) ? this.data.get(key) : null;
    }
    setItem(key, value) {
        this.data.set(key, String(value));
    }
    removeItem(key) {
        this.data.delete(key);
    }
}

export class TokenStore {
    constructor(storage = new MemoryStorage(), key = "shopfloor.token") {
        this.storage = storage;
        this.key = key;
        this.cache = undefined;
    }

    get() {
        if (this.cache === undefined) {
            try {
                this.cache = JSON.parse(this.storage.getItem(this.key) || "null");
            } catch {
                this.cache = null;
            }
        }
        return this.cache && this.cache.token ? this.cache : null;
    }

    /** Keep the answer of auth/bind, auth/bind_pin or a registered device token. */
    set(entry) {
        if (!entry || typeof entry.token !== "string" || !entry.token) {
            throw new Error("a token entry needs a token");
        }
        this.cache = { kind: "worker", ...entry };
        this.storage.setItem(this.key, JSON.stringify(this.cache));
        return this.cache;
    }

    update(values) {
        const current = this.get();
        if (current) {
            this.set({ ...current, ...values });
        }
    }

    clear() {
        this.cache = null;
        this.storage.removeItem(this.key);
    }

    isExpired(now = new Date()) {
        const entry = this.get();
        if (!entry || !entry.expires_at) {
            return false;
        }
        return new Date(entry.expires_at.replace(" ", "T") + "Z") <= now;
    }
}
