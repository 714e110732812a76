// The render stage: templated pages and feeds through the worker pool (a scope's feeds rendered with
// the pages of their posts, from the same HTML), then sitemaps and robots.txt assembled here while
// the workers go on with the listings.

import type { Problem } from "../errors.js";
import type { SiteView } from "../render/context.js";
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
  const { render } = input;
  const { feedJobs, postJobs } = postsAndFeeds(render);
  const otherJobs: RenderJob[] = render.filter((route) => route.kind !== "post" && TEMPLATED.has(route.kind)).map((route) => ({ route }));

  let done = 0;
  const progress = (count: number): void => {
    done += count;
    input.onProgress?.(done, render.length);
  };
  const writes = new Map<string, WriteResult>();
  const problems: Problem[] = [];
  // A post in several feeds' jobs whose file vanished is reported by each: once is enough.
  const reported = new Set<string>();
  const write = (file: string, text: string): void => {
    writes.set(file, writeOutputFile(input.workDir, file, text, input.currentDir));
    progress(1);
  };
  const collect = (results: readonly RenderResult[]): void => {
    let files = 0;
    for (const result of results) {
      if (result.file) files++;
      if (result.write) writes.set(result.file, result.write);
      const { problem } = result;
      if (!problem) continue;
      const key = `${problem.file}\0${problem.message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      problems.push(problem);
    }
    progress(files);
  };
  const first = [...feedJobs, ...postJobs];
  const pool = await input.pool(first.length + otherJobs.length);
  await pool.render(first, collect);
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
      if (route.kind === "sitemap") write(route.file, await assemble(sitemapPieces(input.site, input.routes, route.part, route.parts)));
      else if (route.kind === "news-sitemap") write(route.file, renderNewsSitemap(input.site, input.now));
      else if (route.kind === "robots") write(route.file, renderRobots(input.site));
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
 * The feeds' jobs, a scope's feeds (one per format) in one, each owning the pages of its posts that no
 * feed before it owns; then the pages of the posts no feed lists.
 */
function postsAndFeeds(render: readonly Route[]): { feedJobs: RenderJob[]; postJobs: RenderJob[] } {
  const scopes = new Map<string, (Route & { kind: "feed" })[]>();
  const pageOf = new Map<number, Route & { kind: "post" }>();
  for (const route of render) {
    if (route.kind === "post") pageOf.set(route.post, route);
    else if (route.kind === "feed") {
      const key = route.scope.kind === "site" ? "site" : `${route.scope.kind}\0${route.scope.term}`;
      const feeds = scopes.get(key);
      if (feeds) feeds.push(route);
      else scopes.set(key, [route]);
    }
  }
  const owned = new Set<number>();
  const feedJobs: RenderJob[] = [...scopes.values()].map((feeds) => {
    const pages: (Route & { kind: "post" })[] = [];
    for (const feed of feeds) {
      for (const post of feed.items) {
        const page = pageOf.get(post);
        if (page && !owned.has(post)) {
          owned.add(post);
          pages.push(page);
        }
      }
    }
    return { feeds, pages };
  });
  const postJobs: RenderJob[] = [];
  for (const [post, route] of pageOf) if (!owned.has(post)) postJobs.push({ route });
  return { feedJobs, postJobs };
}
