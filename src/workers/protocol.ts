// Messages between the pool and its worker threads, and the packing of the one big one (the posts).

import v8 from "node:v8";
import type { Problem } from "../errors.js";
import { packColumns, unpackColumns, type PostColumns } from "../cache/post-columns.js";
import type { SitePost } from "../types.js";
import type { ParseJob, RenderJob, RenderTarget, WorkerSetup } from "./tasks.js";

/** A request to a worker; `id` pairs it with its response. */
export type Request =
  | { readonly id: number; readonly type: "setup"; readonly setup: WorkerSetup }
  | { readonly id: number; readonly type: "target"; readonly target: RenderTarget }
  /** A part of the site's posts and their paths, v8-serialized once for every thread (see Pool.target). */
  | { readonly id: number; readonly type: "posts"; readonly packed: Uint8Array }
  | { readonly id: number; readonly type: "parse"; readonly jobs: readonly ParseJob[] }
  /** The folders of pages at these URLs, to make in a work folder while this thread works out the model. */
  | { readonly id: number; readonly type: "folders"; readonly outDir: string; readonly urls: readonly string[] }
  | { readonly id: number; readonly type: "render"; readonly jobs: readonly RenderJob[] }
  | { readonly id: number; readonly type: "clear" };

/** A worker's answer: a result, a user error (a Problem), or a crash (a bug). */
export type Response =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly problem: Problem }
  | { readonly id: number; readonly ok: false; readonly crash: { readonly message: string; readonly stack?: string } };

/**
 * Posts of a site and their paths as bytes: serialized once on this thread, copied to each render
 * thread as they are. As columns (cache/post-columns.ts), which V8 reads back several times faster
 * than objects: a render thread unpacked 100,000 posts as objects in ~1.2 s while this thread
 * rendered alone.
 */
export function packPosts(posts: readonly SitePost[], paths: readonly string[]): Uint8Array {
  return v8.serialize([packColumns(posts), paths]);
}

export function unpackPosts(packed: Uint8Array): [SitePost[], string[]] {
  const [columns, paths] = v8.deserialize(packed) as [PostColumns, string[]];
  return [unpackColumns(columns), paths];
}
