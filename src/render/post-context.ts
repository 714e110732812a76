// A post page's data: the post as templates show it, its neighbours and related posts, its JSON-LD.

import type { Link, Site, SitePost } from "../types.js";
import { absoluteUrl, href } from "./format.js";
import { siteLinks, termView } from "./links.js";
import { pageView, type PageContext } from "./page.js";

/** A post in a link: its title and href. */
export const link = (site: Site, index: number | undefined): Link | null =>
  index === undefined ? null : { title: site.posts[index]!.post.meta.title, url: siteLinks(site).postHref(index) };

/** The context of a post's page (its body's HTML and length are added where the body is rendered). */
export function postContext(site: Site, index: number): PageContext {
  const { config } = site;
  const entry: SitePost = site.posts[index]!;
  const { post } = entry;
  const links = siteLinks(site);
  const categories = entry.categories.map(links.category);
  const tags = entry.tags.map(links.tag);
  const date = links.postDate(index);
  const first = entry.categories[0] === undefined ? undefined : site.categories[entry.categories[0]]!;
  const canonical = absoluteUrl(config, entry.url);
  const schema = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: post.meta.title,
    description: post.excerpt,
    datePublished: date.iso,
    dateModified: date.iso,
    url: canonical,
    mainEntityOfPage: canonical,
    inLanguage: config.language,
    ...(first ? { articleSection: first.title } : {}),
    ...(tags.length ? { keywords: tags.map((t) => t.title).join(",") } : {}),
    publisher: { "@type": "Organization", name: config.title, url: absoluteUrl(config, "/") },
    ...(config.author ? { author: { "@type": "Person", name: config.author } } : {}),
  };
  const alternates = first ? [...links.siteFeeds, ...links.termFeeds("category", entry.categories[0]!)] : links.siteFeeds;
  return {
    page: pageView(site, "post", {
      title: post.meta.title,
      description: post.excerpt,
      url: entry.url,
      type: "article",
      alternates,
      breadcrumbs: [{ title: config.title, url: href(config, "/") }, ...(first ? [termView(config, first)] : [])],
    }),
    post: {
      title: post.meta.title,
      url: href(config, entry.url),
      date,
      categories,
      tags,
      category: first ? termView(config, first) : null,
      excerpt: post.excerpt,
      extra: post.meta.extra,
      older: link(site, entry.older),
      newer: link(site, entry.newer),
      olderInCategory: link(site, entry.olderInCategory),
      newerInCategory: link(site, entry.newerInCategory),
      related: entry.related.map((r) => ({ date: links.postDate(r), ...link(site, r)! })),
      schema,
    },
  };
}
