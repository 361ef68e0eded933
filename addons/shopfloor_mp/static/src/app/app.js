/** The root of the worker app: header, outbox counter, screen switch. */

import { Component, onMounted, useState } from "@odoo/owl";
import { Home, Reports, SignIn, TerminalIdle, Wages, WorkorderScreen } from "./screens";
import { Inbox, Trace } from "./inbox";

export class ShopfloorApp extends Component {
    static template = "shopfloor_mp.App";
    static components = { Home, Inbox, Reports, SignIn, TerminalIdle, Trace, Wages, WorkorderScreen };
    static props = { store: Object };

    setup() {
        this.store = this.props.store;
        this.s = useState(this.store.state);
        onMounted(() => {
            document.body.classList.add("sf-ready");
            const code = new URLSearchParams(window.location.search).get("code");
            if (code) {
                // a job card opened by the phone's camera (/sf/q/<code>)
                history.replaceState(null, "", window.location.pathname);
                if (this.s.auth && !this.store.isTerminal) {
                    this.store.openCode(code).catch((err) => this.store.showError(err));
                } else if (!this.s.auth) {
                    this.s.pendingCode = code; // opened once signed in
                }
            }
        });
    }

    t(key) {
        return this.store.t(key);
    }

    get screen() {
        const s = this.s;
        if (!s.auth) {
            return "signin";
        }
        if (this.store.isTerminal && !s.badge) {
            return "terminal";
        }
        if (s.screen === "workorder" && s.workorder) {
            return "workorder";
        }
        if (s.screen === "trace" && this.isLeader) {
            return "trace";
        }
        return ["reports", "wages", "inbox"].includes(s.screen) ? s.screen : "home";
    }

    /** Leaders trace lots (the role comes with the worker's token). */
    get isLeader() {
        const employee = this.s.auth && this.s.auth.employee;
        return Boolean(employee && employee.role === "leader");
    }

    toggleLang() {
        this.store.setLang(this.s.lang === "en_US" ? "zh_CN" : "en_US");
    }

    go(screen) {
        this.s.error = null;
        this.s.screen = screen;
    }

    async signOut() {
        if (this.store.isTerminal) {
            this.store.endTerminalTurn();
            return;
        }
        if (window.confirm(this.t("sign_out_confirm"))) {
            try {
                await this.store.signOut();
            } catch (err) {
                this.store.showError(err);
            }
        }
    }

    clearError() {
        this.s.error = null;
    }

    dismissFailed(id) {
        this.store.outbox.dismiss(id);
    }

    onTouch() {
        this.store.touch();
    }
}
