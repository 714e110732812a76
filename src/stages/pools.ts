// A build's worker pools, started lazily: a phase of few jobs runs in this thread, where starting
// threads costs more than it saves. Each pool is set up for this build (templates and site.yml may
// have changed) and given the site to render when first used for rendering.

import type { BuilderState } from "../builder.js";
import { applyCompilerBudget } from "../workers/compiler-budget.js";
import { releaseHeapGrowth } from "../workers/heap-growth.js";
import { Pool, threadHeapMb } from "../workers/pool.js";
import type { RenderTarget, WorkerSetup } from "../workers/tasks.js";

/** Below this many jobs a phase runs in this thread: starting workers would cost more than it saves. */
const THREAD_THRESHOLD = 400;

/**
 * A render phase first sends each worker thread the site: ~25-37 µs a post, where a page takes
 * ~1.2 ms (measured adding one post at 30k and 100k posts). A thread pays only when half the pages
 * take longer than that copy, so a render phase needs a job for every this many posts: adding one
 * post to 30k posts (725 pages) took 3.67 s in this thread against 4.32 s with one worker beside it.
 */
const POSTS_PER_RENDER_JOB = 20;

/** Whether a phase of `jobs` jobs (rendering: sending the site of `posts` posts first) is worth worker threads. */
export function worthThreads(jobs: number, posts: number, rendering: boolean): boolean {
  return jobs >= (rendering ? Math.max(THREAD_THRESHOLD, posts / POSTS_PER_RENDER_JOB) : THREAD_THRESHOLD);
}

/** The pools of one build. */
export interface BuildPools {
  /** The pool for a phase of `jobs` jobs, set up and given the site aimed at. */
  poolFor(jobs: number): Promise<Pool>;
  /** Sets the site to render next (and where to). */
  aim(target: RenderTarget): void;
  /** Lets every pool used forget the site: between builds a thread holds nothing. */
  clear(): Promise<void>;
  /** The pool of worker threads, when this build has used it so far. */
  threads(): Pool | undefined;
}

/** Pools kept in `kept` (the builder's, between builds), used for a build with `setup`; `key` names that setup. */
export function buildPools(kept: BuilderState["pools"], setup: WorkerSetup, key: string, threads: number, posts: number): BuildPools {
  const ready = new Set<Pool>();
  let target: RenderTarget | undefined;
  const targeted = new Set<Pool>();
  return {
    async poolFor(jobs) {
      if (jobs >= THREAD_THRESHOLD) applyCompilerBudget();
      const worth = worthThreads(jobs, posts, target !== undefined);
      const wanted = threads > 0 && worth ? "threads" : "inline";
      // A few pages of a large site (not a whole site in one thread, as with --workers 0): one copy of it, little garbage.
      if (target && !worth) releaseHeapGrowth();
      const pool = (kept[wanted] ??= new Pool(wanted === "threads" ? threads : 0, threadHeapMb(posts)));
      if (!ready.has(pool)) {
        await pool.setup(setup, key);
        ready.add(pool);
      }
      if (target && !targeted.has(pool)) {
        await pool.target(target);
        targeted.add(pool);
      }
      return pool;
    },
    aim(next) {
      target = next;
      targeted.clear();
    },
    async clear() {
      for (const pool of ready) await pool.clear();
    },
    threads() {
      const pool = kept.threads;
      return pool && ready.has(pool) ? pool : undefined;
    },
  };
}
