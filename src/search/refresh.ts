// The search index of a live preview, refreshed off the page reload's path. A build run with
// `onSearchIndex` hands over a job after its commit; jobs that arrive close together are folded
// into one run, which indexes the committed output into a fresh bundle beside it and swaps it in.
// A run that overlaps a build may index a mix of old and new pages; the build that caused it
// schedules another run, so the index settles on the last build (a second or so behind it).

import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import type { SearchJob } from "../types.js";
import { besideOutput } from "../write/output.js";
import { BUNDLE, hasBundle, swapBundle } from "./bundle.js";
import { writeSearchIndex } from "./pagefind.js";
import { readPage } from "./stage.js";

/** What a refresh did. */
export interface Refreshed {
  readonly pages: number;
  readonly seconds: number;
}

/**
 * Indexes a committed output and swaps the new bundle in. Resolves undefined when the job changed
 * nothing and the output already has an index, or when the output is gone.
 */
export async function refreshSearchIndex(job: SearchJob, turn: () => Promise<void> = async () => undefined): Promise<Refreshed | undefined> {
  const started = performance.now();
  const current = path.join(job.out, BUNDLE);
  if (!existsSync(job.out) || (!job.changed && hasBundle(current))) return undefined;
  const fresh = besideOutput(job.out, "search");
  rmSync(fresh, { recursive: true, force: true });
  try {
    const result = await writeSearchIndex(job.pages, (file) => readPage(job.out, file), job.language, fresh, { turn });
    swapBundle(job.out, fresh);
    return { pages: result.pages, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/** Refreshes a preview's search index after builds, debounced. */
export interface SearchRefresher {
  /** Queues a refresh for a committed build and returns at once (pass it as `BuildOptions.onSearchIndex`). */
  readonly schedule: (job: SearchJob) => void;
  /** Resolves once no refresh is queued or running. */
  idle(): Promise<void>;
  /** Drops a queued refresh and waits for a running one. */
  close(): Promise<void>;
  /**
   * Holds a running refresh between pages until the returned function is called: a rebuild the
   * editor waits for gets the thread and both cores, and the index catches up after it.
   */
  hold(): () => void;
}

/** How a refresher reports. */
export interface RefresherOptions {
  /** Quiet time after the last job before indexing starts, in ms (default 300). */
  readonly delay?: number;
  readonly onIndexed?: (result: Refreshed) => void;
  /** A failed refresh; the next job tries again. */
  readonly onError?: (error: unknown) => void;
}

/** A refresher for one output folder at a time (the dev server's). */
export function createSearchRefresher(options: RefresherOptions = {}): SearchRefresher {
  const delay = options.delay ?? 300;
  let queued: SearchJob | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  // Holds in force, and who waits for them to end.
  let holds = 0;
  let released: (() => void) | undefined;
  let whenReleased: Promise<void> | undefined;
  const turn = (): Promise<void> => (holds <= 0 ? Promise.resolve() : (whenReleased ??= new Promise<void>((resolve) => (released = resolve))));

  const drain = async (): Promise<void> => {
    do {
      again = false;
      const job = queued;
      queued = undefined;
      if (!job) continue;
      try {
        const result = await refreshSearchIndex(job, turn);
        if (result) options.onIndexed?.(result);
      } catch (error) {
        // Keep the job's changes for the next run.
        if (job.changed) queued = { ...(queued ?? job), changed: true };
        options.onError?.(error);
      }
    } while (again);
  };
  const fire = (): void => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
    });
  };

  return {
    schedule(job) {
      // The newest job lists the pages; a change in any folded job means the index must be rebuilt.
      queued = { ...job, changed: job.changed || (queued?.changed ?? false) };
      clearTimeout(timer);
      timer = setTimeout(fire, delay);
    },
    async idle() {
      while (timer !== undefined || running) await (running ?? new Promise((resolve) => setTimeout(resolve, delay)));
    },
    async close() {
      clearTimeout(timer);
      timer = undefined;
      queued = undefined;
      // A rebuild still holding it releases later: that must not leave a count below zero that waits.
      holds = 0;
      released?.();
      released = undefined;
      whenReleased = undefined;
      await running;
    },
    hold() {
      holds++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--holds > 0) return;
        const release = released;
        released = undefined;
        whenReleased = undefined;
        release?.();
      };
    },
  };
}
