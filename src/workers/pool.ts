// A small pool of worker threads with affinity: a post's page is rendered by the thread that parsed
// it, which still holds its HTML. Batches are handed out to whichever thread is free, so a slow
// batch never idles the others. With size 0 the same tasks run inline in this thread.

import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { BuildError } from "../errors.js";
import type { Request, Response } from "./protocol.js";
import { clearState, createState, parseFiles, renderFiles, type ParseJob, type ParseResult, type RenderJob, type RenderResult, type RenderTarget, type WorkerSetup, type WorkerState } from "./tasks.js";

const PARSE_BATCH = 128;
const RENDER_BATCH = 64;

/** One thread's way of running tasks (a worker, or inline). */
interface Lane {
  run(request: DistributiveOmit<Request, "id">): Promise<unknown>;
  close(): Promise<void>;
}
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Where the compiled worker script is, also when this module runs from TypeScript sources (tests). */
function workerScript(): string {
  const url = import.meta.url.endsWith(".ts") ? new URL("../../lib/workers/worker.js", import.meta.url) : new URL("./worker.js", import.meta.url);
  return fileURLToPath(url);
}

class ThreadLane implements Lane {
  private readonly worker = new Worker(workerScript());
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private next = 0;
  private failure: Error | undefined;

  constructor() {
    this.worker.on("message", (response: Response) => {
      const entry = this.waiting.get(response.id);
      if (!entry) return;
      this.waiting.delete(response.id);
      if (response.ok) entry.resolve(response.result);
      else if ("problem" in response) entry.reject(new BuildError(response.problem));
      else entry.reject(Object.assign(new Error(response.crash.message), { stack: response.crash.stack }));
    });
    this.worker.on("error", (error) => this.fail(error));
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

class InlineLane implements Lane {
  private state: WorkerState | undefined;
  async run(request: DistributiveOmit<Request, "id">): Promise<unknown> {
    switch (request.type) {
      case "setup":
        this.state = createState(request.setup);
        return null;
      case "target":
        this.state!.target = request.target;
        return null;
      case "parse":
        return parseFiles(this.state!, request.jobs);
      case "render":
        return renderFiles(this.state!, request.jobs);
      case "clear":
        if (this.state) clearState(this.state);
        return null;
    }
  }
  async close(): Promise<void> {
    this.state = undefined;
  }
}

/** Parse results in job order, and which lane parsed each post. */
export interface ParseOutput {
  readonly results: ParseResult[];
  readonly lanes: Map<string, number>;
}

/** Worker threads (or one inline lane) that parse and render. */
export class Pool {
  private readonly lanes: Lane[];

  constructor(threads: number) {
    this.lanes = threads > 0 ? Array.from({ length: threads }, () => new ThreadLane()) : [new InlineLane()];
  }

  get threads(): number {
    return this.lanes.length;
  }

  async setup(setup: WorkerSetup): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.run({ type: "setup", setup })));
  }

  async target(target: RenderTarget): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.run({ type: "target", target })));
  }

  async parse(jobs: readonly ParseJob[]): Promise<ParseOutput> {
    const results: ParseResult[] = new Array(jobs.length);
    const lanes = new Map<string, number>();
    const batches = chunk(jobs.map((job, index) => ({ job, index })), PARSE_BATCH);
    await this.drain([batches], async (batch, lane) => {
      const out = (await this.lanes[lane]!.run({ type: "parse", jobs: batch.map((b) => b.job) })) as ParseResult[];
      batch.forEach((b, i) => {
        results[b.index] = out[i]!;
        lanes.set(b.job.id, lane);
      });
    });
    return { results, lanes };
  }

  /**
   * Renders items; `laneOf` names the lane that should take an item (the one holding its post's HTML).
   * Jobs are prepared a batch at a time, just before sending, so this thread builds contexts while
   * the workers render.
   */
  async render<T>(items: readonly T[], prepare: (item: T) => RenderJob, laneOf: (item: T) => number | undefined, onDone?: (count: number) => void): Promise<RenderResult[]> {
    const own: T[][] = this.lanes.map(() => []);
    const shared: T[] = [];
    for (const item of items) {
      const lane = laneOf(item);
      if (lane !== undefined && lane < this.lanes.length) own[lane]!.push(item);
      else shared.push(item);
    }
    const results: RenderResult[] = [];
    const queues = [...own.map((list) => chunk(list, RENDER_BATCH)), chunk(shared, RENDER_BATCH)];
    await this.drain(queues, async (batch, lane) => {
      const out = (await this.lanes[lane]!.run({ type: "render", jobs: batch.map(prepare) })) as RenderResult[];
      for (const result of out) results.push(result);
      onDone?.(out.length);
    });
    return results;
  }

  async clear(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.run({ type: "clear" })));
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }

  /**
   * Runs batches until every queue is empty. Queue i < lanes is lane i's own; the last queue (or the
   * only one) is shared. A lane takes from its own queue first, then the shared one, then helps others.
   */
  private async drain<T>(queues: T[][][], run: (batch: T[], lane: number) => Promise<void>): Promise<void> {
    const sharedQueue = queues.length > this.lanes.length ? queues[queues.length - 1]! : queues.length === 1 ? queues[0]! : [];
    const ownQueue = (lane: number): T[][] => (queues.length > this.lanes.length ? queues[lane]! : []);
    const take = (lane: number): T[] | undefined => {
      const mine = ownQueue(lane);
      if (mine.length) return mine.shift();
      if (sharedQueue.length) return sharedQueue.shift();
      // Help a busier lane: its HTML is not here, so the post is parsed again, which beats waiting.
      const busiest = queues.slice(0, this.lanes.length).reduce<T[][] | undefined>((best, q) => (q.length > (best?.length ?? 0) ? q : best), undefined);
      return busiest?.length ? busiest.pop() : undefined;
    };
    await Promise.all(
      this.lanes.map(async (_, lane) => {
        for (let batch = take(lane); batch; batch = take(lane)) await run(batch, lane);
      }),
    );
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
