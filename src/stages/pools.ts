// A build's worker pools, started lazily: a phase of few jobs runs in this thread, where starting
// threads costs more than it saves. Each pool is set up for this build (templates and site.yml may
// have changed) and given the site to render when first used for rendering.

import type { BuilderState } from "../builder.js";
import { applyCompilerBudget } from "../workers/compiler-budget.js";
import { Pool, threadHeapMb } from "../workers/pool.js";
import type { RenderTarget, WorkerSetup } from "../workers/tasks.js";

/** Below this many jobs a phase runs in this thread: starting workers would cost more than it saves. */
const THREAD_THRESHOLD = 400;

/** The pools of one build. */
export interface BuildPools {
  /** The pool for a phase of `jobs` jobs, set up and given the site aimed at. */
  poolFor(jobs: number): Promise<Pool>;
  /** Sets the site to render next (and where to). */
  aim(target: RenderTarget): void;
  /** Lets every pool used forget the site: between builds a thread holds nothing. */
  clear(): Promise<void>;
}

/** Pools kept in `kept` (the builder's, between builds), used for a build with `setup`; `key` names that setup. */
export function buildPools(kept: BuilderState["pools"], setup: WorkerSetup, key: string, threads: number, posts: number): BuildPools {
  const ready = new Set<Pool>();
  let target: RenderTarget | undefined;
  const targeted = new Set<Pool>();
  return {
    async poolFor(jobs) {
      if (jobs >= THREAD_THRESHOLD) applyCompilerBudget();
      const wanted = threads > 0 && jobs >= THREAD_THRESHOLD ? "threads" : "inline";
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
  };
}
