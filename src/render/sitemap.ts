// sitemap.xml (split into parts past the protocol's 50,000 URLs), the Google News sitemap of the last
// two days, and robots.txt: generated from the routes, in code.

import { SITEMAP_LIMIT } from "../routes/index.js";
import type { Route } from "../routes/types.js";
import { FIXED_URLS, sitemapUrl } from "../routes/urls.js";
import type { Site } from "../types.js";
import { xmlEscape } from "./escape.js";
import { absoluteUrl, dateView } from "./format.js";

/** How far back the Google News sitemap reaches. */
export const NEWS_WINDOW_MS = 2 * 86_400_000;
const NEWS_LIMIT = 1000;

/** A page the sitemap lists, with the date it last changed. */
interface Entry {
  readonly loc: string;
  readonly lastmod?: string;
}

function newestOf(site: Site, posts: ArrayLike<number>): string | undefined {
  const first = posts[0];
  return first === undefined ? undefined : dateView(site.posts[first]!.post.date, site.config.timezone).iso;
}

/** The pages a sitemap lists, in route order. */
function sitemapEntries(site: Site, routes: readonly Route[]): Entry[] {
  const all = site.posts.map((_, i) => i);
  const entries: Entry[] = [];
  for (const route of routes) {
    const loc = absoluteUrl(site.config, route.url);
    if (route.kind === "post") entries.push({ loc, lastmod: newestOf(site, [route.post]) });
    else if (route.kind === "list") entries.push({ loc, lastmod: newestOf(site, route.items) });
    else if (route.kind === "terms" || route.kind === "archive") entries.push({ loc, lastmod: newestOf(site, all) });
  }
  return entries;
}

/** One sitemap file: the index (part 0 of several), a part, or the whole sitemap. */
export function renderSitemap(site: Site, routes: readonly Route[], part: number, parts: number): string {
  const head = `<?xml version="1.0" encoding="utf-8"?>\n`;
  if (parts > 1 && part === 0) {
    const lastmod = newestOf(site, site.posts.map((_, i) => i));
    const items = Array.from({ length: parts }, (_, i) => {
      const loc = xmlEscape(absoluteUrl(site.config, sitemapUrl(i + 1, parts)));
      return `<sitemap><loc>${loc}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</sitemap>\n`;
    });
    return `${head}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("")}</sitemapindex>\n`;
  }
  const all = sitemapEntries(site, routes);
  const slice = parts > 1 ? all.slice((part - 1) * SITEMAP_LIMIT, part * SITEMAP_LIMIT) : all;
  const items = slice.map((e) => `<url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</url>\n`);
  return `${head}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("")}</urlset>\n`;
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
        `<news:language>${xmlEscape(language)}</news:language></news:publication><news:publication_date>${dateView(entry.post.date, config.timezone).iso}</news:publication_date>` +
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
