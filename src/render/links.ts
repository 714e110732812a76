// Per-build lookups that many pages share (each term as shown, feed links), computed once per site
// instead of once per page; a post's href and date are cheap enough to make on each use, and at
// 100,000 posts keeping them cost every render thread 65 MB.

import type { FeedScope } from "../routes/types.js";
import { feedUrl } from "../routes/urls.js";
import type { Site, SiteConfig, Term } from "../types.js";
import { dateView, href, type DateView } from "./format.js";

/** A term as templates show it. */
export interface TermView {
  readonly title: string;
  readonly name: string;
  readonly slug: string;
  readonly url: string;
}

/** A feed advertised by a page's `<link rel="alternate">`. */
export interface FeedLink {
  readonly type: string;
  readonly title: string;
  readonly url: string;
}

/** Shared views of a site's posts and terms, by index. */
export interface SiteLinks {
  /** A post's href and date view, by index. */
  postHref(index: number): string;
  postDate(index: number): DateView;
  /** A category's or tag's view, by index (made on first use: an edit's rebuild shows a few of thousands). */
  category(index: number): TermView;
  tag(index: number): TermView;
  /** The site's own feeds. */
  readonly siteFeeds: readonly FeedLink[];
  /** A term's feeds (made on first use). */
  termFeeds(kind: "category" | "tag", index: number): readonly FeedLink[];
}

const memo = new WeakMap<Site, SiteLinks>();

/** A term as templates show it. */
export const termView = (config: SiteConfig, term: Term): TermView => ({ title: term.title, name: term.name, slug: term.slug, url: href(config, term.url) });


function feedLinks(config: SiteConfig, title: string, scope: FeedScope, slug: string): FeedLink[] {
  return [
    { type: "application/atom+xml", title: `${title} (Atom)`, url: href(config, feedUrl("atom", scope, slug)) },
    { type: "application/rss+xml", title: `${title} (RSS)`, url: href(config, feedUrl("rss", scope, slug)) },
    { type: "application/feed+json", title: `${title} (JSON Feed)`, url: href(config, feedUrl("json", scope, slug)) },
  ];
}

/** The shared views of a site (computed on first use). */
export function siteLinks(site: Site): SiteLinks {
  let links = memo.get(site);
  if (!links) {
    const { config } = site;
    const views = (list: readonly Term[]): ((index: number) => TermView) => {
      const made: (TermView | undefined)[] = new Array(list.length);
      return (index) => (made[index] ??= termView(config, list[index]!));
    };
    const feeds = new Map<string, readonly FeedLink[]>();
    links = {
      postHref: (index) => href(config, site.posts[index]!.url),
      postDate: (index) => dateView(site.posts[index]!.post.date, config.timezone),
      category: views(site.categories),
      tag: views(site.tags),
      siteFeeds: feedLinks(config, config.title, { kind: "site" }, ""),
      termFeeds(kind, index) {
        const key = `${kind}${index}`;
        let list = feeds.get(key);
        if (!list) {
          const term = (kind === "category" ? site.categories : site.tags)[index]!;
          feeds.set(key, (list = feedLinks(config, term.title, { kind, term: index }, term.slug)));
        }
        return list;
      },
    };
    memo.set(site, links);
  }
  return links;
}

/** Lets `to`, a copy of `from` whose posts kept their URLs and dates, reuse the views already made for `from`. */
export function shareLinks(from: Site, to: Site): void {
  const links = memo.get(from);
  if (links) memo.set(to, links);
}
