// A small pool of lanes: this thread and worker threads beside it. Batches are handed out to
// whichever lane is free, so a slow batch never idles the others. This thread takes its share: it
// already holds the site, so rendering here costs no copy of it (at 100,000 posts a copy is ~160 MB
// of a thread's heap), and its results need no cloning. With no worker threads it does all the work.

import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { plainTaxonomies } from "../cache/term-columns.js";
import { BuildError } from "../errors.js";
import { nextTurn } from "../turns.js";
import { packPosts, type Request, type Response } from "./protocol.js";
import type { ThreadState } from "./handle.js";
import type { ParseJob, ParseResult, RenderJob, RenderResult, RenderTarget, WorkerSetup } from "./tasks.js";

const PARSE_BATCH = 128;
const RENDER_BATCH = 64;
/**
 * Batches a worker thread holds at once in a phase of `batches` batches. It gets its next batch from
 * this thread's event loop, which is busy for a while with a batch of its own, a feed, or a garbage
 * collection of its heap (~0.1-0.25 s at 100,000 posts). With two in flight, the worker sat idle 2.5 s
 * of a cold 100k build outside the model stage (CPU profile); with four, 0.3 s (at 10k, ~0.35 s against
 * ~0.15 s). But a deeper queue lengthens the wait for the last batches at the end of a phase: at 500
 * posts (1,500 pages in 24 batches) four made rendering ~15% longer, so a short phase keeps two.
 */
const batchesInFlight = (batches: number): number => (batches >= 64 ? 4 : 2);
/** The site goes to the threads in parts of at most this many posts, and in at least eight: see sendSite. */
const SITE_PART_MAX = 20_000;
const SITE_PARTS = 8;

/** One thread's way of running tasks (a worker, or inline). */
interface Lane {
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
  /** Settles once every render thread holds the whole site: their first batch waits for it, this thread's does not. */
  private siteSent: Promise<void> = Promise.resolve();

  /** This thread and `threads` worker threads (0: this thread alone), each with at most `heapMb` of heap. */
  constructor(threads: number, heapMb = threadHeapMb(0)) {
    this.lanes = [new InlineLane(), ...Array.from({ length: threads }, () => new ThreadLane(heapMb))];
  }

  /** Sets the threads up for a build; with the same `key` as last time they keep their compiled templates. */
  async setup(setup: WorkerSetup, key?: string): Promise<void> {
    if (key !== undefined && key === this.setupKey) return;
    this.setupKey = undefined;
    await Promise.all(this.lanes.map((lane) => lane.run({ type: "setup", setup })));
    this.setupKey = key;
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
    this.siteSent = copies.length === 0 ? Promise.resolve() : sendSite(copies, target);
    // Awaited by the threads' first render batch; a failure must not go unhandled before that.
    this.siteSent.catch(() => undefined);
  }

  /** Parses posts; results in job order. */
  async parse(jobs: readonly ParseJob[]): Promise<ParseResult[]> {
    const results: ParseResult[] = new Array(jobs.length);
    await this.drain(this.lanes, chunk(jobs.map((job, index) => ({ job, index })), PARSE_BATCH), async (batch, lane) => {
      const out = (await lane.run({ type: "parse", jobs: batch.map((b) => b.job) })) as ParseResult[];
      batch.forEach((b, i) => (results[b.index] = out[i]!));
    });
    return results;
  }

  /** Renders jobs, handing each finished batch's results to `onDone` as it arrives. */
  async render(jobs: readonly RenderJob[], onDone: (results: RenderResult[]) => void): Promise<void> {
    if (this.rendering.length === 0 && jobs.length > 0) throw new Error("render before target");
    const here = this.lanes[0];
    await this.drain(
      this.rendering,
      chunk(jobs, RENDER_BATCH),
      async (batch, lane) => {
        onDone((await lane.run({ type: "render", jobs: batch })) as RenderResult[]);
      },
      (lane) => (lane === here ? undefined : this.siteSent),
    );
  }

  async clear(): Promise<void> {
    await this.siteSent.catch(() => undefined); // a part sent after "clear" would land in no site
    await Promise.all(this.rendering.map((lane) => lane.run({ type: "clear" })));
    this.rendering = [];
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }

  /**
   * Runs batches until none is left, each lane taking the next batch as soon as it is free (and
   * `ready` for it: a thread still unpacking the site takes none, so this thread renders meanwhile).
   */
  private async drain<T>(lanes: readonly Lane[], batches: T[][], run: (batch: T[], lane: Lane) => Promise<void>, ready?: (lane: Lane) => Promise<void> | undefined): Promise<void> {
    let next = 0;
    const inFlight = batchesInFlight(batches.length);
    await Promise.all(
      lanes.flatMap((lane) =>
        Array.from({ length: lane instanceof ThreadLane ? inFlight : 1 }, async () => {
          await ready?.(lane);
          while (next < batches.length) await run(batches[next++]!, lane);
        }),
      ),
    );
  }
}

/**
 * Sends the threads their copy of the site: a skeleton, then the posts in parts, serialized once here
 * and copied to every thread as bytes (cloning them per thread serialized them once per thread, on
 * this thread). In parts, so a thread unpacks one while this thread packs the next, and at most two
 * in flight, so memory holds two; between parts (on a large site) this thread renders.
 */
async function sendSite(copies: readonly Lane[], target: RenderTarget): Promise<void> {
  // Terms and periods from a snapshot are stand-ins without own fields: made plain to be copied.
  const skeleton: RenderTarget = { ...target, site: plainTaxonomies({ ...target.site, posts: [] }), paths: [] };
  // Each answer is awaited at the end, and caught meanwhile: a thread that dies fails every message
  // it holds at once, and those not yet awaited must not be unhandled rejections.
  const toAll = (request: DistributiveOmit<Request, "id">): Promise<unknown> => {
    const answers = Promise.all(copies.map((lane) => lane.run(request)));
    answers.catch(() => undefined);
    return answers;
  };
  const sent = [toAll({ type: "target", target: skeleton })];
  const { length } = target.site.posts;
  const size = Math.min(SITE_PART_MAX, Math.max(64, Math.ceil(length / SITE_PARTS)));
  for (let i = 0; i < length; i += size) {
    if (sent.length >= 3) await sent[sent.length - 2]; // the part before last
    const packed = packPosts(target.site.posts.slice(i, i + size), target.paths.slice(i, i + size));
    sent.push(toAll({ type: "posts", packed }));
  }
  await Promise.all(sent);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
