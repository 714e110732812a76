// The render stage: templated pages through the worker pool (each post's page on the thread that
// holds its HTML, with its feed entries rendered alongside), then feeds, sitemaps and robots.txt
// assembled here from what the workers returned.

import type { Problem } from "../errors.js";
import { pageContext, templateFor, type SiteView } from "../render/context.js";
import { feedDocument, type FeedEntry, type FeedHeader } from "../render/feeds.js";
import { absoluteUrl, dateView } from "../render/format.js";
import { renderNewsSitemap, renderRobots, renderSitemap } from "../render/sitemap.js";
import type { FeedFormat, Route } from "../routes/types.js";
import type { Site } from "../types.js";
import type { Pool } from "../workers/pool.js";
import type { ParseJob, RenderJob, RenderResult } from "../workers/tasks.js";
import { writeOutputFile, type WriteResult } from "../write/files.js";

/** What the render stage needs. */
export interface RenderInput {
  readonly site: Site;
  readonly siteView: SiteView;
  /** Every route of the site (sitemaps list them all). */
  readonly routes: readonly Route[];
  /** The routes to produce in this build. */
  readonly render: readonly Route[];
  readonly pool: (jobs: number) => Promise<Pool>;
  /** Which pool lane holds each post's HTML. */
  readonly lanes: ReadonlyMap<string, number>;
  readonly files: ReadonlyMap<string, ParseJob>;
  readonly workDir: string;
  readonly currentDir?: string;
  readonly now: number;
  readonly generator: string;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What was written. */
export interface RenderOutput {
  readonly writes: Map<string, WriteResult>;
  readonly problems: Problem[];
}

type Item = { readonly route: Route & { kind: "post" | "list" | "terms" | "archive" | "page" } } | { readonly entryOf: number };

/** Renders and writes the routes of the plan into the work folder. */
export async function renderRoutes(input: RenderInput): Promise<RenderOutput> {
  const { site, render } = input;
  const feeds = render.filter((route): route is Route & { kind: "feed" } => route.kind === "feed");
  const wanted = new Set<number>();
  for (const feed of feeds) for (const post of feed.items) wanted.add(post);

  const items: Item[] = [];
  const paged = new Set<number>();
  for (const route of render) {
    if (route.kind === "post" || route.kind === "list" || route.kind === "terms" || route.kind === "archive" || route.kind === "page") {
      items.push({ route });
      if (route.kind === "post") paged.add(route.post);
    }
  }
  for (const post of wanted) if (!paged.has(post)) items.push({ entryOf: post });

  const postOf = (item: Item): number | undefined => ("entryOf" in item ? item.entryOf : item.route.kind === "post" ? item.route.post : undefined);
  const prepare = (item: Item): RenderJob => {
    const index = postOf(item);
    const post = index === undefined ? undefined : input.files.get(site.posts[index]!.post.id);
    const entry = index !== undefined && wanted.has(index) ? entryData(site, index) : undefined;
    if ("entryOf" in item) return { file: "", post, entry };
    const template = templateFor(item.route)!;
    return { file: item.route.file, template, context: pageContext(site, input.siteView, item.route), post, entry };
  };
  const laneOf = (item: Item): number | undefined => {
    const index = postOf(item);
    return index === undefined ? undefined : input.lanes.get(site.posts[index]!.post.id);
  };

  const total = items.length + render.length - items.filter((i) => "route" in i).length;
  let done = 0;
  const progress = (count: number): void => {
    done += count;
    input.onProgress?.(done, total);
  };
  const pool = await input.pool(items.length);
  const results: RenderResult[] = await pool.render(items, prepare, laneOf, progress);

  const writes = new Map<string, WriteResult>();
  const problems: Problem[] = [];
  const entries = new Map<number, NonNullable<RenderResult["entries"]>>();
  const indexOfId = new Map(site.posts.map((entry, i) => [entry.post.id, i]));
  for (const result of results) {
    if (result.problem) problems.push(result.problem);
    if (result.write) writes.set(result.file, result.write);
    const index = result.entries && result.post !== undefined ? indexOfId.get(result.post) : undefined;
    if (index !== undefined) entries.set(index, result.entries!);
  }

  const write = (file: string, text: string): void => {
    writes.set(file, writeOutputFile(input.workDir, file, text, input.currentDir));
  };
  for (const feed of feeds) write(feed.file, feedText(site, feed, entries, input.generator));
  for (const route of render) {
    if (route.kind === "sitemap") write(route.file, renderSitemap(site, input.routes, route.part, route.parts));
    else if (route.kind === "news-sitemap") write(route.file, renderNewsSitemap(site, input.now));
    else if (route.kind === "robots") write(route.file, renderRobots(site));
    else continue;
    progress(1);
  }
  progress(feeds.length);
  return { writes, problems };
}

/** A post as feeds show it, without its HTML (the worker adds that). */
function entryData(site: Site, index: number): Omit<FeedEntry, "html"> {
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

const EPOCH = "1970-01-01T00:00:00+00:00";

function feedText(site: Site, route: Route & { kind: "feed" }, entries: ReadonlyMap<number, NonNullable<RenderResult["entries"]>>, generator: string): string {
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
  const format: FeedFormat = route.format;
  return feedDocument(
    format,
    header,
    // A post whose file vanished after parsing has no entry; it was reported as a problem.
    route.items.flatMap((i) => entries.get(i)?.[format] ?? []),
  );
}
