// Messages between the pool and its worker threads.

import type { Problem } from "../errors.js";
import type { SitePost } from "../types.js";
import type { ParseJob, RenderJob, RenderTarget, WorkerSetup } from "./tasks.js";

/** A request to a worker; `id` pairs it with its response. */
export type Request =
  | { readonly id: number; readonly type: "setup"; readonly setup: WorkerSetup }
  | { readonly id: number; readonly type: "target"; readonly target: RenderTarget }
  | { readonly id: number; readonly type: "posts"; readonly posts: readonly SitePost[]; readonly paths: readonly string[] }
  | { readonly id: number; readonly type: "parse"; readonly jobs: readonly ParseJob[] }
  | { readonly id: number; readonly type: "render"; readonly jobs: readonly RenderJob[] }
  | { readonly id: number; readonly type: "clear" };

/** A worker's answer: a result, a user error (a Problem), or a crash (a bug). */
export type Response =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly problem: Problem }
  | { readonly id: number; readonly ok: false; readonly crash: { readonly message: string; readonly stack?: string } };
