// The render stage: templated pages through the worker pool (a post's feed entries rendered with
// its page, from the same HTML), then feeds, sitemaps and robots.txt assembled here from what the
// workers returned, while the workers go on with the listings.

import type { Problem } from "../errors.js";
import type { SiteView } from "../render/context.js";
import { feedDocument, type FeedEntries, type FeedHeader } from "../render/feeds.js";
import { absoluteUrl, dateView } from "../render/format.js";
import { renderNewsSitemap, renderRobots, sitemapPieces } from "../render/sitemap.js";
import type { Route } from "../routes/types.js";
import type { Site } from "../types.js";
import type { Pool } from "../workers/pool.js";
import type { RenderJob, RenderResult } from "../workers/tasks.js";
import { writeOutputFile, type WriteResult } from "../write/files.js";
import { assemble, nextTurn } from "../turns.js";

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
/** Files this thread assembles itself while the threads render the listings. */
const ASSEMBLED_HERE = new Set<Route["kind"]>(["sitemap", "news-sitemap", "robots"]);

/** Renders and writes the routes of the plan into the work folder. */
export async function renderRoutes(input: RenderInput): Promise<RenderOutput> {
  const { site, render } = input;
  const feeds = render.filter((route): route is Route & { kind: "feed" } => route.kind === "feed");
  // The posts feeds list, feed by feed: rendered in that order, each feed's entries arrive together,
  // it is written, and they are let go. In site order a category's newest posts may spread over the
  // whole run, their entries waiting in memory for the last of them.
  const wanted = new Set<number>();
  for (const feed of feeds) for (const post of feed.items) wanted.add(post);

  // Post pages first: they return the feed entries, and each feed is written here once its entries are in.
  const pageOf = new Map<number, Route & { kind: "post" }>();
  for (const route of render) if (route.kind === "post") pageOf.set(route.post, route);
  const postJobs: RenderJob[] = [];
  for (const post of wanted) {
    const route = pageOf.get(post);
    postJobs.push(route ? { route, entry: true } : { entryOf: post });
  }
  for (const [post, route] of pageOf) if (!wanted.has(post)) postJobs.push({ route, entry: false });
  const otherJobs: RenderJob[] = render.filter((route) => route.kind !== "post" && TEMPLATED.has(route.kind)).map((route) => ({ route, entry: false }));

  const total = postJobs.length + otherJobs.length + render.filter((route) => !TEMPLATED.has(route.kind)).length;
  let done = 0;
  const progress = (count: number): void => {
    done += count;
    input.onProgress?.(done, total);
  };
  const writes = new Map<string, WriteResult>();
  const problems: Problem[] = [];
  const write = (file: string, text: string): void => {
    writes.set(file, writeOutputFile(input.workDir, file, text, input.currentDir));
    progress(1);
  };
  const feedWriter = feedsAsEntriesArrive(feeds, (feed, entries) => write(feed.file, feedText(site, feed, entries, input.generator)));
  const collect = (results: readonly RenderResult[]): void => {
    for (const result of results) {
      if (result.problem) problems.push(result.problem);
      if (result.write) writes.set(result.file, result.write);
      if (result.entries && result.post !== undefined) feedWriter.add(result.post, result.entries);
    }
    progress(results.length);
  };
  const pool = await input.pool(postJobs.length + otherJobs.length);
  await pool.render(postJobs, collect);
  // Feeds were written as their entries arrived; one still waiting lists a post whose file vanished.
  feedWriter.flush();
  // Handled from the start: listings failing while this thread writes sitemaps must not go unhandled.
  const listings = pool.render(otherJobs, collect).then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  try {
    for (const route of render) {
      if (!ASSEMBLED_HERE.has(route.kind)) continue;
      // A turn before each file: the threads' next listings go out before this thread works on.
      await nextTurn();
      if (route.kind === "sitemap") write(route.file, await assemble(sitemapPieces(site, input.routes, route.part, route.parts)));
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

/**
 * Writes each feed as soon as the entries of all its posts have arrived, and drops an entry once
 * every feed listing it is written: at 100,000 posts, holding all entries until the end cost
 * hundreds of megabytes.
 */
function feedsAsEntriesArrive(
  feeds: readonly (Route & { kind: "feed" })[],
  writeFeed: (feed: Route & { kind: "feed" }, entries: ReadonlyMap<number, FeedEntries>) => void,
): { add(post: number, entries: FeedEntries): void; flush(): void } {
  const entries = new Map<number, FeedEntries>();
  const feedsOf = new Map<number, number[]>();
  const waiting = feeds.map((feed) => feed.items.length);
  const users = new Map<number, number>();
  feeds.forEach((feed, f) => {
    for (const post of feed.items) {
      let list = feedsOf.get(post);
      if (!list) feedsOf.set(post, (list = []));
      list.push(f);
      users.set(post, (users.get(post) ?? 0) + 1);
    }
  });
  const done = (f: number): void => {
    waiting[f] = -1;
    writeFeed(feeds[f]!, entries);
    for (const post of feeds[f]!.items) {
      const left = users.get(post)! - 1;
      users.set(post, left);
      if (left === 0) entries.delete(post);
    }
  };
  feeds.forEach((feed, f) => {
    if (feed.items.length === 0) done(f);
  });
  return {
    add(post, rendered) {
      const list = feedsOf.get(post);
      if (!list) return;
      entries.set(post, rendered);
      for (const f of list) if (--waiting[f]! === 0) done(f);
    },
    flush() {
      waiting.forEach((left, f) => {
        if (left > 0) done(f);
      });
    },
  };
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
  const texts: string[] = [];
  for (const post of route.items) {
    const entry = entries.get(post);
    if (entry) texts.push(entry[route.format]);
  }
  return feedDocument(route.format, header, texts);
}
