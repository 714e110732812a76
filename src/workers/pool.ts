// A small pool of lanes: this thread and worker threads beside it. Batches are handed out to
// whichever lane is free, so a slow batch never idles the others. This thread takes its share: it
// already holds the site, so rendering here costs no copy of it (at 100,000 posts a copy is ~160 MB
// of a thread's heap), and its results need no cloning. With no worker threads it does all the work.

import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { BuildError } from "../errors.js";
import { nextTurn } from "../turns.js";
import type { Request, Response } from "./protocol.js";
import { sendSite, SITE_SENT, type SiteSending } from "./send-site.js";
import type { ThreadState } from "./handle.js";
import type { ParseJob, ParseResult, RenderJob, RenderResult, RenderTarget, WorkerSetup } from "./tasks.js";

const PARSE_BATCH = 128;
const RENDER_BATCH = 64;
/**
 * The smallest batch at the end of a phase. Batches shrink as the jobs run out, so the lanes finish
 * together: a worker thread holds several batches at once, and at the end of a cold 10k build this
 * thread sat idle ~0.1 s while the worker finished the full-sized batches it held.
 */
const LAST_BATCH = 8;
/**
 * Batches a worker thread holds at once in a phase of `batches` batches. It gets its next batch from
 * this thread's event loop, which is busy for a while with a batch of its own, a feed, or a garbage
 * collection of its heap (~0.1-0.25 s at 100,000 posts). With two in flight, the worker sat idle 2.5 s
 * of a cold 100k build outside the model stage (CPU profile); with four, 0.3 s (at 10k, ~0.35 s against
 * ~0.15 s). But a deeper queue lengthens the wait for the last batches at the end of a phase: at 500
 * posts (1,500 pages in 24 batches) four made rendering ~15% longer, so a short phase keeps two.
 */
const batchesInFlight = (batches: number): number => (batches >= 64 ? 4 : 2);

/** One thread's way of running tasks (a worker, or inline). */
export interface Lane {
  run(request: DistributiveOmit<Request, "id">): Promise<unknown>;
  close(): Promise<void>;
}
/** Omit over each member of a union. */
export type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Where the compiled worker script is, also when this module runs from TypeScript sources (tests). */
function workerScript(): string {
  const url = import.meta.url.endsWith(".ts") ? new URL("../../lib/workers/worker.js", import.meta.url) : new URL("./worker.js", import.meta.url);
  return fileURLToPath(url);
}

/**
 * The heap a render thread may grow to, for a site of `posts` posts: room for its copy of the site
 * (a few KB a post) with margin. Without a cap V8 lets each thread's garbage grow towards its
 * default limit before collecting it (about 1 GB a thread at 100,000 posts, of which a third live).
 */
export function threadHeapMb(posts: number): number {
  return Math.min(4096, Math.max(256, Math.round(256 + (posts * 4) / 1024)));
}

/**
 * The young generation of a render thread. A page's strings and context objects die young; with
 * V8's default (16 MB semispaces) scavenges took an eighth of a thread's time. 64 MB made a cold 10k
 * build ~11% faster for ~45 MB more memory; larger sizes only cost memory.
 */
const YOUNG_GENERATION_MB = 64;

/** What the site copies of all render threads together may take, at about 2 KB a post each. */
const SITE_COPIES_KB = 2 * 1024 * 1024;
const SITE_COPY_KB_PER_POST = 2;

/**
 * How many of `threads` worker threads render a site of `posts` posts beside this thread. Each holds
 * its own copy of the site, so above about 500,000 posts one does (parsing, which needs no copy,
 * still uses all): at a million posts another copy would take the build past 8 GiB.
 */
export function renderThreads(threads: number, posts: number): number {
  return Math.max(1, Math.min(threads, Math.floor(SITE_COPIES_KB / Math.max(1, posts * SITE_COPY_KB_PER_POST))));
}

