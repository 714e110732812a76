// The preview loop: build, serve, watch; on each settled batch of changes preview the edited posts'
// pages, rebuild incrementally, tell the open pages what changed, and show or clear the error
// overlay. Errors never end the loop; close() stops the watcher, the server and the worker threads.

import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { createBuilder, type BuildHint, type Builder } from "../build.js";
import { loadSite } from "../config/load.js";
import { BuildError, type Problem } from "../errors.js";
import { nextTurn } from "../turns.js";
import type { BuildOptions, BuildSummary } from "../types.js";
import { createSearchRefresher, type Refreshed, type SearchRefresher } from "../search/refresh.js";
import { devOutput } from "./folder.js";
import { overlayText, summaryErrors } from "./overlay.js";
import { PagePreview } from "./preview.js";
import { BatchQueue } from "./queue.js";
import { ReloadHub } from "./reload.js";
import { createPreviewServer, listen } from "./server.js";
import { fileStamp, watchSite, type SiteWatcher, type SourceEvent } from "./watch.js";

/** How the preview runs. */
export interface DevOptions {
  /** What to build (root, posts, base URL, drafts, future); the output folder is the preview's own. */
  readonly build: BuildOptions;
  readonly host: string;
  readonly port: number;
}

/** One pass of the loop, for the terminal. */
export interface BuildReport {
  /** What set it off: nothing for the first build. */
  readonly events: readonly SourceEvent[];
  /** Milliseconds from the batch being handed over to the build's end. */
  readonly ms: number;
  /** Pages written ahead of the rebuild (see preview.ts), with the milliseconds it took. */
  readonly previewed: readonly string[];
  readonly previewMs?: number;
  /** The build's summary, or the error that stopped it (the last good output stays served). */
  readonly summary?: BuildSummary;
  readonly fatal?: Problem;
  /** Errors shown in the overlay. */
  readonly errors: readonly Problem[];
  /** A bug in broadsheet (not the site's fault). */
  readonly crash?: Error;
}

/** What the terminal is told. */
export interface DevReporter {
  built(report: BuildReport): void;
  watchError(error: Error): void;
  /** The search index caught up with the last build. */
  indexed?(result: Refreshed): void;
}

