// The dependency graph, as signatures: each page's signature is a hash of exactly the inputs it is
// rendered from (its template and everything that template includes, the site-wide values, and the
// posts it shows). A page whose signature is unchanged since the last build is not rendered again;
// this one mechanism serves the cached CLI rebuild and the dev server alike.

import { periodsWithin } from "../model/archives.js";
import type { Route } from "../routes/types.js";
import type { Site } from "../types.js";
import { lastmodDate } from "../render/sitemap.js";
import { Digest } from "./digest.js";

/**
 * A key per post (two 32-bit lanes) that changes whenever anything a link, listing item or feed
 * entry shows of it changes. Worked out on first use: a rebuild after an edit signs few pages. The
 * pair returned is the same array each call: read it at once.
 */
function postKeys(site: Site): (post: number) => readonly [number, number] {
  const keys = new Int32Array(site.posts.length * 2);
  const known = new Uint8Array(site.posts.length);
  const pair: [number, number] = [0, 0];
  return (i) => {
    if (!known[i]) {
      const entry = site.posts[i]!;
      const digest = new Digest().text(entry.post.hash).text(entry.url);
      for (const t of entry.categories) digest.text(site.categories[t]!.url);
      digest.int(-1);
      for (const t of entry.tags) digest.text(site.tags[t]!.url);
      const [a, b] = digest.finish();
      keys[2 * i] = a | 0;
      keys[2 * i + 1] = b | 0;
      known[i] = 1;
    }
    pair[0] = keys[2 * i]!;
    pair[1] = keys[2 * i + 1]!;
    return pair;
  };
}

/** What several routes' signatures share: the posts' keys, and the sitemap's digest (made on first use). */
interface Shared {
  readonly key: (post: number) => readonly [number, number];
  sitemap(): string;
}

/** The signature of every route (see routeSignature), sharing the digests several routes need. */
export function routeSignatures(routes: readonly Route[], site: Site, global: string, templateHash: (route: Route) => string | undefined): (string | undefined)[] {
  let sitemap: string | undefined;
  const shared: Shared = {
    key: postKeys(site),
    // Every listed page's URL and the date its lastmod comes from: what the sitemap shows.
    sitemap: () => {
      if (sitemap === undefined) {
        const digest = new Digest();
        for (const route of routes) {
          const date = lastmodDate(site, route);
          digest.text(route.url).number(date === null ? -2 : (date ?? -1));
        }
        sitemap = digest.hex();
      }
      return sitemap;
    },
  };
  // Every route's digest starts with the site-wide key and its template's hash: fed once per template.
  const prefixes = new Map<string | undefined, Digest>();
  const prefix = (template: string | undefined): Digest => {
    let digest = prefixes.get(template);
    if (!digest) prefixes.set(template, (digest = new Digest().text(global).text(template ?? "")));
    return digest;
  };
  return routes.map((route) => routeSignature(route, site, shared, prefix(templateHash(route))));
}

/**
 * The posts whose keys a route's signature folds in (a missing neighbour as undefined), or undefined
 * for a route that shows no post's own data: every other input of a signature is the site's shape.
 */
export function shownPosts(route: Route, site: Site): ArrayLike<number | undefined> | undefined {
  if (route.kind === "post") {
    const entry = site.posts[route.post]!;
    return [route.post, entry.older, entry.newer, entry.olderInCategory, entry.newerInCategory, ...entry.related];
  }
  return route.kind === "list" || route.kind === "feed" ? route.items : undefined;
}

/**
 * The signature of a route, or undefined for pages cheap enough to render every time (the news
 * sitemap, which follows the clock; robots.txt, 404 and search): those are still written only when
 * their bytes change.
 */
function routeSignature(route: Route, site: Site, shared: Shared, prefix: Digest): string | undefined {
  const digest = Digest.from(prefix).text(route.kind).text(route.url);
  // Posts by their keys; a missing neighbour as a marker. The count first: lists of any length differ.
  const posts = (indices: ArrayLike<number | undefined>): void => {
    digest.int(indices.length);
    for (let n = 0; n < indices.length; n++) {
      const i = indices[n];
      if (i === undefined) digest.text("-");
      else {
        const [a, b] = shared.key(i);
        digest.int(a).int(b);
      }
    }
  };
  switch (route.kind) {
    case "post":
      posts(shownPosts(route, site)!);
      break;
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
      digest.text(identity).text(JSON.stringify(pager));
      posts(shownPosts(route, site)!);
      break;
    }
    case "feed": {
      const term = route.scope.kind === "site" ? undefined : (route.scope.kind === "category" ? site.categories : site.tags)[route.scope.term]!;
      digest.text(route.format).text(term ? JSON.stringify([term.kind, term.name, term.title, term.description ?? "", term.url, term.slug]) : "site");
      posts(shownPosts(route, site)!);
      break;
    }
    case "terms": {
      // Each term as the index shows it: names, links, counts and the date of its newest post.
      const terms = route.taxonomy === "category" ? site.categories : site.tags;
      digest.text(JSON.stringify(terms.map((t) => [t.name, t.title, t.description ?? "", t.url, t.posts.length, site.posts[t.posts[0]!]?.post.date ?? 0])));
      break;
    }
    case "archive":
      digest.text(JSON.stringify([site.posts.length, [site.years, site.months].map((periods) => periods.map((p) => [p.key, p.url, p.posts.length]))]));
      break;
    case "sitemap":
      digest.text(`${route.part}/${route.parts}`).text(shared.sitemap());
      break;
    default:
      return undefined;
  }
  return digest.hex();
}
