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

/**
 * The signature of a route, or undefined for pages cheap enough to render every time (indexes,
 * sitemaps, robots.txt): those are still written only when their bytes change.
 */
export function routeSignature(route: Route, site: Site, keys: readonly string[], global: string, templateHash: string | undefined): string | undefined {
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
    default:
      return undefined;
  }
  return hash(`${route.kind}\n${route.url}\n${templateHash ?? ""}\n${global}\n${specific}`);
}
