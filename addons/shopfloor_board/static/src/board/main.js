/** Boot of a board (/shopfloor/board/<token>): fit the 1920x1080 stage to the screen,
 * keep the screen awake, mount OWL, start the data feed. */

import { App, whenReady } from "@odoo/owl";
import { getTemplate } from "@web/core/templates";
import { BoardApp } from "./board";
import { BoardFeed } from "./feed";

const WIDTH = 1920;
const HEIGHT = 1080;

function fit(stage) {
    const scale = Math.min(window.innerWidth / WIDTH, window.innerHeight / HEIGHT);
    stage.style.transform = `scale(${scale})`;
    stage.style.left = `${Math.max(0, (window.innerWidth - WIDTH * scale) / 2)}px`;
    stage.style.top = `${Math.max(0, (window.innerHeight - HEIGHT * scale) / 2)}px`;
}

/** Screen Wake Lock where the browser has it (secure contexts), taken again when the
 * page becomes visible (the browser releases it when hidden). */
function keepAwake() {
    if (!("wakeLock" in navigator)) {
        return;
    }
    let lock = null;
    const take = async () => {
        try {
            if (!lock && document.visibilityState === "visible") {
                lock = await navigator.wakeLock.request("screen");
                lock.addEventListener("release", () => (lock = null));
            }
        } catch {
            lock = null; // refused (battery saver, not allowed): nothing else to do
        }
    };
    document.addEventListener("visibilitychange", take);
    take();
}

export async function startBoard() {
    await whenReady();
    const config = JSON.parse(document.getElementById("sf-board-config").textContent);
    const token = decodeURIComponent(window.location.pathname.split("/").filter(Boolean).pop());
    const params = new URLSearchParams(window.location.search);
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const feed = new BoardFeed({
        token,
        dataUrl: config.data_url,
        channels: config.channels,
        lastBusId: config.bus_last || 0,
        wsUrl: params.get("bus") === "0" ? null : `${scheme}://${window.location.host}/websocket?version=${config.websocket_version}`,
        pollSeconds: Number(params.get("poll")) || 30,
        fastPollSeconds: Number(params.get("fastpoll")) || 5,
    });
    const root = document.getElementById("sf-board");
    root.textContent = "";
    root.classList.add("sf-stage");
    fit(root);
    window.addEventListener("resize", () => fit(root));
    const app = new App(BoardApp, { getTemplate, props: { config, feed }, name: "Shop-floor board", translatableAttributes: [] });
    await app.mount(root);
    window.__shopfloorBoard = feed; // for the browser tests and support
    feed.start();
    keepAwake();
    return app;
}

startBoard();
