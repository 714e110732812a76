// Atom, RSS 2.0 and JSON Feed 1.1, written in code rather than templates so that they are valid
// whatever the text holds. An entry is rendered once per post, where its HTML is, and a feed is
// its header around the entries it lists.

import type { FeedFormat, Route } from "../routes/types.js";
import { localTime } from "../parse/dates.js";
import type { Site } from "../types.js";
import { stripControls, xmlEscape } from "./escape.js";
import { absoluteUrl, dateView, type DateView } from "./format.js";

/** One post as feeds show it. URLs are absolute. */
export interface FeedEntry {
  readonly title: string;
  readonly url: string;
  readonly date: DateView;
  /** The instant, for RSS's RFC 822 date. */
  readonly ms: number;
  readonly categories: readonly { readonly title: string; readonly url: string }[];
  readonly tags: readonly string[];
  readonly summary: string;
  readonly html: string;
}

/** A feed's own data. URLs are absolute. */
export interface FeedHeader {
  readonly title: string;
  readonly subtitle: string;
  readonly language: string;
  /** The feed's own URL, and the page it follows. */
  readonly self: string;
  readonly page: string;
  readonly updated: string;
  readonly author: string;
  readonly generator: string;
  readonly timezone: string;
}

/** A post as feeds show it, without its HTML. */
export function feedEntryData(site: Site, index: number): Omit<FeedEntry, "html"> {
  const { config } = site;
  const entry = site.posts[index]!;
  return {
    title: entry.post.meta.title,
    url: absoluteUrl(config, entry.url),
    date: dateView(entry.post.date, config.timezone),
    ms: entry.post.date,
    categories: entry.categories.map((t) => ({ title: site.categories[t]!.title, url: absoluteUrl(config, site.categories[t]!.url) })),
    tags: entry.tags.map((t) => site.tags[t]!.title),
    summary: entry.post.excerpt,
  };
}

/** Makes root-relative links in a post's HTML absolute: feed readers show it away from the site. */
export function absolutizeHtml(html: string, origin: string): string {
  return html.replace(/\b(href|src)=(["'])\/(?!\/)/g, `$1=$2${origin}/`);
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number): string => String(n).padStart(2, "0");

/** RFC 822 date with the zone's offset, as RSS wants: `Tue, 18 Jan 2022 14:05:51 +0800`. */
export function rfc822(ms: number, timezone: string): string {
  const t = localTime(ms, timezone);
  const weekday = DAYS[new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay()]!;
  const sign = t.offset < 0 ? "-" : "+";
  const abs = Math.abs(t.offset);
  return `${weekday}, ${pad(t.day)} ${MONTHS[t.month - 1]} ${t.year} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** A post's entry in each feed format. */
export interface FeedEntries {
  readonly atom: string;
  readonly rss: string;
  readonly json: string;
}

/**
 * A post's entry in every format. The XML formats share their escaped text: the body's HTML is most
 * of a feed's bytes, and escaping it once per format cost a pass over it each.
 */
export function feedEntries(entry: FeedEntry, timezone: string): FeedEntries {
  const x = xmlEscape;
  const [title, url, summary, html] = [x(entry.title), x(entry.url), x(entry.summary), x(entry.html)];
  const atomCategories = entry.categories.map((c) => `<category term="${x(c.title)}" scheme="${x(c.url)}"/>`).join("");
  const atomTags = entry.tags.map((t) => `<category term="${x(t)}"/>`).join("");
  const atom =
    `<entry><title type="text">${title}</title><link rel="alternate" type="text/html" href="${url}"/>` +
    `<id>${url}</id><published>${entry.date.iso}</published><updated>${entry.date.iso}</updated>${atomCategories}${atomTags}` +
    `<summary type="text">${summary}</summary><content type="html">${html}</content></entry>\n`;
  const rssCategories = [...entry.categories.map((c) => c.title), ...entry.tags].map((c) => `<category>${x(c)}</category>`).join("");
  const rss =
    `<item><title>${title}</title><link>${url}</link><guid isPermaLink="true">${url}</guid>` +
    `<pubDate>${rfc822(entry.ms, timezone)}</pubDate>${rssCategories}<description>${summary}</description>` +
    `<content:encoded>${html}</content:encoded></item>\n`;
  const json = JSON.stringify({
    id: entry.url,
    url: entry.url,
    title: stripControls(entry.title),
    content_html: stripControls(entry.html),
    summary: stripControls(entry.summary),
    date_published: entry.date.iso,
    tags: [...entry.categories.map((c) => stripControls(c.title)), ...entry.tags.map(stripControls)],
  });
  return { atom, rss, json };
}

/** A whole feed from its header and entries already rendered in its format. */
export function feedDocument(format: FeedFormat, header: FeedHeader, entries: readonly string[]): string {
  const x = xmlEscape;
  if (format === "atom") {
    return (
      `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(header.language)}">\n` +
      `<title type="text">${x(header.title)}</title>` +
      (header.subtitle ? `<subtitle type="text">${x(header.subtitle)}</subtitle>` : "") +
      `<link rel="self" type="application/atom+xml" href="${x(header.self)}"/><link rel="alternate" type="text/html" href="${x(header.page)}"/>` +
      `<id>${x(header.self)}</id><updated>${header.updated}</updated><author><name>${x(header.author || header.title)}</name></author>` +
      `<generator>${x(header.generator)}</generator>\n${entries.join("")}</feed>\n`
    );
  }
  if (format === "rss") {
    return (
      `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>` +
      `<title>${x(header.title)}</title><link>${x(header.page)}</link><description>${x(header.subtitle || header.title)}</description>` +
      `<language>${x(header.language)}</language><atom:link href="${x(header.self)}" rel="self" type="application/rss+xml"/>` +
      `<lastBuildDate>${header.updated ? rfc822(Date.parse(header.updated), header.timezone) : ""}</lastBuildDate><generator>${x(header.generator)}</generator>\n` +
      `${entries.join("")}</channel>\n</rss>\n`
    );
  }
  const head = JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: stripControls(header.title),
    home_page_url: header.page,
    feed_url: header.self,
    description: stripControls(header.subtitle),
    language: header.language,
    ...(header.author ? { authors: [{ name: stripControls(header.author) }] } : {}),
  });
  return `${head.slice(0, -1)},"items":[\n${entries.join(",\n")}\n]}\n`;
}

const EPOCH = "1970-01-01T00:00:00+00:00";

/** A feed's whole file: its header, from the site and its scope, around its entries' texts in its format. */
export function feedFile(site: Site, route: Route & { kind: "feed" }, entries: readonly string[], generator: string): string {
  const { config } = site;
  const term = route.scope.kind === "site" ? undefined : (route.scope.kind === "category" ? site.categories : site.tags)[route.scope.term]!;
  const newest = route.items[0];
  const header: FeedHeader = {
    title: term ? `${term.title} - ${config.title}` : config.title,
    subtitle: term?.description ?? config.description,
    language: config.language,
    self: absoluteUrl(config, route.url),
    page: absoluteUrl(config, term ? term.url : "/"),
    updated: newest === undefined ? EPOCH : dateView(site.posts[newest]!.post.date, config.timezone).iso,
    author: config.author,
    generator,
    timezone: config.timezone,
  };
  return feedDocument(route.format, header, entries);
}
