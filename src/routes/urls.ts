// URLs of the pages broadsheet generates besides posts, listings and terms: fixed paths and feed paths.

import { fillPattern, normalizeUrl } from "../model/permalink.js";
import type { FeedFormat, FeedScope } from "./types.js";

/** Fixed URL paths of the site-wide pages. */
export const FIXED_URLS = {
  home: "/",
  categories: "/category/",
  tags: "/tag/",
  archive: "/archive/",
  notFound: "/404.html",
  search: "/search.html",
  sitemap: "/sitemap.xml",
  newsSitemap: "/sitemap-news.xml",
  robots: "/robots.txt",
} as const;

const FEED_FILES: Record<FeedFormat, { site: string; suffix: string }> = {
  atom: { site: "/feed.xml", suffix: ".xml" },
  rss: { site: "/rss.xml", suffix: ".rss.xml" },
  json: { site: "/feed.json", suffix: ".json" },
};

/** A feed's URL path: `/feed.xml`, `/rss.xml`, `/feed.json` for the site; `/feed/category/<slug>.xml` and so on per term. */
export function feedUrl(format: FeedFormat, scope: FeedScope, slug = ""): string {
  if (scope.kind === "site") return FEED_FILES[format].site;
  return normalizeUrl(`/feed/${scope.kind}/${slug}${FEED_FILES[format].suffix}`);
}

/** Page `n` (≥ 2) of a listing whose first page is `first`: `/category/a.html` → `/category/a/page/2.html`, `/` → `/page/2.html`. */
export function pageUrl(first: string, pattern: string, n: number): string {
  const folder = first.endsWith("/") ? first : first.replace(/\.html?$/, "/");
  return normalizeUrl(folder + fillPattern(pattern, { num: String(n) }));
}

/** Sitemap part `n` of `parts` (one part is the sitemap itself). */
export function sitemapUrl(part: number, parts: number): string {
  return parts === 1 || part === 0 ? FIXED_URLS.sitemap : `/sitemap-${part}.xml`;
}
