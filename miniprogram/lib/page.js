/**
 * The behaviour every page shares: the store's state in `data` (texts, language,
 * network, outbox), error display with the next step, busy flag, sign-in guard.
 */
"use strict";

const { getStore } = require("./store.js");

function pageBehavior() {
    // eslint-disable-next-line no-undef
    return Behavior({
        data: { t: {}, lang: "zh_CN", online: true, pending: 0, failed: [], error: null, busy: false },
        lifetimes: {
            attached() {
                this.store = getStore();
                this._unsubscribe = this.store.subscribe(() => this.syncStore());
                this.syncStore();
            },
            detached() {
                if (this._unsubscribe) {
                    this._unsubscribe();
                }
            },
        },
        methods: {
            syncStore() {
                const s = this.store.state;
                this.setData({ t: this.store.strings(), lang: s.lang, online: s.online, pending: s.pending, failed: s.failed });
            },
            /** Show an error (message + next step); back to sign in when the token is lost. */
            showError(err) {
                this.setData({ error: this.store.describe(err) });
                if (this.store.handleError(err)) {
                    wx.reLaunch({ url: "/pages/login/login" });
                }
            },
            clearError() {
                this.setData({ error: null });
            },
            /** Run an async step with the busy flag; errors are shown, never thrown. */
            async run(step) {
                this.setData({ busy: true, error: null });
                try {
                    return await step();
                } catch (err) {
                    this.showError(err);
                    return undefined;
                } finally {
                    this.setData({ busy: false });
                }
            },
            requireAuth() {
                if (!this.store.state.auth) {
                    wx.reLaunch({ url: "/pages/login/login" });
                    return false;
                }
                return true;
            },
        },
    });
}

module.exports = { pageBehavior };
