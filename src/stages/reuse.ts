// The model stage, by a shortcut: when the only posts that changed since the last build into this
// folder kept their place (model/place.ts), the last build's model is loaded from its snapshot and
// the edited posts patched in. Every page whose signature could change shows one of them: only those
// are signed and planned again (stages/plan.ts: planEdit). Anything else (a post added, moved or
// removed, a file that no longer parses, other settings) and the full model stage runs, as if this
// had not been tried.

import { chunkOf, loadPostChunks, setPost, type CacheState, type OutputManifest } from "../cache/store.js";
import { editFile, editPost, loadSnapshot, type ModelSnapshot } from "../cache/snapshot.js";
import { postIds } from "../cache/post-columns.js";
import { routesFor } from "../cache/route-table.js";
import { placeOf } from "../model/place.js";
import type { Route } from "../routes/types.js";
import { summarizePost, type Post, type SiteConfig, type SourceFile } from "../types.js";
import type { ParseJob, ParseResult } from "../workers/tasks.js";

/**
 * Beyond this many changed files the shortcut is not tried: each costs a read of its cached chunk
 * and a parse in this thread, and a bulk change (a re-scrape) seldom keeps every post's place.
 */
const MAX_EDITS = 64;

/** What reusing the last model needs. */
export interface ReuseInput {
  readonly cacheDir: string;
  readonly out: string;
  readonly version: string;
  /** The cache, loaded without posts; the edited posts' chunks are read into it. */
  readonly cache: CacheState;
  readonly manifest: OutputManifest;
  /** This build's inputs (see inputKey), and the same without the posts. */
  readonly inputs: string;
  readonly shape: string;
  readonly files: readonly SourceFile[];
  /** Which post files this build read (see sourcesKey). */
  readonly filesKey: string;
  readonly config: SiteConfig;
  readonly parse: (jobs: readonly ParseJob[]) => Promise<ParseResult[]>;
}

/** The last model with the edits in, and the routes whose pages may have changed. */
export interface Reused {
  readonly snapshot: ModelSnapshot;
  /** The routes that show an edited post, and those rendered on every build, in route order. */
  readonly routes: readonly Route[];
}

/** The last build's model with the edited posts in, or undefined when this build needs the full model stage. */
export async function reuseModel(input: ReuseInput): Promise<Reused | undefined> {
  const { cache, files } = input;
  // A post added or removed (a scraper's usual change) is seen without loading the snapshot.
  if (input.manifest.sources !== input.filesKey) return undefined;
  const snapshot = loadSnapshot(input.cacheDir, input.out);
  if (!snapshot || snapshot.inputs !== input.manifest.inputs || snapshot.shape !== input.shape) return undefined;
  const { ids, sizes, mtimes } = snapshot.files;
  if (ids.length !== files.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    if (file.id !== ids[i]) return undefined;
    if (file.size !== sizes[i] || file.mtimeMs !== mtimes[i]) changed.push(i);
    if (changed.length > MAX_EDITS) return undefined;
  }
  if (changed.length === 0) return undefined;

  // The edited posts as the last build had them: their size and time must be those the snapshot saw.
  if (!loadPostChunks(input.cacheDir, input.version, cache, new Set(changed.map((i) => chunkOf(ids[i]!))))) return undefined;
  const before: Post[] = [];
  for (const i of changed) {
    const cached = cache.posts.get(ids[i]!);
    if (!cached || cached.size !== sizes[i] || cached.mtimeMs !== mtimes[i]) return undefined;
    before.push(cached.post);
  }
  const results = await input.parse(changed.map((i) => ({ id: files[i]!.id, path: files[i]!.path, display: files[i]!.display, inDrafts: files[i]!.inDrafts })));
  const after: Post[] = [];
  for (const [n, result] of results.entries()) {
    if (!result.ok || placeOf(result.post, input.config) !== placeOf(before[n]!, input.config)) return undefined;
    after.push(result.post);
  }

  // Committed from here: the cache and the snapshot take the new versions.
  const siteIndex = new Map<string, number>();
  const wanted = new Set(changed.map((i) => ids[i]!));
  postIds(snapshot.site.posts).forEach((id, at) => {
    if (wanted.has(id)) siteIndex.set(id, at);
  });
  const edited = new Set<number>();
  changed.forEach((i, n) => {
    const file = files[i]!;
    setPost(cache, file.id, { size: file.size, mtimeMs: file.mtimeMs, post: after[n]! });
    editFile(snapshot, i, file.size, file.mtimeMs);
    const at = siteIndex.get(file.id);
    // A post the site leaves out (a draft, unpublished, or losing its URL to an older one) shows on no page.
    if (at === undefined) return;
    editPost(snapshot, at, summarizePost(after[n]!));
    edited.add(at);
  });
  snapshot.inputs = input.inputs;

  // Every other page's inputs are the site's shape, unchanged (see graph/signature.ts).
  return { snapshot, routes: routesFor(snapshot.routes, edited) };
}
