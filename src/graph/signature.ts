// The dependency graph, as signatures: each page's signature is a hash of exactly the inputs it is
// rendered from (its template and everything that template includes, the site-wide values, and the
// posts it shows). A page whose signature is unchanged since the last build is not rendered again;
// this one mechanism serves the cached CLI rebuild and the dev server alike.

import { createHash } from "node:crypto";
import { periodsWithin } from "../model/archives.js";
import type { Route } from "../routes/types.js";
import type { Site } from "../types.js";

const hash = (text: string): string => createHash("sha1").update(text).digest("base64url").slice(0, 20);

/** A short key per post that changes whenever anything a link, listing item or feed entry shows of it changes. */
export function postKeys(site: Site): string[] {
  return site.posts.map((entry) =>
    hash(
      [entry.post.hash, entry.url, ...entry.categories.map((t) => site.categories[t]!.url), "|", ...entry.tags.map((t) => site.tags[t]!.url)].join("\n"),
    ),
  );
}

/** Site-wide inputs every page shares (site view, configuration, broadsheet's version). */
export function globalKey(parts: readonly unknown[]): string {
  return hash(JSON.stringify(parts));
}

/** The signature of every route (see routeSignature), sharing the digests several routes need. */
export function routeSignatures(routes: readonly Route[], site: Site, global: string, templateHash: (route: Route) => string | undefined): (string | undefined)[] {
  const keys = postKeys(site);
  let sitemap: string | undefined;
  const digests = {
    keys,
    // Every listed page's URL and the date its lastmod comes from: what the sitemap shows.
    sitemap: (): string => (sitemap ??= hash(routes.map((r) => `${r.url} ${lastmodSource(r, site)}`).join("\n"))),
  };
  return routes.map((route) => routeSignature(route, site, digests, global, templateHash(route)));
}

/** The post whose date a route's sitemap lastmod is, as a number (-1: none). */
function lastmodSource(route: Route, site: Site): number {
  if (route.kind === "post") return site.posts[route.post]!.post.date;
  if (route.kind === "list") return route.items.length ? site.posts[route.items[0]!]!.post.date : -1;
  if (route.kind === "terms" || route.kind === "archive") return site.posts[0]?.post.date ?? -1;
  return -2; // not listed
}

/**
 * The signature of a route, or undefined for pages cheap enough to render every time (the news
 * sitemap, which follows the clock; robots.txt, 404 and search): those are still written only when
 * their bytes change.
 */
function routeSignature(route: Route, site: Site, digests: { keys: readonly string[]; sitemap: () => string }, global: string, templateHash: string | undefined): string | undefined {
  const { keys } = digests;
  const of = (indices: readonly (number | undefined)[]): string => indices.map((i) => (i === undefined ? "-" : keys[i])).join(",");
  let specific: string;
  switch (route.kind) {
    case "post": {
      const entry = site.posts[route.post]!;
      specific = of([route.post, entry.older, entry.newer, entry.olderInCategory, entry.newerInCategory, ...entry.related]);
      break;
    }
    case "list": {
      const { source, pager } = route;
      let identity: string;
      if (source.kind === "home") identity = "home";
      else if ("term" in source) {
        const term = (source.kind === "category" ? site.categories : site.tags)[source.term]!;
        identity = JSON.stringify([source.kind, term.name, term.title, term.description ?? "", term.url, term.slug, term.posts.length]);
      } else {
        const periods = source.kind === "year" ? site.years : source.kind === "month" ? site.months : site.days;
        const at = source.period;
        // A year's first page draws its calendar: every day's count in the year is an input.
        const calendar = source.kind === "year" && pager.page === 1 ? periodsWithin(site.days, periods[at]!.key).map((d) => `${d.key}:${d.posts.length}`) : [];
        identity = JSON.stringify([source.kind, periods[at]!.key, periods[at]!.posts.length, periods[at - 1]?.url ?? "", periods[at + 1]?.url ?? "", calendar]);
      }
      specific = `${identity}|${JSON.stringify(pager)}|${of(route.items)}`;
      break;
    }
    case "feed": {
      const term = route.scope.kind === "site" ? undefined : (route.scope.kind === "category" ? site.categories : site.tags)[route.scope.term]!;
      const scope = term ? JSON.stringify([term.kind, term.name, term.title, term.description ?? "", term.url, term.slug]) : "site";
      specific = `${route.format}|${scope}|${of(route.items)}`;
      break;
    }
    case "terms": {
      // Each term as the index shows it: names, links, counts and the date of its newest post.
      const terms = route.taxonomy === "category" ? site.categories : site.tags;
      specific = JSON.stringify(terms.map((t) => [t.name, t.title, t.description ?? "", t.url, t.posts.length, site.posts[t.posts[0]!]?.post.date ?? 0]));
      break;
    }
    case "archive":
      specific = JSON.stringify([site.posts.length, [site.years, site.months].map((periods) => periods.map((p) => [p.key, p.url, p.posts.length]))]);
      break;
    case "sitemap":
      specific = `${route.part}/${route.parts}|${digests.sitemap()}`;
      break;
    default:
      return undefined;
  }
  return hash(`${route.kind}\n${route.url}\n${templateHash ?? ""}\n${global}\n${specific}`);
}
