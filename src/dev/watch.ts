// Watches a site's sources with chokidar: posts (and drafts), templates, public files and site.yml.
// Each event is classified by the folder it happened in; editors' rename-writes arrive as one change.

import { statSync } from "node:fs";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
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
  folders.on("all", (event, file) => {
    const kind = kindOf(file);
    if (kind) onEvent({ kind, path: file, folder: event === "addDir" || event === "unlinkDir" });
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
 * True when the event's file was modified at or after `since` (ms since the epoch). chokidar drops a
 * second change to one file within 50 ms of the first, so the preview looks again after a build.
 */
export function modifiedSince(event: SourceEvent, since: number): boolean {
  if (event.folder) return false;
  try {
    return statSync(event.path).mtimeMs >= since;
  } catch {
    return false;
  }
}
