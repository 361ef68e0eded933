// A minimal reverse proxy that gzips text answers, like the nginx set-up docs/app.md
// recommends in front of Odoo (Odoo itself sends its asset bundles uncompressed).
// Used by bench.mjs to measure the cold load as a production phone sees it.
import http from "node:http";
import zlib from "node:zlib";

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json))/;

export function startGzipProxy(target) {
    const upstream = new URL(target);
    const server = http.createServer((req, res) => {
        const headers = { ...req.headers, host: upstream.host };
        delete headers["accept-encoding"];
        const proxied = http.request(
            { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
            (answer) => {
                const type = answer.headers["content-type"] || "";
                const gzip = COMPRESSIBLE.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "");
                const out = { ...answer.headers };
                if (gzip) {
                    delete out["content-length"];
                    out["content-encoding"] = "gzip";
                    out.vary = "Accept-Encoding";
                }
                res.writeHead(answer.statusCode, out);
                (gzip ? answer.pipe(zlib.createGzip({ level: 6 })) : answer).pipe(res);
            }
        );
        proxied.on("error", () => {
            res.writeHead(502);
            res.end();
        });
        req.pipe(proxied);
    });
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}
