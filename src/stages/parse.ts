// The parse stage: every source file → Post, reusing the cache for files whose size and mtime are
// unchanged, and the worker pool for the rest.

import { deletePost, setPost, type CacheState } from "../cache/store.js";
import type { Problem } from "../errors.js";
import type { Post, SourceFile } from "../types.js";
import type { Pool } from "../workers/pool.js";
import type { ParseJob } from "../workers/tasks.js";

/** Parsed posts in source order, the files that failed, and how many files were read. */
export interface ParseStageResult {
  readonly posts: Post[];
  readonly failed: Problem[];
  readonly parsed: number;
}

/**
 * Parses what changed since the cache was written; updates the cache in place. With `keepLastGood`
 * (the dev server), a file that no longer parses keeps its last parsed version in the site, and the
 * failure is reported all the same.
 */
export async function parseSources(files: readonly SourceFile[], cache: CacheState, pool: (jobs: number) => Promise<Pool>, keepLastGood = false): Promise<ParseStageResult> {
  const posts: (Post | undefined)[] = new Array(files.length);
  const jobs: ParseJob[] = [];
  const at: number[] = [];
  files.forEach((file, index) => {
    const cached = cache.posts.get(file.id);
    if (cached && cached.size === file.size && cached.mtimeMs === file.mtimeMs && cached.post.source === file.display && cached.post.inDrafts === file.inDrafts) {
      posts[index] = cached.post;
    } else {
      jobs.push({ id: file.id, path: file.path, display: file.display, inDrafts: file.inDrafts });
      at.push(index);
    }
  });
  const failed: Problem[] = [];
  if (jobs.length) {
    const results = await (await pool(jobs.length)).parse(jobs);
    results.forEach((result, i) => {
      const file = files[at[i]!]!;
      if (result.ok) {
        posts[at[i]!] = result.post;
        setPost(cache, file.id, { size: file.size, mtimeMs: file.mtimeMs, post: result.post });
      } else {
        failed.push(result.problem);
        // The entry's size and mtime no longer match the file, so it is parsed again next build.
        const lastGood = keepLastGood ? cache.posts.get(file.id) : undefined;
        if (lastGood) posts[at[i]!] = lastGood.post;
        else deletePost(cache, file.id);
      }
    });
  }
  const present = new Set(files.map((file) => file.id));
  for (const id of [...cache.posts.keys()]) if (!present.has(id)) deletePost(cache, id);
  return { posts: posts.filter((post): post is Post => post !== undefined), failed, parsed: jobs.length };
}
