/** Boot of the worker app (/shopfloor/app): mount OWL, register the service worker. */

import { App, whenReady } from "@odoo/owl";
import { getTemplate } from "@web/core/templates";
import { translatedTerms, translationLoaded } from "@web/core/l10n/translation";
import { createStore } from "./store";
import { ShopfloorApp } from "./app";

export async function startApp() {
    await whenReady();
    // The app has its own zh/en texts (strings.js): Odoo's _t (used by the camera
    // scanner's messages) returns its English source instead of waiting for Odoo's
    // translation service, which this public app does not start.
    translatedTerms[translationLoaded] = true;
    const store = createStore();
    store.setLang(store.state.lang);
    const app = new App(ShopfloorApp, { getTemplate, props: { store }, name: "Shop floor", translatableAttributes: [] });
    const root = document.getElementById("sf-app");
    root.textContent = "";
    await app.mount(root);
    window.__shopfloor = store; // for the browser tests and support
    store.start();
    if ("serviceWorker" in navigator && window.isSecureContext) {
        navigator.serviceWorker.register("/shopfloor/app/sw.js", { scope: "/shopfloor/app" }).catch(() => {});
    }
    return app;
}

startApp();