/** A running preview. */
export interface DevSession {
  readonly url: string;
  readonly port: number;
  readonly out: string;
  /** Resolves when no change is waiting or being built (tests, benchmark). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the site, starts the server and the watcher. Rejects with BuildError when the site folder itself is missing. */
export async function startDev(options: DevOptions, reporter: DevReporter): Promise<DevSession> {
  const { paths: sourcePaths, config: startConfig } = loadSite(options.build);
  const out = devOutput(sourcePaths.root);
  mkdirSync(path.dirname(out), { recursive: true });
  // The search index is refreshed after builds, off the reload's path (Pagefind re-indexes the whole
  // site, which would hold every rebuild for seconds); search may lag a second behind an edit.
  const refresher = createSearchRefresher({ onIndexed: (result) => reporter.indexed?.(result), onError: (error) => reporter.watchError(error instanceof Error ? error : new Error(String(error))) });
  const searching = options.build.search !== false && startConfig.search;
  const builder = createBuilder(
    { ...options.build, out, ...(searching ? { onSearchIndex: refresher.schedule } : { search: false }) },
    { keepLastGood: true, saveCacheOnClose: true },
  );
  // The base path as of the last build (site.yml may change it); until one, as the site says now.
  const basePath = (): string => builder.last?.site.config.basePath ?? startConfig.basePath;
  const hub = new ReloadHub(basePath);
  const preview = new PagePreview();

  let queue: BatchQueue<SourceEvent> | undefined;
  // How each file looked when last handed to a build.
  const stamps = new Map<string, string>();
  const changed = (event: SourceEvent): boolean => event.folder || fileStamp(event.path) !== stamps.get(event.path);
  const rebuild = async (batch: readonly SourceEvent[]): Promise<void> => {
    const events = [...new Map(batch.map((event) => [event.path, event])).values()].filter(changed);
    if (batch.length > 0 && events.length === 0) return;
    for (const event of events) stamps.set(event.path, fileStamp(event.path));
    const started = performance.now();
    // The search index waits while the editor does: it goes on once this rebuild is done.
    const release = refresher.hold();
    try {
      await rebuildNow(events, started);
    } finally {
      release();
    }
  };
  const rebuildNow = async (events: SourceEvent[], started: number): Promise<void> => {
    const postFiles = events.filter((event) => event.kind === "post" && !event.folder).map((event) => event.path);
    const onlyPosts = events.length > 0 && postFiles.length === events.length;
    let previewed: string[] = [];
    let previewMs: number | undefined;
    if (onlyPosts && builder.last) {
      previewed = preview.render(builder.last, postFiles);
      previewMs = performance.now() - started;
      if (previewed.length) {
        hub.changed({ written: previewed, deleted: [] });
        await nextTurn(); // sent before the build takes the thread
      }
    }
    // Open pages are committed (and reloaded) ahead of the rest of the build; not announced twice.
    const announced = new Set<string>();
    const committed = (files: string[]): void => {
      for (const file of files) announced.add(file);
      hub.changed({ written: files, deleted: [] });
    };
    const hint: BuildHint = { posts: onlyPosts ? postFiles : undefined, open: hub.openFiles(), committed };
    const report = await runBuild(builder, events.length ? hint : undefined);
    hub.setOverlay(overlayText(report.errors));
    if (report.summary) hub.changed({ written: report.summary.changes.written.filter((file) => !announced.has(file)), deleted: report.summary.changes.deleted });
    reporter.built({ ...report, events, previewed, previewMs, ms: performance.now() - started });
    // chokidar drops a second change to a file within 50 ms of the first: look again once that window is over.
    if (events.length) setTimeout(() => events.filter(changed).forEach((event) => queue?.push(event)), 60).unref();
  };

  await rebuild([]);
  const server = createPreviewServer({ out, basePath, reload: hub });
  let watcher: SiteWatcher | undefined;
  try {
    const port = await listen(server, options.host, options.port);
    queue = new BatchQueue<SourceEvent>((events) => rebuild(events));
    const events = queue;
    watcher = watchSite(sourcePaths, options.build.drafts ?? false, out, (event) => events.push(event), (error) => reporter.watchError(error));
    await watcher.ready;
    return {
      url: `http://${urlHost(options.host)}:${port}${basePath()}`,
      port,
      out,
      idle: async () => {
        await events.idle();
        await refresher.idle();
      },
      close: () => shutdown(server, hub, watcher, queue, builder, refresher),
    };
  } catch (error) {
    await shutdown(server, hub, watcher, queue, builder, refresher);
    throw error;
  }
}

/** One build, its outcome as a report (never throws). */
async function runBuild(builder: Builder, hint: BuildHint | undefined): Promise<Omit<BuildReport, "events" | "ms" | "previewed">> {
  try {
    const summary = await builder.build(hint);
    return { summary, errors: summaryErrors(summary) };
  } catch (error) {
    if (error instanceof BuildError) return { fatal: error.problem, errors: [error.problem] };
    const crash = error instanceof Error ? error : new Error(String(error));
    return { crash, errors: [{ severity: "error", code: "internal", message: `internal error: ${crash.message} (see the terminal)` }] };
  }
}

async function shutdown(server: Server, hub: ReloadHub, watcher: SiteWatcher | undefined, queue: BatchQueue<SourceEvent> | undefined, builder: Builder, refresher: SearchRefresher): Promise<void> {
  await watcher?.close();
  await queue?.close();
  await refresher.close();
  hub.close();
  const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  server.closeAllConnections();
  await closed;
  await builder.close();
}

/** The host as it goes into a URL: `localhost` for any-address binds, brackets around IPv6. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
