// File system → source files, again: updates the last list of post files with only the files a
// watcher reported, instead of walking a posts folder of a hundred thousand files for one edit.

import { statSync, type Stats } from "node:fs";
import path from "node:path";
import { displayPath } from "./config/load.js";
import { DRAFT_FOLDERS, isIgnoredName, isPostName, type Sources } from "./read.js";
import type { SitePaths } from "./types.js";

/** Where a path sits among the post folders: its id, and whether it is a draft. */
interface Place {
  readonly id: string;
  readonly inDrafts: boolean;
}

/** The id a readSources walk gives this file, or null when the walk would not list it; undefined when it is outside the post folders. */
function placeOf(file: string, paths: SitePaths, drafts: boolean): Place | null | undefined {
  let parts: string[];
  let inDrafts = false;
  const inPosts = path.relative(paths.posts, file);
  if (inPosts && !inPosts.startsWith("..") && !path.isAbsolute(inPosts)) parts = inPosts.split(path.sep);
  else {
    const inRoot = path.relative(paths.root, file).split(path.sep);
    if (!drafts || !DRAFT_FOLDERS.has(inRoot[0]!) || inRoot.length < 2) return undefined;
    parts = inRoot;
    inDrafts = true;
  }
  if (parts.some(isIgnoredName)) return null;
  for (const folder of parts.slice(0, -1)) {
    if (DRAFT_FOLDERS.has(folder)) {
      if (!drafts) return null;
      inDrafts = true;
    }
  }
  if (!isPostName(path.basename(file))) return null;
  return { id: parts.join("/"), inDrafts };
}

/**
 * The post files after the given files changed (added, edited or removed), or undefined when that
 * cannot be known without a walk (a folder, or a path outside the post folders).
 */
export function updateSources(previous: Sources, paths: SitePaths, drafts: boolean, changed: readonly string[]): Sources | undefined {
  if (changed.length === 0) return previous;
  // Insertion order is kept by a Map: the previous files are sorted, so only additions need a sort.
  const files = new Map(previous.files.map((file) => [file.id, file]));
  let added = false;
  for (const file of new Set(changed)) {
    const place = placeOf(file, paths, drafts);
    if (place === undefined) return undefined;
    if (place === null) continue;
    let stats: Stats | undefined;
    try {
      stats = statSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") return undefined;
    }
    if (!stats) {
      files.delete(place.id);
      continue;
    }
    if (!stats.isFile()) return undefined;
    added ||= !files.has(place.id);
    files.set(place.id, { id: place.id, path: file, display: displayPath(file), size: stats.size, mtimeMs: stats.mtimeMs, inDrafts: place.inDrafts });
  }
  const list = [...files.values()];
  if (added) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...previous, files: list };
}
