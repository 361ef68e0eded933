/**
 * JSON-RPC 2.0 client of the shop-floor API (/shopfloor/api/v1/<method>).
 *
 * Dependency-free ES module shared by the web app (served by Odoo) and the WeChat
 * mini-program: the transport is injected (``fetch`` in browsers, an adapter around
 * ``wx.request`` in the mini-program), nothing here touches the DOM or Odoo.
 */

export const API_PREFIX = "/shopfloor/api/v1/";

let rpcCounter = 0;

/** A request id for a write: a UUID v4 (the server's idempotency key). */
export function newRequestUid(cryptoImpl = globalThis.crypto) {
    if (cryptoImpl && typeof cryptoImpl.randomUUID === "function") {
        return cryptoImpl.randomUUID();
    }
    const bytes = new Uint8Array(16);
    if (cryptoImpl && typeof cryptoImpl.getRandomValues === "function") {
        cryptoImpl.getRandomValues(bytes);
    } else {
        for (let i = 0; i < 16; i++) {
            bytes[i] = Math.floor(Math.random() * 256);
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The client's clock as the server reads it: "YYYY-MM-DD HH:MM:SS" in UTC. */
export function clientTimestamp(date = new Date()) {
    return date.toISOString().slice(0, 19).replace("T", " ");
}

/** The JSON-RPC envelope of one call. */
export function buildEnvelope(params, id = ++rpcCounter) {
    return { jsonrpc: "2.0", method: "call", params: params || {}, id };
}

/**
 * A failed call. ``network`` is true when the server was not reached (offline,
 * timeout, proxy error): the call may be retried with the same request id.
 */
export class ApiError extends Error {
    constructor({ code, message, messageZh, messageEn, details, network = false, status }) {
        super(message || code);
        this.name = "ApiError";
        this.code = code;
        this.messageZh = messageZh || null;
        this.messageEn = messageEn || null;
        this.details = details || {};
        this.network = network;
        this.status = status;
    }
}

/** The ApiError of a JSON-RPC error object as the server sends it. */
export function errorFromResponse(error) {
    const data = (error && error.data) || {};
    return new ApiError({
        code: data.code || "SF_INTERNAL",
        message: data.message || (error && error.message) || "",
        messageZh: data.message_zh,
        messageEn: data.message_en,
        details: data.details,
    });
}

/** Methods that change data: they carry a request_uid and go through the outbox. */
export const WRITE_METHODS = new Set([
    "auth/bind",
    "auth/bind_pin",
    "auth/wechat",
    "auth/logout",
    "auth/bind_code",
    "workorder/start",
    "workorder/pause",
    "workorder/resume",
    "workorder/report",
    "workorder/finish",
    "quality/do",
    "wage/dispute",
    "my/inbox/read",
    "my/inbox/done",
    "andon/raise",
]);

export class ApiClient {
    /**
     * @param {object} options
     * @param {string} [options.baseUrl] origin of the Odoo server ("" = same origin)
     * @param {Function} [options.fetch] fetch-compatible transport
     * @param {{get: Function}} [options.tokens] a TokenStore (bearer token)
     * @param {Function} [options.getLang] () => "zh_CN" | "en_US"
     * @param {number} [options.timeout] ms before a call counts as a network failure
     */
    constructor({ baseUrl = "", fetch, tokens = null, getLang = null, timeout = 15000 } = {}) {
        this.baseUrl = baseUrl.replace(/\/$/, "");
        this.fetch = fetch || ((...args) => globalThis.fetch(...args));
        this.tokens = tokens;
        this.getLang = getLang;
        this.timeout = timeout;
    }

    url(method) {
        return `${this.baseUrl}${API_PREFIX}${method}`;
    }

    /**
     * Call a method; resolves with ``result``, rejects with an ApiError.
     * Writes get a ``request_uid`` when the caller gave none.
     */
    async call(method, params = {}, { token, badge } = {}) {
        const payload = { ...params };
        if (WRITE_METHODS.has(method) && !payload.request_uid) {
            payload.request_uid = newRequestUid();
        }
        if (this.getLang && !payload.lang) {
            payload.lang = this.getLang();
        }
        if (badge && !payload.badge) {
            payload.badge = badge;
        }
        const bearer = token !== undefined ? token : this.tokens && this.tokens.get()?.token;
        const headers = { "Content-Type": "application/json" };
        if (bearer) {
            headers.Authorization = `Bearer ${bearer}`;
        }
        let response;
        const controller = typeof AbortController === "function" ? new AbortController() : null;
        const timer = controller ? setTimeout(() => controller.abort(), this.timeout) : null;
        try {
            response = await this.fetch(this.url(method), {
                method: "POST",
                headers,
                body: JSON.stringify(buildEnvelope(payload)),
                signal: controller ? controller.signal : undefined,
                credentials: "omit",
                cache: "no-store",
            });
        } catch (err) {
            throw new ApiError({ code: "SF_NETWORK", message: String(err), network: true });
        } finally {
            if (timer) {
                clearTimeout(timer);
            }
        }
        let body;
        try {
            body = await response.json();
        } catch {
            // a proxy's HTML error page, a captive portal...: the server was not reached
            throw new ApiError({
                code: "SF_NETWORK",
                message: `HTTP ${response.status}`,
                network: true,
                status: response.status,
            });
        }
        if (body && body.error) {
            throw errorFromResponse(body.error);
        }
        if (!body || !("result" in body)) {
            throw new ApiError({ code: "SF_NETWORK", message: "no result", network: true });
        }
        return body.result;
    }
}
