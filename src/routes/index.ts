// Site → pages: every output URL with its kind and data, pagination included. Pure.

import { BuildError, type Problem } from "../errors.js";
import { claim, emptyClaims, findClash } from "../model/claims.js";
import { urlToFile } from "../model/permalink.js";
import { clashText } from "../model/site.js";
import type { Site } from "../types.js";
import type { FeedFormat, FeedScope, ListSource, Route } from "./types.js";
import { FIXED_URLS, feedUrl, pageUrl, sitemapUrl } from "./urls.js";

/** The protocol's limit of URLs in one sitemap file. */
export const SITEMAP_LIMIT = 50_000;
const FEED_FORMATS: readonly FeedFormat[] = ["atom", "rss", "json"];

/** Every page of the site, and the posts whose URL a generated page already holds. */
export interface RoutePlan {
  readonly routes: readonly Route[];
  /** Post ids that lost their URL to a generated page; the site must be rebuilt without them. */
  readonly displaced: ReadonlyMap<string, Problem>;
  /** Posts whose file differs only in case from a generated page's. */
  readonly warnings: readonly Problem[];
  /** The files of generated pages that displaced posts, with the page (for the model's `reserved`). */
  readonly reserved: ReadonlyMap<string, string>;
}

// `file` goes first: V8 (Node 20) gives every object made as `{ ...route, file }` a hidden class of its
// own, 120k of them at 100,000 posts (23 MB, and every lookup on a route misses its cache).
const make = <R extends Omit<Route, "file">>(route: R): R & { file: string } => ({ file: urlToFile(route.url), ...route });

/** All pages of a site: posts, paginated listings, indexes, feeds, sitemaps, robots.txt, 404 and search. */
export function routePages(site: Site): RoutePlan {
  const { config } = site;
  const routes: Route[] = [];
  const listing = (source: ListSource, first: string, posts: readonly number[]): void => {
    const pages = Math.max(1, Math.ceil(posts.length / config.pageSize));
    const urlOf = (n: number): string => (n === 1 ? first : pageUrl(first, config.permalinks.page, n));
    for (let page = 1; page <= pages; page++) {
      const pager = {
        page,
        pages,
        first: first,
        prev: page > 1 ? urlOf(page - 1) : undefined,
        next: page < pages ? urlOf(page + 1) : undefined,
        last: urlOf(pages),
      };
      const items = Int32Array.from(posts.slice((page - 1) * config.pageSize, page * config.pageSize));
      routes.push(make({ kind: "list", url: urlOf(page), source, pager, items }));
    }
  };

  site.posts.forEach((post, index) => routes.push(make({ kind: "post", url: post.url, post: index })));
  listing({ kind: "home" }, FIXED_URLS.home, site.posts.map((_, i) => i));
  site.categories.forEach((term, index) => listing({ kind: "category", term: index }, term.url, term.posts));
  site.tags.forEach((term, index) => listing({ kind: "tag", term: index }, term.url, term.posts));
  for (const kind of ["year", "month", "day"] as const) {
    const periods = kind === "year" ? site.years : kind === "month" ? site.months : site.days;
    periods.forEach((period, index) => listing({ kind, period: index }, period.url, period.posts));
  }
  routes.push(make({ kind: "terms", url: FIXED_URLS.categories, taxonomy: "category" }));
  routes.push(make({ kind: "terms", url: FIXED_URLS.tags, taxonomy: "tag" }));
  routes.push(make({ kind: "archive", url: FIXED_URLS.archive }));
  routes.push(make({ kind: "page", url: FIXED_URLS.notFound, name: "404" }));
  routes.push(make({ kind: "page", url: FIXED_URLS.search, name: "search" }));

  const feed = (scope: FeedScope, slug: string, posts: readonly number[]): void => {
    const items = Int32Array.from(posts.slice(0, config.feeds.limit));
    for (const format of FEED_FORMATS) routes.push(make({ kind: "feed", url: feedUrl(format, scope, slug), format, scope, items }));
  };
  feed({ kind: "site" }, "", site.posts.map((_, i) => i).slice(0, config.feeds.limit));
  site.categories.forEach((term, index) => feed({ kind: "category", term: index }, term.slug, term.posts));
  if (config.feeds.tags) site.tags.forEach((term, index) => feed({ kind: "tag", term: index }, term.slug, term.posts));

  const listed = routes.filter((route) => route.kind === "post" || route.kind === "list" || route.kind === "terms" || route.kind === "archive").length;
  const parts = listed > SITEMAP_LIMIT ? Math.ceil(listed / SITEMAP_LIMIT) : 1;
  routes.push(make({ kind: "sitemap", url: sitemapUrl(0, parts), part: 0, parts }));
  if (parts > 1) for (let part = 1; part <= parts; part++) routes.push(make({ kind: "sitemap", url: sitemapUrl(part, parts), part, parts }));
  routes.push(make({ kind: "news-sitemap", url: FIXED_URLS.newsSitemap }));
  routes.push(make({ kind: "robots", url: FIXED_URLS.robots }));

  return { routes, ...findDisplaced(routes, site) };
}

