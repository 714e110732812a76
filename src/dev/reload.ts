// Live reload over Server-Sent Events: each open page keeps a stream open, saying which page it is;
// after a build, a page reloads only when its own file changed, swaps its stylesheets when only CSS
// changed, and shows or clears the error overlay.

import type { IncomingMessage, ServerResponse } from "node:http";
import { candidateFiles, siteSegments } from "./locate.js";

/** The URL path of the event stream and of the injected script (outside any base path). */
export const EVENTS_PATH = "/__broadsheet/events";
export const CLIENT_PATH = "/__broadsheet/client.js";

/** What a build changed, as the output's relative file names. */
export interface OutputChanges {
  readonly written: readonly string[];
  readonly deleted: readonly string[];
}

/** The overlay's content: one formatted problem per entry; empty means no overlay. */
export type OverlayText = readonly string[];

interface Client {
  readonly res: ServerResponse;
  /** Output files this page is (or would be) served from. */
  readonly files: readonly string[];
}

/** Files that are part of every page that links them: a change reloads every page. */
const ASSET = /\.(m?js|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf)$/i;

/** How many builds' stylesheet changes are kept for pages that connect late. */
const RECENT_BUILDS = 64;

/** The open pages and what to tell them. */
export class ReloadHub {
  private readonly clients = new Set<Client>();
  private overlay: OverlayText = [];
  /**
   * Builds that changed files, counted, with the stylesheets the last few wrote. A page carries the count it
   * was served at and each change event its own as the event's id, so a page that connects (or
   * reconnects) after a CSS change, e.g. while reloading for the change before it, still swaps it in.
   */
  private generation = 0;
  // Only stylesheets: a full build's changes name every file of the site, and only these are replayed.
  private readonly recentStyles: { readonly generation: number; readonly styles: readonly string[] }[] = [];
  /** Changes on each start: a page that reconnects to another server process reloads. */
  private readonly session = `${process.pid}-${Date.now()}`;

  constructor(private readonly basePath: () => string) {}

  /** The count of builds that changed files: read before a page is read from disk, and served with it. */
  get current(): number {
    return this.generation;
  }

  /** Opens a page's event stream (`GET /__broadsheet/events?page=/path&since=N`). */
  connect(req: IncomingMessage, res: ServerResponse): void {
    const params = new URLSearchParams(req.url?.split("?")[1] ?? "");
    const page = params.get("page") ?? "/";
    // A reconnecting EventSource sends the id of the last event it had; a page's first stream, the count it was served at.
    const mark = req.headers["last-event-id"] || params.get("since");
    const seen = mark ? Number(mark) : Number.NaN;
    const segments = siteSegments(page, this.basePath());
    const files = segments ? candidateFiles(segments) : [];
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive" });
    res.write(`retry: 500\n\n`);
    const client: Client = { res, files };
    this.clients.add(client);
    send(client, "hello", { session: this.session });
    send(client, "overlay", { problems: this.overlay });
    req.on("close", () => this.clients.delete(client));
    if (Number.isInteger(seen) && seen >= 0 && seen < this.generation) this.catchUp(client, seen);
  }

  /** Tells every open page what a build changed. */
  changed(changes: OutputChanges): void {
    if (changes.written.length === 0 && changes.deleted.length === 0) return;
    const styles = changes.written.filter((file) => file.endsWith(".css"));
    this.generation++;
    this.recentStyles.push({ generation: this.generation, styles });
    if (this.recentStyles.length > RECENT_BUILDS) this.recentStyles.shift();
    const touched = new Set([...changes.written, ...changes.deleted]);
    const assetChanged = [...touched].some((file) => ASSET.test(file));
    for (const client of this.clients) {
      if (assetChanged || client.files.some((file) => touched.has(file))) send(client, "reload", {}, this.generation);
      else if (styles.length) send(client, "css", { files: styles }, this.generation);
    }
  }

  /**
   * Tells a page that connected late the stylesheets changed since the build it was served at. Only
   * those: its own file is read after the count, so the page may already show a change to it, and a
   * second reload would throw away what the reader did since; a stylesheet swapped twice costs nothing.
   */
  private catchUp(client: Client, seen: number): void {
    const styles = this.recentStyles.filter((entry) => entry.generation > seen).flatMap((entry) => entry.styles);
    if (styles.length) send(client, "css", { files: [...new Set(styles)] }, this.generation);
  }

  /** Shows the problems over every open page (and every page opened later); an empty list clears it. */
  setOverlay(problems: OverlayText): void {
    if (problems.join("\n") === this.overlay.join("\n")) return;
    this.overlay = problems;
    for (const client of this.clients) send(client, "overlay", { problems });
  }

  /** The output files of every open page (a build writes these first). */
  openFiles(): Set<string> {
    return new Set([...this.clients].flatMap((client) => client.files));
  }

  /** How many pages are listening. */
  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream (the server is closing). */
  close(): void {
    for (const client of this.clients) client.res.end();
    this.clients.clear();
  }
}

function send(client: Client, event: string, data: unknown, id?: number): void {
  client.res.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
