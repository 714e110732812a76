// A tiny static file server for browser tests and the screenshot script: serves a built site under a
// base path, like a host would. Plain JavaScript, so `npm run screenshots` runs it without compiling.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

/** @type {Record<string, string>} */
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * A running server: `url` ends with the base path (`http://127.0.0.1:PORT/news/`).
 * @typedef {{ readonly url: string, close(): Promise<void> }} StaticServer
 */

/**
 * Serves `dir` at `basePath` (`/` or `/news/`); folders answer with their index.html, anything else is 404.
 * @param {string} dir
 * @returns {Promise<StaticServer>}
 */
export async function serveFolder(dir, basePath = "/") {
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file = pathname.startsWith(basePath) ? path.join(dir, pathname.slice(basePath.length)) : undefined;
    if (file && !path.relative(dir, file).startsWith("..")) {
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
        const body = await readFile(file);
        response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
        response.end(body);
        return;
      } catch {
        // not there: 404 below
      }
    }
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