/** A render thread that hit its heap cap, as a user-facing error with what to do. */
function outOfMemory(error: Error, heapMb: number): BuildError | undefined {
  if ((error as NodeJS.ErrnoException).code !== "ERR_WORKER_OUT_OF_MEMORY") return undefined;
  return new BuildError(
    { code: "out-of-memory", message: `a worker thread ran out of memory (its heap is capped at ${heapMb} MB for a site of this size)`, hint: "build with --workers 0 (one thread, the process's whole heap), or report the site's size" },
    { cause: error },
  );
}

class ThreadLane implements Lane {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private next = 0;
  private failure: Error | undefined;

  constructor(heapMb: number) {
    this.worker = new Worker(workerScript(), { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on("message", (response: Response) => {
      const entry = this.waiting.get(response.id);
      if (!entry) return;
      this.waiting.delete(response.id);
      if (response.ok) entry.resolve(response.result);
      else if ("problem" in response) entry.reject(new BuildError(response.problem));
      else entry.reject(Object.assign(new Error(response.crash.message), { stack: response.crash.stack }));
    });
    this.worker.on("error", (error) => this.fail(outOfMemory(error, heapMb) ?? error));
    this.worker.on("exit", (code) => this.fail(new Error(`worker thread exited (code ${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const entry of this.waiting.values()) entry.reject(error);
    this.waiting.clear();
  }

  run(request: DistributiveOmit<Request, "id">): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}

/** The same requests run in this thread; the parsing and rendering code is loaded on first use. */
class InlineLane implements Lane {
  private readonly thread: ThreadState = {};
  async run(request: DistributiveOmit<Request, "id">): Promise<unknown> {
    const { handle } = await import("./handle.js");
    // Let the event loop take the worker threads' answers first: without this, batch after batch here
    // would chain through microtasks while the threads' results waited, and the threads went idle.
    await nextTurn();
    return handle(this.thread, request);
  }
  async close(): Promise<void> {
    this.thread.state = undefined;
  }
}

/** This thread and worker threads beside it, parsing and rendering. */
export class Pool {
  /** This thread's lane, then the worker threads'. */
  private readonly lanes: Lane[];
  private setupKey: string | undefined;
  /** The lanes that hold the site being rendered. */
  private rendering: Lane[] = [];
  /** Settles once every worker thread is set up. */
  private threadsSetUp: Promise<void> = Promise.resolve();
  /** The site as sent to the render threads: their first batch waits until all of it is posted, this thread's does not. */
  private siteSent: SiteSending = SITE_SENT;

  /** This thread and `threads` worker threads (0: this thread alone), each with at most `heapMb` of heap. */
  constructor(threads: number, heapMb = threadHeapMb(0)) {
    this.lanes = [new InlineLane(), ...Array.from({ length: threads }, () => new ThreadLane(heapMb))];
  }

  /** Sets the threads up for a build; with the same `key` as last time they keep their compiled templates. */
  async setup(setup: WorkerSetup, key?: string): Promise<void> {
    if (key !== undefined && key === this.setupKey) return;
    this.setupKey = undefined;
    const [here, ...threads] = this.lanes;
    // The threads are not waited for: a thread takes its requests in order, so its first batch runs
    // after its setup, and this thread parses meanwhile instead of idling while threads start (~0.1 s).
    // The same setup fails here first; a thread that fails alone fails its batches, and the phase.
    this.threadsSetUp = Promise.all(threads.map((lane) => lane.run({ type: "setup", setup }))).then(() => undefined);
    this.threadsSetUp.catch(() => undefined);
    await here!.run({ type: "setup", setup });
    this.setupKey = key;
    this.threadsSetUp.catch(() => {
      this.setupKey = undefined;
    });
  }

  /**
   * Gives the site to render to this thread as it is, and a copy to as many worker threads as its size
   * allows (see renderThreads); threads get the posts in parts, so no single message is huge. Returns
   * once this thread holds the site: it renders while the threads unpack their copies.
   */
  async target(target: RenderTarget): Promise<void> {
    const [here, ...threads] = this.lanes;
    const copies = threads.slice(0, renderThreads(threads.length, target.site.posts.length));
    this.rendering = [here!, ...copies];
    await here!.run({ type: "target", target });
    this.siteSent = copies.length === 0 ? SITE_SENT : sendSite(copies, target);
    // Awaited by the threads' first render batch; a failure must not go unhandled before that.
    this.siteSent.posted.catch(() => undefined);
    this.siteSent.done.catch(() => undefined);
  }

  /**
   * Makes the folders of pages at `urls` in `outDir` on a worker thread, while this thread goes on;
   * undefined when the pool has no worker thread (this thread would only do it instead of something else).
   */
  makeFoldersAside(outDir: string, urls: readonly string[]): Promise<void> | undefined {
    const aside = this.lanes[1];
    if (!aside) return undefined;
    const made = aside.run({ type: "folders", outDir, urls }).then(() => undefined);
    made.catch(() => undefined);
    return made;
  }

  /** Parses posts; results in job order. */
  async parse(jobs: readonly ParseJob[]): Promise<ParseResult[]> {
    const results: ParseResult[] = new Array(jobs.length);
    await this.drain(this.lanes, jobs, PARSE_BATCH, async (start, batch, lane) => {
      const out = (await lane.run({ type: "parse", jobs: batch })) as ParseResult[];
      out.forEach((result, i) => (results[start + i] = result));
    });
    await this.threadsSetUp;
    return results;
  }

  /** Renders jobs, handing each finished batch's results to `onDone` as it arrives. */
  async render(jobs: readonly RenderJob[], onDone: (results: RenderResult[]) => void): Promise<void> {
    if (this.rendering.length === 0 && jobs.length > 0) throw new Error("render before target");
    const here = this.lanes[0];
    await this.drain(
      this.rendering,
      jobs,
      RENDER_BATCH,
      async (_start, batch, lane) => {
        onDone((await lane.run({ type: "render", jobs: batch })) as RenderResult[]);
      },
      (lane) => (lane === here ? undefined : this.siteSent.posted),
      renderWeight,
    );
    await this.siteSent.done;
  }

  async clear(): Promise<void> {
    await this.siteSent.done.catch(() => undefined); // a part sent after "clear" would land in no site
    await Promise.all(this.rendering.map((lane) => lane.run({ type: "clear" })));
    this.rendering = [];
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }

  /**
   * Runs `jobs` in batches of at most `size` (by `weight`) until none is left, each lane taking the
   * next batch as soon as it is free (and `ready` for it: a thread still waiting for the site takes
   * none, so this thread renders meanwhile). Batches shrink towards LAST_BATCH as the jobs run out.
   */
  private async drain<T>(
    lanes: readonly Lane[],
    jobs: readonly T[],
    size: number,
    run: (start: number, batch: T[], lane: Lane) => Promise<void>,
    ready?: (lane: Lane) => Promise<void> | undefined,
    weight: (job: T) => number = () => 1,
  ): Promise<void> {
    let next = 0;
    let left = 0;
    for (const job of jobs) left += weight(job);
    const inFlight = batchesInFlight(Math.ceil(left / size));
    const held = lanes.reduce((sum, lane) => sum + (lane instanceof ThreadLane ? inFlight : 1), 0);
    await Promise.all(
      lanes.flatMap((lane) =>
        Array.from({ length: lane instanceof ThreadLane ? inFlight : 1 }, async () => {
          await ready?.(lane);
          while (next < jobs.length) {
            const start = next;
            // Every batch held at once gets an equal share of what is left, twice over: near the end no lane holds much more than the others.
            const wanted = Math.max(LAST_BATCH, Math.min(size, Math.ceil(left / (held * 2))));
            let taken = 0;
            while (next < jobs.length && taken < wanted) taken += weight(jobs[next++]!);
            left -= taken;
            await run(start, jobs.slice(start, next), lane);
          }
        }),
      ),
    );
  }
}

/** A render job's share of a batch: a scope's feeds weigh as the pages they render, and half a page per entry. */
function renderWeight(job: RenderJob): number {
  return "feeds" in job ? 1 + job.pages.length + (job.feeds[0]?.items.length ?? 0) / 2 : 1;
}
