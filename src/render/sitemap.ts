// sitemap.xml (split into parts past the protocol's 50,000 URLs), the Google News sitemap of the last
// two days, and robots.txt: generated from the routes, in code.

import { SITEMAP_LIMIT } from "../routes/index.js";
import type { Route } from "../routes/types.js";
import { FIXED_URLS, sitemapUrl } from "../routes/urls.js";
import type { Site } from "../types.js";
import { xmlEscape } from "./escape.js";
import { isoInZone } from "../parse/dates.js";
import { absoluteUrl } from "./format.js";
import { NEWS_WINDOW_MS } from "./news-window.js";

const NEWS_LIMIT = 1000;

/**
 * The date a route's lastmod shows: a post's own, a listing's newest post's, the site's newest post's
 * for the indexes; null for routes the sitemap does not list.
 */
export function lastmodDate(site: Site, route: Route): number | undefined | null {
  if (route.kind === "post") return site.posts[route.post]!.post.date;
  if (route.kind === "list") return route.items.length ? site.posts[route.items[0]!]!.post.date : undefined;
  if (route.kind === "terms" || route.kind === "archive") return site.posts[0]?.post.date;
  return null;
}

/** The `<url>` lines of the listed routes from the `from`-th on, at most `count`, in route order. */
function* urlLines(site: Site, routes: readonly Route[], from: number, count: number): Generator<string> {
  const { config } = site;
  let listed = 0;
  let given = 0;
  for (const route of routes) {
    const date = lastmodDate(site, route);
    if (date === null || listed++ < from) continue;
    if (given++ === count) return;
    const lastmod = date === undefined ? "" : `<lastmod>${isoInZone(date, config.timezone)}</lastmod>`;
    yield `<url><loc>${xmlEscape(absoluteUrl(config, route.url))}</loc>${lastmod}</url>\n`;
  }
}

/**
 * One sitemap file, piece by piece (a caller may pause between them): the index (part 0 of several),
 * a part, or the whole sitemap. A part lists only its own routes: at 100,000 posts, listing every
 * route for each of three parts was a quarter of a gigabyte of garbage at the end of the build.
 */
export function* sitemapPieces(site: Site, routes: readonly Route[], part: number, parts: number): Generator<string> {
  yield `<?xml version="1.0" encoding="utf-8"?>\n`;
  if (parts > 1 && part === 0) {
    const newest = site.posts[0]?.post.date;
    const lastmod = newest === undefined ? "" : `<lastmod>${isoInZone(newest, site.config.timezone)}</lastmod>`;
    yield `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n`;
    for (let i = 0; i < parts; i++) yield `<sitemap><loc>${xmlEscape(absoluteUrl(site.config, sitemapUrl(i + 1, parts)))}</loc>${lastmod}</sitemap>\n`;
    yield `</sitemapindex>\n`;
    return;
  }
  yield `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n`;
  yield* parts > 1 ? urlLines(site, routes, (part - 1) * SITEMAP_LIMIT, SITEMAP_LIMIT) : urlLines(site, routes, 0, Infinity);
  yield `</urlset>\n`;
}

/** Google News sitemap: posts of the two days before `now`, newest first, at most 1,000. */
export function renderNewsSitemap(site: Site, now: number): string {
  const { config } = site;
  const language = config.language.toLowerCase().startsWith("zh") ? config.language.toLowerCase() : config.language.split("-")[0]!.toLowerCase();
  const items: string[] = [];
  for (const entry of site.posts) {
    if (items.length === NEWS_LIMIT) break;
    const age = now - entry.post.date;
    if (age > NEWS_WINDOW_MS) break;
    if (age < 0) continue;
    items.push(
      `<url><loc>${xmlEscape(absoluteUrl(config, entry.url))}</loc><news:news><news:publication><news:name>${xmlEscape(config.title)}</news:name>` +
        `<news:language>${xmlEscape(language)}</news:language></news:publication><news:publication_date>${isoInZone(entry.post.date, config.timezone)}</news:publication_date>` +
        `<news:title>${xmlEscape(entry.post.meta.title)}</news:title></news:news></url>\n`,
    );
  }
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n` +
    `${items.join("")}</urlset>\n`
  );
}

/** robots.txt: everything allowed, the sitemaps named. */
export function renderRobots(site: Site): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site.config, FIXED_URLS.sitemap)}\nSitemap: ${absoluteUrl(site.config, FIXED_URLS.newsSitemap)}\n`;
}