/**
 * Posts whose file a generated page also needs (the same file, or a file where the other needs a
 * folder): the page wins, the post is named. A post whose file differs only in case from a page's
 * is a warning. Two generated pages on one path are a configuration error that stops the build.
 */
function findDisplaced(routes: readonly Route[], site: Site): { displaced: Map<string, Problem>; warnings: Problem[]; reserved: Map<string, string> } {
  const generated = emptyClaims<Route>();
  for (const route of routes) {
    if (route.kind === "post") continue;
    const clash = findClash(generated, route.file);
    if (clash) {
      throw new BuildError({
        code: "url-collision",
        file: "site.yml",
        message: `the ${describe(route, site)} and the ${describe(clash.owner, site)} need one path, ${route.file}`,
        hint: "give the two kinds of pages different permalinks: patterns",
      });
    }
    claim(generated, route.file, route);
  }
  // A post can meet a generated page only under a first path segment that some page also uses
  // (in any case): most posts sit under their category's folder, and skip the walk up their folders.
  const tops = new Set<string>();
  for (const file of generated.files.keys()) tops.add(firstSegment(file).toLowerCase());
  const displaced = new Map<string, Problem>();
  const reserved = new Map<string, string>();
  const warnings: Problem[] = [];
  for (const route of routes) {
    if (route.kind !== "post" || !tops.has(firstSegment(route.file).toLowerCase())) continue;
    const post = site.posts[route.post]!.post;
    const clash = findClash(generated, route.file);
    if (clash) {
      reserved.set(clash.owner.file, describe(clash.owner, site));
      const page = `the ${describe(clash.owner, site)}`;
      displaced.set(post.id, {
        severity: "error",
        code: "url-collision",
        file: post.source,
        message: `URL ${route.url} ${clashText(clash, route.file, page, true)}; this post is skipped`,
        hint: "give the post a different slug: or permalink: in its front matter",
      });
      continue;
    }
    const twin = generated.folded.get(route.file.toLowerCase());
    if (twin) {
      warnings.push({
        severity: "warning",
        code: "case-collision",
        file: post.source,
        message: `URL ${route.url} differs only in case from the ${describe(twin, site)}; they collide on case-insensitive file systems`,
        hint: "give the post a different slug: or permalink: in its front matter",
      });
    }
  }
  return { displaced, warnings, reserved };
}

const firstSegment = (file: string): string => {
  const slash = file.indexOf("/");
  return slash < 0 ? file : file.slice(0, slash);
};

function describe(route: Route, site: Site): string {
  if (route.kind === "list" && (route.source.kind === "category" || route.source.kind === "tag")) {
    const term = (route.source.kind === "category" ? site.categories : site.tags)[route.source.term]!;
    return `${route.source.kind} page of "${term.name}"`;
  }
  return `${route.kind === "list" ? `${route.source.kind} listing` : route.kind} page`;
}
