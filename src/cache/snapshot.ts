// The last build's site model and routes, kept beside its output manifest. A rebuild after edits that
// keep every post's place (model/place.ts) loads it and patches the edited posts in, instead of
// loading every cached post and building the model and every page's signature again: at 10,000 posts
// it loads in ~50 ms, against ~0.5 s for that work in a fresh process. Written with v8.serialize
// (typed arrays and nested objects as they are; the posts, terms and periods as columns,
// post-columns.ts and term-columns.ts, each made from them when first read: an edit's pages read a
// few dozen). Edits since it was written go to a small file beside it, applied on load; past
// EDITS_LIMIT it is written whole.

import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import type { Route } from "../routes/types.js";
import type { PostSummary, Site, SitePost, SourceFile } from "../types.js";
import { knownZoneDays, learnZoneDays, zoneOffset } from "../parse/dates.js";
import { isPostColumns, lazyColumns, packColumns, plainPost, type PostColumns } from "./post-columns.js";
import { readRouteTable, routeTable, type RouteTable } from "./route-table.js";
import { isTaxonomyColumns, lazyTaxonomies, packTaxonomies, type TaxonomyColumns } from "./term-columns.js";
import { outputTag, writeFileAtomically } from "./store.js";

/** A build's model, and the post files it was built from. */
export interface ModelSnapshot {
  /** The inputs of the build it describes (see OutputManifest.inputs). */
  inputs: string;
  /** Every input but the posts: site.yml, options, templates, public files, broadsheet's code. */
  readonly shape: string;
  /** The post files, in the order the build read them: ids, sizes and modification times. */
  readonly files: { readonly ids: readonly string[]; readonly sizes: Float64Array; readonly mtimes: Float64Array };
  readonly site: Site;
  readonly routes: RouteTable;
  /** The date of the earliest post left out for being in the future. */
  readonly nextFuture?: number;
  /** The site zone's offsets on its posts' days, and the ICU and time-zone data they came from (see knownZoneDays). */
  readonly zone: { readonly data: string; readonly days: readonly (readonly [number, number])[] };
  /** Edits since the snapshot was written whole (the `inputs` it was written with): the posts' new summaries and file facts. */
  edits: { readonly base: string; readonly posts: Map<number, PostSummary>; readonly files: Map<number, readonly [number, number]> };
}

/** Which zone, by which ICU and time-zone data. */
const zoneData = (timezone: string): string => `${timezone} ${process.versions.icu} ${process.versions.tz}`;

/** A snapshot on disk: its posts, terms and periods as columns (post-columns.ts, term-columns.ts), read back several times faster. */
type StoredSnapshot = Omit<ModelSnapshot, "edits"> & { readonly posts: PostColumns; readonly taxonomies: TaxonomyColumns };

/** Above this many edited posts the snapshot is written whole again, not as edits beside it. */
const EDITS_LIMIT = 256;

/**
 * Above this many posts no snapshot is kept: its serialized copy (~1.8 KB a post) would be held in
 * memory at once, on top of the build's peak, and an edit's rebuild of such a site is seconds anyway.
 */
export const SNAPSHOT_MAX_POSTS = 300_000;

const baseFile = (out: string): string => `model-${outputTag(out)}.v8`;
const editsFile = (out: string): string => `model-${outputTag(out)}.edits.json`;

/** What a build's snapshot is made of. */
export interface SnapshotInput {
  readonly inputs: string;
  readonly shape: string;
  /** The post files as the build read them. */
  readonly files: readonly SourceFile[];
  readonly site: Site;
  readonly routes: readonly Route[];
  readonly signatures: readonly (string | undefined)[];
  readonly nextFuture: number | undefined;
}

/** A snapshot of a build's model. */
export function snapshotOf(input: SnapshotInput): ModelSnapshot {
  const { inputs, files } = input;
  const facts = { ids: files.map((f) => f.id), sizes: new Float64Array(files.map((f) => f.size)), mtimes: new Float64Array(files.map((f) => f.mtimeMs)) };
  const routes = routeTable(input.routes, input.site, input.signatures);
  // Every post's day, though this thread rendered only some of the pages: an edit shows any of them.
  const { timezone } = input.site.config;
  for (const entry of input.site.posts) zoneOffset(timezone, entry.post.date);
  const zone = { data: zoneData(timezone), days: knownZoneDays(timezone) };
  return { inputs, shape: input.shape, files: facts, site: input.site, routes, nextFuture: input.nextFuture, zone, edits: { base: inputs, posts: new Map(), files: new Map() } };
}

