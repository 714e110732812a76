// Watches a site's sources with chokidar: posts (and drafts), templates, public files and site.yml.
// Each event is classified by the folder it happened in; editors' rename-writes arrive as one change.

import { statSync } from "node:fs";
import path from "node:path";
import { watch } from "chokidar";
import { DRAFT_FOLDERS, isIgnoredName } from "../read.js";
import type { SitePaths } from "../types.js";

/** Which kind of source a path is. */
export type SourceKind = "post" | "template" | "public" | "config";

/** One thing that happened on disk. */
export interface SourceEvent {
  readonly kind: SourceKind;
  readonly path: string;
  /** A folder was added or removed (its files are not all reported one by one). */
  readonly folder: boolean;
}

/** A running watcher. */
export interface SiteWatcher {
  /** Resolves once the initial scan is done (events before it are not reported). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** The folders watched with everything in them, each with its kind: those that exist now. */
export function watchedFolders(paths: SitePaths, drafts: boolean): { readonly kind: SourceKind; readonly path: string }[] {
  return [
    { kind: "post" as const, path: paths.posts },
    ...(drafts ? [...DRAFT_FOLDERS].map((name) => ({ kind: "post" as const, path: path.join(paths.root, name) })) : []),
    ...paths.templates.map((dir) => ({ kind: "template" as const, path: dir })),
    ...paths.public.map((dir) => ({ kind: "public" as const, path: dir })),
  ].filter((target) => isFolder(target.path));
}

const isFolder = (dir: string): boolean => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

const inside = (dir: string, file: string): boolean => file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/**
 * Starts watching; `onEvent` gets every change after the initial scan. `ignore` is a folder never
 * reported (the output). The site folder itself is watched only one level deep, for site.yml and
 * drafts folders appearing: with chokidar watching it whole (or a missing path in it), activity
 * there (the cache, the preview's output) made it lose changes to the posts.
 */
export function watchSite(paths: SitePaths, drafts: boolean, ignore: string, onEvent: (event: SourceEvent) => void, onError: (error: Error) => void): SiteWatcher {
  const targets = watchedFolders(paths, drafts);
  const roots = new Set(targets.map((target) => target.path));
  const folders = watch([...roots], {
    ignoreInitial: true,
    ignored: (file: string) => !roots.has(file) && (isIgnoredName(path.basename(file)) || inside(ignore, file)),
  });
  const top = new Set(["site.yml", ...(drafts ? DRAFT_FOLDERS : [])]);
  const site = watch(paths.root, { ignoreInitial: true, depth: 0, ignored: (file: string) => file !== paths.root && !(path.dirname(file) === paths.root && top.has(path.basename(file))) });

  const kindOf = (file: string): SourceKind | undefined => {
    // The longest matching root wins (a posts folder inside public/ is still posts).
    let best: { kind: SourceKind; path: string } | undefined;
    for (const target of targets) if (inside(target.path, file) && (!best || target.path.length > best.path.length)) best = target;
    return best?.kind;
  };
  const report = (file: string, folder: boolean): void => {
    const kind = kindOf(file);
    if (kind && !isIgnoredName(path.basename(file)) && !inside(ignore, file)) onEvent({ kind, path: file, folder });
  };
  folders.on("all", (event, file) => report(file, event === "addDir" || event === "unlinkDir"));
  // Changes straight from fs.watch, as they happen: chokidar finds additions by reading the folder
  // again, throttled, and loses them when that read outlasts its one-second throttle (a long build);
  // and it reports a change only after a stat of its own. Its later events are echoes (see fileStamp).
  folders.on("raw", (event, name, details) => {
    const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
    if ((event !== "rename" && event !== "change") || typeof name !== "string" || !name || !watched) return;
    // A file's own watcher names the file; a folder's names the entry in it.
    report(path.basename(watched) === name && !isFolder(watched) ? watched : path.join(watched, name), false);
  });
  site.on("all", (event, file) => {
    if (path.basename(file) === "site.yml") return onEvent({ kind: "config", path: file, folder: false });
    if (event !== "addDir" && event !== "unlinkDir") return;
    // A drafts folder came or went: watch it from now on, and read the posts again.
    if (event === "addDir" && !roots.has(file)) {
      roots.add(file);
      targets.push({ kind: "post", path: file });
      folders.add(file);
    }
    onEvent({ kind: "post", path: file, folder: true });
  });
  for (const watcher of [folders, site]) watcher.on("error", (error) => onError(error as Error));
  const ready = Promise.all([folders, site].map((watcher) => new Promise<void>((resolve) => watcher.once("ready", () => resolve())))).then(() => undefined);
  return { ready, close: async () => void (await Promise.all([folders.close(), site.close()])) };
}

/**
 * What a file looks like now (times, size, identity; "-" when gone): a batch whose files all look as
 * they did when last built is an echo (chokidar's own event after the fs.watch one), not a change.
 */
export function fileStamp(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.ctimeMs}:${stats.size}:${stats.ino}`;
  } catch {
    return "-";
  }
}
