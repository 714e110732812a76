// The preview's HTTP server: files of the output folder only, with their content types, the site's
// 404 page (status 404), the base path, and the reload script added to HTML on the way out.

import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { CLIENT_SCRIPT, injectClient } from "./client.js";
import { locate } from "./locate.js";
import { contentType, isHtml } from "./mime.js";
import { CLIENT_PATH, EVENTS_PATH, type ReloadHub } from "./reload.js";

const NOT_FOUND = `<!doctype html>\n<html><head><meta charset="utf-8"><title>Not found</title></head><body><p>Not found (broadsheet dev).</p></body></html>\n`;

/** What the server serves. */
export interface ServeOptions {
  /** The output folder. */
  readonly out: string;
  /** The site's base path (read per request: site.yml may change it). */
  readonly basePath: () => string;
  readonly reload: ReloadHub;
}

/** An HTTP server over the output folder (not listening yet). */
export function createPreviewServer(options: ServeOptions): Server {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`broadsheet dev: ${(error as Error)?.message ?? error}\n`);
    });
  });
  return server;
}

async function handle(options: ServeOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  if (req.method !== "GET" && req.method !== "HEAD") return plain(res, 405, "method not allowed", { allow: "GET, HEAD" });
  if (url === EVENTS_PATH || url.startsWith(`${EVENTS_PATH}?`)) return options.reload.connect(req, res);
  if (url.split("?")[0] === CLIENT_PATH) return send(req, res, 200, "text/javascript; charset=utf-8", Buffer.from(CLIENT_SCRIPT));

  const found = locate(options.out, options.basePath(), url);
  switch (found.kind) {
    case "refused":
      return plain(res, 403, "forbidden: the path leaves the site folder");
    case "redirect":
      res.writeHead(301, { location: found.to, "cache-control": "no-store" });
      res.end();
      return;
    case "file":
      return sendFile(req, res, 200, found.full, options.reload.current);
    case "missing": {
      const page = path.join(options.out, "404.html");
      try {
        return await sendFile(req, res, 404, page, options.reload.current);
      } catch {
        // No 404 page (the first build failed?): a page of our own, so the overlay and reload still work.
        return send(req, res, 404, "text/html; charset=utf-8", Buffer.from(injectClient(NOT_FOUND, options.reload.current)));
      }
    }
  }
}

/** Sends a file; an HTML page gets the reload script, with the build count read before the file was (`generation`). */
async function sendFile(req: IncomingMessage, res: ServerResponse, status: number, full: string, generation: number): Promise<void> {
  let bytes = await readFile(full);
  if (isHtml(full)) bytes = Buffer.from(injectClient(bytes.toString("utf8"), generation));
  send(req, res, status, contentType(full), bytes);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, bytes: Buffer): void {
  res.writeHead(status, { "content-type": type, "content-length": bytes.length, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(`${text}\n`);
}

/** Listens on `port`, or the next free one after it (up to 50 tries); resolves with the port. Port 0 picks any free port. */
export async function listen(server: Server, host: string, port: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const tried = port === 0 ? 0 : port + attempt;
    try {
      await new Promise<void>((resolve, reject) => {
        const fail = (error: Error): void => reject(error);
        server.once("error", fail);
        server.listen(tried, host, () => {
          server.off("error", fail);
          resolve();
        });
      });
      const address = server.address();
      return typeof address === "object" && address ? address.port : tried;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0 || attempt >= 49 || tried >= 65535) throw error;
    }
  }
}
