/**
 * The mini-program's side of the shared API layer: a fetch-compatible transport over
 * wx.request, a localStorage-compatible storage over wx.*StorageSync, and promise
 * wrappers of the callback APIs. Every function takes the `wx` object, so the tests
 * pass a mock.
 */
"use strict";

/**
 * fetch(url, init) over wx.request, as ApiClient expects it: resolves with
 * `{status, ok, json()}`, rejects (TypeError) when the server was not reached.
 * The body is read as text and parsed by json(), so a proxy's HTML page counts as
 * "no answer" exactly as in the browser.
 */
function wxFetch(wxApi, { timeout = 15000 } = {}) {
    return (url, init = {}) =>
        new Promise((resolve, reject) => {
            let settled = false;
            const task = wxApi.request({
                url,
                method: init.method || "POST",
                header: init.headers || {},
                data: init.body,
                dataType: "text",
                responseType: "text",
                timeout,
                success(res) {
                    settled = true;
                    const status = res.statusCode;
                    resolve({
                        status,
                        ok: status >= 200 && status < 300,
                        async json() {
                            if (typeof res.data === "string") {
                                return JSON.parse(res.data);
                            }
                            if (res.data && typeof res.data === "object") {
                                return res.data;
                            }
                            throw new SyntaxError("empty body");
                        },
                    });
                },
                fail(err) {
                    settled = true;
                    reject(new TypeError((err && err.errMsg) || "request:fail"));
                },
            });
            if (init.signal && task && typeof task.abort === "function") {
                init.signal.addEventListener("abort", () => {
                    if (!settled) {
                        task.abort();
                    }
                });
            }
        });
}

/** getItem / setItem / removeItem over wx storage (what TokenStore and the outbox use). */
function wxStorage(wxApi) {
    return {
        getItem(key) {
            const value = wxApi.getStorageSync(key);
            return value === "" || value === undefined || value === null ? null : String(value);
        },
        setItem(key, value) {
            // throws when the storage is full (10 MB): the caller's write fails visibly
            wxApi.setStorageSync(key, String(value));
        },
        removeItem(key) {
            wxApi.removeStorageSync(key);
        },
    };
}

/** wx.<name>(options) as a promise (success -> resolve, fail -> reject). */
function wxCall(wxApi, name, options = {}) {
    return new Promise((resolve, reject) => {
        wxApi[name]({ ...options, success: resolve, fail: reject });
    });
}

module.exports = { wxFetch, wxStorage, wxCall };
