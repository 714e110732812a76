// A cold build's post folders, made ahead: each post's URL is worked out while it is parsed, so its
// page's folder is known before the model is. A worker thread works the folders out and makes them
// while this thread works the model out (a worker has nothing else to do then), instead of both
// threads making them page by page later.

import { rmdirSync } from "node:fs";
import { urlToFile } from "../model/permalink.js";
import type { Route } from "../routes/types.js";
import type { Post } from "../types.js";
import type { Pool } from "../workers/pool.js";
import { foldersOf, outputPath } from "../write/files.js";

/** Folders being made in a work folder for the pages at `urls`, and when they are. */
export interface FoldersAhead {
  readonly urls: readonly string[];
  readonly made: Promise<void>;
}

/**
 * Above this many posts no folder is made ahead: the URLs sent and the folders worked out would add
 * a few hundred MB to a build measured within 8 GiB at a million posts, and were not measured there.
 */
const MOST_POSTS = 250_000;

/** Whether a site of `posts` posts has its folders made ahead. */
export const foldersAheadFor = (posts: number): boolean => posts <= MOST_POSTS;

/** Starts making the folders of the posts' pages in `workDir` on a worker thread of `pool`; undefined when it has none. */
export function makePostFoldersAhead(pool: Pool, workDir: string, posts: readonly Post[]): FoldersAhead | undefined {
  const urls = posts.flatMap((post) => (post.placed ? [post.placed.url] : []));
  const made = pool.makeFoldersAside(workDir, urls);
  return made && { urls, made };
}

/**
 * Removes the folders made ahead that no page of the site needs, deepest first: those of posts left
 * out (drafts, future posts) or moved by a URL clash, which would otherwise stay behind empty.
 */
export function dropUnusedFolders(workDir: string, ahead: FoldersAhead, routes: readonly Route[]): void {
  // Mostly every post is a page where it was placed, and so every folder made holds one: that is
  // checked in one pass (working out every route's folders here took ~0.3 s at 100,000 posts), on
  // the URL strings the model kept from parsing, whose hashes V8 has already worked out.
  const pages = new Set<string>();
  for (const route of routes) if (route.kind === "post") pages.add(route.url);
  if (ahead.urls.every((url) => pages.has(url))) return;
  const made = foldersOf(ahead.urls.map(urlToFile));
  const needed = new Set(foldersOf(routes.map((route) => route.file)));
  for (let i = made.length - 1; i >= 0; i--) {
    if (needed.has(made[i]!)) continue;
    try {
      rmdirSync(outputPath(workDir, made[i]!));
    } catch {
      // Never made (a path no page may have), or not empty: either way not a leftover of ours.
    }
  }
}