/** The snapshot kept for an output folder, with the edits since applied; undefined if there is none or it is unreadable. */
export function loadSnapshot(dir: string, out: string): ModelSnapshot | undefined {
  let snapshot: ModelSnapshot;
  try {
    const stored = v8.deserialize(readFileSync(path.join(dir, baseFile(out)))) as StoredSnapshot;
    const routes = readRouteTable(stored?.routes);
    if (typeof stored?.inputs !== "string" || !isPostColumns(stored.posts) || !isTaxonomyColumns(stored.taxonomies) || !routes || !(stored.files?.sizes instanceof Float64Array)) return undefined;
    const { posts, taxonomies, ...rest } = { ...stored, routes };
    const { timezone } = rest.site.config;
    // Offsets from other ICU or time-zone data may be out of date: then they are worked out again.
    if (rest.zone?.data === zoneData(timezone) && Array.isArray(rest.zone.days)) learnZoneDays(timezone, rest.zone.days);
    snapshot = { ...rest, site: { ...rest.site, posts: lazyColumns(posts), ...lazyTaxonomies(taxonomies) }, edits: { base: rest.inputs, posts: new Map(), files: new Map() } };
  } catch {
    return undefined;
  }
  let edits: { base: string; inputs: string; posts: [number, PostSummary][]; files: [number, number, number][] };
  try {
    edits = JSON.parse(readFileSync(path.join(dir, editsFile(out)), "utf8"));
  } catch {
    return snapshot; // none yet (or unreadable: then the snapshot's inputs match no manifest and it goes unused)
  }
  if (edits.base !== snapshot.inputs) return snapshot;
  for (const [at, post] of edits.posts) editPost(snapshot, at, post);
  for (const [at, size, mtime] of edits.files) editFile(snapshot, at, size, mtime);
  snapshot.inputs = edits.inputs;
  return snapshot;
}

/** Replaces what the site shows of the post at `at` (its place unchanged). */
export function editPost(snapshot: ModelSnapshot, at: number, post: PostSummary): void {
  const posts = snapshot.site.posts as SitePost[];
  posts[at] = { ...plainPost(posts[at]!), post };
  snapshot.edits.posts.set(at, post);
}

/** Records a post file's new size and modification time. */
export function editFile(snapshot: ModelSnapshot, at: number, size: number, mtime: number): void {
  snapshot.files.sizes[at] = size;
  snapshot.files.mtimes[at] = mtime;
  snapshot.edits.files.set(at, [size, mtime]);
}

/** Saves a snapshot: its edits beside the one on disk when they are few, else whole. */
export function saveSnapshot(dir: string, out: string, snapshot: ModelSnapshot): void {
  const { edits } = snapshot;
  if (edits.base !== snapshot.inputs && edits.posts.size <= EDITS_LIMIT) {
    const data = { base: edits.base, inputs: snapshot.inputs, posts: [...edits.posts], files: [...edits.files].map(([at, [size, mtime]]) => [at, size, mtime]) };
    writeFileAtomically(dir, editsFile(out), JSON.stringify(data));
    return;
  }
  const { edits: _, ...whole } = snapshot;
  const site = { ...whole.site, posts: [], categories: [], tags: [], years: [], months: [], days: [] };
  const stored: StoredSnapshot = { ...whole, site, posts: packColumns(whole.site.posts), taxonomies: packTaxonomies(whole.site) };
  // The edits first: a crash between the two leaves a snapshot whose inputs match no manifest, unused.
  rmSync(path.join(dir, editsFile(out)), { force: true });
  writeFileAtomically(dir, baseFile(out), v8.serialize(stored));
}

/** Removes the snapshot of an output folder (its manifest is about to describe another build). */
export function forgetSnapshot(dir: string, out: string): void {
  rmSync(path.join(dir, baseFile(out)), { force: true });
  rmSync(path.join(dir, editsFile(out)), { force: true });
}
