// A cold build's post folders, made ahead: each post's URL is worked out while it is parsed, so its
// page's folder is known before the model is. A worker thread makes them while this thread works the
// model out (a worker has nothing else to do then), instead of both making them page by page later.

import { rmdirSync } from "node:fs";
import path from "node:path";
import { urlToFile } from "../model/permalink.js";
import type { Route } from "../routes/types.js";
import type { Post } from "../types.js";
import type { Pool } from "../workers/pool.js";
import { outputPath } from "../write/files.js";

/** Folders being made in a work folder, and when they are. */
export interface FoldersAhead {
  readonly folders: readonly string[];
  readonly made: Promise<void>;
}

/** Starts making the folders of the posts' pages in `workDir` on a worker thread of `pool`; undefined when it has none. */
export function makePostFoldersAhead(pool: Pool, workDir: string, posts: readonly Post[]): FoldersAhead | undefined {
  const folders = foldersOf(posts.flatMap((post) => (post.placed ? [urlToFile(post.placed.url)] : [])));
  const made = pool.makeFoldersAside(workDir, folders);
  return made && { folders, made };
}

/**
 * Removes the folders made ahead that no page of the site needs, deepest first: those of posts left
 * out (drafts, future posts) or moved by a URL clash, which would otherwise stay behind empty.
 */
export function dropUnusedFolders(workDir: string, ahead: FoldersAhead, routes: readonly Route[]): void {
  const needed = new Set(foldersOf(routes.map((route) => route.file)));
  for (let i = ahead.folders.length - 1; i >= 0; i--) {
    const folder = ahead.folders[i]!;
    if (needed.has(folder)) continue;
    try {
      rmdirSync(outputPath(workDir, folder));
    } catch {
      // Never made (a path no page may have), or not empty: either way not a leftover of ours.
    }
  }
}

/** The folders holding `files` (relative paths), each listed after its parent. */
function foldersOf(files: readonly string[]): string[] {
  const seen = new Set<string>();
  const ordered: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir !== "." && dir !== "/" && !seen.has(dir); dir = path.posix.dirname(dir)) missing.push(dir);
    for (let i = missing.length - 1; i >= 0; i--) {
      seen.add(missing[i]!);
      ordered.push(missing[i]!);
    }
    missing.length = 0;
  }
  return ordered;
}
