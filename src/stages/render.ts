// The render stage: templated pages through the worker pool (a post's feed entries rendered with
// its page, from the same HTML), then feeds, sitemaps and robots.txt assembled here from what the
// workers returned, while the workers go on with the listings.

import type { Problem } from "../errors.js";
import type { SiteView } from "../render/context.js";
import { feedDocument, type FeedHeader } from "../render/feeds.js";
import { absoluteUrl, dateView } from "../render/format.js";
import { renderNewsSitemap, renderRobots, renderSitemap } from "../render/sitemap.js";
import type { Route } from "../routes/types.js";
import type { Site } from "../types.js";
import type { Pool } from "../workers/pool.js";
import type { FeedEntries, RenderJob, RenderResult } from "../workers/tasks.js";
import { writeOutputFile, type WriteResult } from "../write/files.js";

/** What the render stage needs. */
export interface RenderInput {
  readonly site: Site;
  readonly siteView: SiteView;
  /** Every route of the site (sitemaps list them all). */
  readonly routes: readonly Route[];
  /** The routes to produce in this build. */
  readonly render: readonly Route[];
  /** The pool for a number of jobs, already given the site to render. */
  readonly pool: (jobs: number) => Promise<Pool>;
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

const TEMPLATED = new Set<Route["kind"]>(["post", "list", "terms", "archive", "page"]);

/** Renders and writes the routes of the plan into the work folder. */
export async function renderRoutes(input: RenderInput): Promise<RenderOutput> {
  const { site, render } = input;
  const feeds = render.filter((route): route is Route & { kind: "feed" } => route.kind === "feed");
  const wanted = new Set<number>();
  for (const feed of feeds) for (const post of feed.items) wanted.add(post);

  // Post pages first: they return the feed entries, and feeds are assembled here while listings render.
  const postJobs: RenderJob[] = [];
  const paged = new Set<number>();
  for (const route of render) {
    if (route.kind !== "post") continue;
    postJobs.push({ route, entry: wanted.has(route.post) });
    paged.add(route.post);
  }
  for (const post of wanted) if (!paged.has(post)) postJobs.push({ entryOf: post });
  const otherJobs: RenderJob[] = render.filter((route) => route.kind !== "post" && TEMPLATED.has(route.kind)).map((route) => ({ route, entry: false }));

  const total = postJobs.length + otherJobs.length + render.filter((route) => !TEMPLATED.has(route.kind)).length;
  let done = 0;
  const progress = (count: number): void => {
    done += count;
    input.onProgress?.(done, total);
  };
  const writes = new Map<string, WriteResult>();
  const problems: Problem[] = [];
  const entries = new Map<number, FeedEntries>();
  const collect = (results: readonly RenderResult[]): void => {
    for (const result of results) {
      if (result.problem) problems.push(result.problem);
      if (result.write) writes.set(result.file, result.write);
      if (result.entries && result.post !== undefined) entries.set(result.post, result.entries);
    }
    progress(results.length);
  };
  const pool = await input.pool(postJobs.length + otherJobs.length);
  await pool.render(postJobs, collect);
  // Handled from the start: listings failing while this thread writes feeds must not go unhandled.
  const listings = pool.render(otherJobs, collect).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );

  // Meanwhile, in this thread: feeds from the returned entries, sitemaps, robots.txt.
  const write = (file: string, text: string): void => {
    writes.set(file, writeOutputFile(input.workDir, file, text, input.currentDir));
    progress(1);
  };
  const sliceMs = 20;
  let since = performance.now();
  try {
    for (const feed of feeds) {
      write(feed.file, feedText(site, feed, entries, input.generator));
      // Yield now and then, so the workers' finished batches are collected and they get new ones.
      if (performance.now() - since > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
    for (const route of render) {
      if (route.kind === "sitemap") write(route.file, renderSitemap(site, input.routes, route.part, route.parts));
      else if (route.kind === "news-sitemap") write(route.file, renderNewsSitemap(site, input.now));
      else if (route.kind === "robots") write(route.file, renderRobots(site));
    }
  } catch (error) {
    // Let the workers stop writing into the work folder before the build throws it away.
    await listings;
    throw error;
  }
  const failed = await listings;
  if (failed) throw failed.error;
  return { writes, problems };
}

const EPOCH = "1970-01-01T00:00:00+00:00";

function feedText(site: Site, route: Route & { kind: "feed" }, entries: ReadonlyMap<number, FeedEntries>, generator: string): string {
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
  // A post whose file vanished after parsing has no entry; it was reported as a problem.
  return feedDocument(route.format, header, route.items.flatMap((i) => entries.get(i)?.[route.format] ?? []));
}
