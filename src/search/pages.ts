// Which pages the search index holds (the post pages) and whether a build changed any of them. Pure.

import { hrefFor } from "../model/permalink.js";
import type { Route } from "../routes/types.js";
import type { SearchPage } from "../types.js";

/** The post pages of a site in route order (newest first); URLs percent-encoded, without the base path. */
export function searchPages(routes: readonly Route[]): SearchPage[] {
  const pages: SearchPage[] = [];
  for (const route of routes) if (route.kind === "post") pages.push({ file: route.file, url: hrefFor("/", route.url) });
  return pages;
}

/**
 * True when the index of the last build may no longer be right: a post page was rewritten, or a
 * page was removed (it may have been a post). Pages rewritten only outside their article (a new
 * neighbour's link) count too: telling them apart would take parsing them, and indexing is the
 * expensive part anyway.
 */
export function pagesChanged(pages: readonly SearchPage[], written: readonly string[], removed: readonly string[]): boolean {
  if (removed.some((file) => /\.html?$/.test(file))) return true;
  const posts = new Set(pages.map((page) => page.file));
  return written.some((file) => posts.has(file));
}
