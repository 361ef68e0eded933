/* Service worker of the worker app, served at /shopfloor/app/sw.js with the scope
 * /shopfloor/app (header Service-Worker-Allowed). It keeps the app shell (the page and
 * its hashed asset bundles) so the app opens with no network; API calls are never
 * cached here: the app keeps the last known answers and queues writes itself. */

const SHELL = "/shopfloor/app";
const CACHE = "shopfloor-app-v1";

function assetUrls(html) {
    return [...html.matchAll(/(?:src|href)="(\/web\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

/** Fetch the page, cache it and the bundles it names; drop older bundles. */
async function refreshShell(cache) {
    const response = await fetch(SHELL, { credentials: "omit", cache: "no-store" });
    if (!response.ok) {
        return;
    }
    const html = await response.clone().text();
    const assets = assetUrls(html);
    await Promise.all(
        assets.map(async (url) => {
            if (!(await cache.match(url))) {
                await cache.add(url);
            }
        })
    );
    await cache.put(SHELL, response);
    for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname;
        if (path.startsWith("/web/assets/") && !assets.includes(path)) {
            await cache.delete(request);
        }
    }
}

self.addEventListener("install", (event) => {
    event.waitUntil(
        caches
            .open(CACHE)
            .then(refreshShell)
            .catch(() => {})
            .then(() => self.skipWaiting())
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches
            .keys()
            .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
            .then(() => self.clients.claim())
    );
});

async function shell(event) {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(SHELL);
    if (cached) {
        // stale-while-revalidate: open at once, pick up a new version for next time
        event.waitUntil(refreshShell(cache).catch(() => {}));
        return cached;
    }
    try {
        const response = await fetch(event.request);
        event.waitUntil(refreshShell(cache).catch(() => {}));
        return response;
    } catch {
        return new Response("<h1>离线 · Offline</h1>", {
            status: 503,
            headers: { "Content-Type": "text/html; charset=utf-8" },
        });
    }
}

async function cacheFirst(request) {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(request);
    if (cached) {
        return cached;
    }
    const response = await fetch(request);
    if (response.ok) {
        await cache.put(request, response.clone());
    }
    return response;
}

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return;
    }
    const url = new URL(request.url);
    if (url.origin !== self.location.origin || url.pathname.startsWith("/shopfloor/api/")) {
        return;
    }
    if (url.pathname === SHELL && request.mode === "navigate") {
        event.respondWith(shell(event));
    } else if (
        url.pathname.startsWith("/web/assets/") ||
        url.pathname.startsWith("/web/static/lib/") ||
        url.pathname.startsWith("/shopfloor_mp/static/app/") ||
        url.pathname === `${SHELL}/manifest.webmanifest`
    ) {
        event.respondWith(cacheFirst(request));
    }
});
