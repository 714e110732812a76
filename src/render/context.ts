// Site + route → the data a template receives. Pure; the README lists every variable built here.
// Templates consume this and never build collections themselves.

import type { ListSource, Pager, PostList, Route } from "../routes/types.js";
import { FIXED_URLS, feedUrl } from "../routes/urls.js";
import type { Link, Site } from "../types.js";
import { yearCalendar } from "./charts.js";
import { href, periodTitle, type DateView } from "./format.js";
import { archiveContext, termsContext } from "./indexes.js";
import { siteLinks, termView, type TermView } from "./links.js";

export { termView } from "./links.js";
import { pageView, type PageBase, type PageContext } from "./page.js";
import { postContext } from "./post-context.js";

/** A post in a listing. */
export interface ItemView {
  readonly title: string;
  readonly url: string;
  readonly date: DateView;
  readonly excerpt: string;
  readonly categories: readonly TermView[];
}

/** Site-wide values every page receives as `site`; hashed once per build for page signatures. */
export interface SiteView {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly base: string;
  readonly language: string;
  readonly timezone: string;
  readonly author: string;
  readonly home: string;
  readonly nav: readonly TermView[];
  readonly feeds: { readonly atom: string; readonly rss: string; readonly json: string };
  readonly links: { readonly categories: string; readonly tags: string; readonly archive: string; readonly search: string; readonly sitemap: string };
  readonly search: boolean;
  readonly generator: string;
}

export type { PageContext } from "./page.js";

/** Builds `site`: the same object for every page of a build. */
export function siteView(site: Site, generator: string): SiteView {
  const { config } = site;
  const nav = site.categories
    .map((term, index) => ({ term, index }))
    .sort((a, b) => b.term.posts.length - a.term.posts.length || a.index - b.index)
    .slice(0, config.navCategories)
    .map(({ term }) => termView(config, term));
  return {
    title: config.title,
    description: config.description,
    url: config.url,
    base: config.basePath,
    language: config.language,
    timezone: config.timezone,
    author: config.author,
    home: href(config, "/"),
    nav,
    feeds: {
      atom: href(config, feedUrl("atom", { kind: "site" })),
      rss: href(config, feedUrl("rss", { kind: "site" })),
      json: href(config, feedUrl("json", { kind: "site" })),
    },
    links: {
      categories: href(config, FIXED_URLS.categories),
      tags: href(config, FIXED_URLS.tags),
      archive: href(config, FIXED_URLS.archive),
      search: href(config, FIXED_URLS.search),
      sitemap: href(config, FIXED_URLS.sitemap),
    },
    search: config.search,
    generator,
  };
}


/** A post as a listing shows it. */
export function itemView(site: Site, index: number): ItemView {
  const { post, categories } = site.posts[index]!;
  const links = siteLinks(site);
  return {
    title: post.meta.title,
    url: links.postHref(index),
    date: links.postDate(index),
    excerpt: post.excerpt,
    categories: categories.map(links.category),
  };
}

/** The template a route is rendered with (undefined: generated in code, not a template). */
export function templateFor(route: Route): string | undefined {
  switch (route.kind) {
    case "post":
      return "post.njk";
    case "list":
      return "list.njk";
    case "terms":
      return "terms.njk";
    case "archive":
      return "archive.njk";
    case "page":
      return `${route.name}.njk`;
    default:
      return undefined;
  }
}

/** The context of a templated route. */
export function pageContext(site: Site, siteData: SiteView, route: Route): PageContext {
  switch (route.kind) {
    case "post":
      return postContext(site, route.post);
    case "list":
      return listContext(site, siteData, route.url, route.source, route.pager, route.items);
    case "terms":
      return termsContext(site, route.taxonomy);
    case "archive":
      return archiveContext(site);
    case "page":
      return {
        page: pageView(site, route.name, { title: route.name === "404" ? "页面不存在" : "搜索", description: "", url: route.url, noindex: true }),
      };
    default:
      throw new Error(`no template context for ${route.kind}`);
  }
}

function listContext(site: Site, siteData: SiteView, url: string, source: ListSource, pager: Pager, items: PostList): PageContext {
  const { config } = site;
  const links = siteLinks(site);
  const pagerView = {
    page: pager.page,
    pages: pager.pages,
    first: href(config, pager.first),
    prev: pager.prev ? href(config, pager.prev) : null,
    next: pager.next ? href(config, pager.next) : null,
    last: href(config, pager.last),
  };
  const pageSuffix = pager.page > 1 ? ` (${pager.page}/${pager.pages})` : "";
  let list: Record<string, unknown>;
  let base: PageBase;
  if (source.kind === "home") {
    list = { kind: "home", title: config.title, description: config.description, term: null, period: null };
    base = { title: pager.page > 1 ? `最新${pageSuffix}` : "", description: config.description, url, pager, alternates: links.siteFeeds };
  } else if ("term" in source) {
    const term = (source.kind === "category" ? site.categories : site.tags)[source.term]!;
    const feeds = source.kind === "category" || config.feeds.tags ? links.termFeeds(source.kind, source.term) : [];
    list = {
      kind: source.kind,
      title: term.title,
      description: term.description ?? "",
      term: { description: term.description ?? "", count: term.posts.length, feeds, ...termView(config, term) },
      period: null,
    };
    const index = source.kind === "category" ? siteData.links.categories : siteData.links.tags;
    base = {
      title: term.title + pageSuffix,
      description: term.description ?? `${config.title}: ${term.title}`,
      url,
      pager,
      alternates: [...links.siteFeeds, ...feeds],
      breadcrumbs: [
        { title: config.title, url: href(config, "/") },
        { title: source.kind === "category" ? "分类" : "标签", url: index },
      ],
    };
  } else {
    const periods = source.kind === "year" ? site.years : source.kind === "month" ? site.months : site.days;
    const period = periods[source.period]!;
    const neighbour = (i: number): Link | null => {
      const other = periods[i];
      return other ? { title: periodTitle(other.key, config.language), url: href(config, other.url) } : null;
    };
    const title = periodTitle(period.key, config.language);
    list = {
      kind: source.kind,
      title,
      description: "",
      term: null,
      period: { kind: source.kind, key: period.key, title, count: period.posts.length, older: neighbour(source.period + 1), newer: neighbour(source.period - 1) },
    };
    base = {
      title: title + pageSuffix,
      description: `${config.title}: ${title}`,
      url,
      pager,
      alternates: links.siteFeeds,
      breadcrumbs: [
        { title: config.title, url: href(config, "/") },
        { title: "归档", url: siteData.links.archive },
      ],
    };
  }
  // The year's calendar heads its first page only; later pages continue the listing.
  const calendar = source.kind === "year" && pager.page === 1 ? yearCalendar(site, site.years[source.period]!) : null;
  return {
    page: pageView(site, source.kind, base),
    list: Object.assign(list, { items: Array.from(items, (i) => itemView(site, i)), pager: pagerView, calendar }),
  };
}
