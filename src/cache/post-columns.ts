// The site's posts as columns (one array per field) for v8.serialize, and back. V8 reads an object
// with named properties back slowly, key by key: 10,000 posts took ~120 ms as objects, and a rebuild
// after one edit reads them all (at 100,000, over a second). Strings, numbers and flat arrays read
// back several times faster, and the objects are then made here with one literal shape each: all at
// once (unpackColumns), or each when first read (lazyColumns), as a rebuild after an edit reads few.

import type { SitePost } from "../types.js";
import { indexLists, listAt, type IndexLists } from "./index-lists.js";

/** Posts as columns: what `packColumns` makes and `unpackColumns` reads. */
export interface PostColumns {
  readonly ids: readonly string[];
  readonly sources: readonly string[];
  readonly hashes: readonly string[];
  readonly dates: Float64Array;
  readonly excerpts: readonly string[];
  readonly bodyStarts: Float64Array;
  readonly inDrafts: Uint8Array;
  readonly titles: readonly string[];
  /** Front-matter keys broadsheet does not know, by post; most posts have none and are left out. */
  readonly extras: ReadonlyMap<number, Readonly<Record<string, unknown>>>;
  readonly urls: readonly string[];
  readonly categories: IndexLists;
  readonly tags: IndexLists;
  readonly related: IndexLists;
  /** Neighbours; -1 for none. */
  readonly older: Int32Array;
  readonly newer: Int32Array;
  readonly olderInCategory: Int32Array;
  readonly newerInCategory: Int32Array;
}

/** The posts as columns. */
export function packColumns(posts: readonly SitePost[]): PostColumns {
  const count = posts.length;
  const extras = new Map<number, Readonly<Record<string, unknown>>>();
  const neighbour = (pick: (entry: SitePost) => number | undefined): Int32Array => {
    const column = new Int32Array(count);
    for (let i = 0; i < count; i++) column[i] = pick(posts[i]!) ?? -1;
    return column;
  };
  posts.forEach((entry, i) => {
    const { extra } = entry.post.meta;
    if (Object.keys(extra).length > 0) extras.set(i, extra);
  });
  return {
    ids: posts.map((entry) => entry.post.id),
    sources: posts.map((entry) => entry.post.source),
    hashes: posts.map((entry) => entry.post.hash),
    dates: Float64Array.from(posts, (entry) => entry.post.date),
    excerpts: posts.map((entry) => entry.post.excerpt),
    bodyStarts: Float64Array.from(posts, (entry) => entry.post.bodyStart),
    inDrafts: Uint8Array.from(posts, (entry) => (entry.post.inDrafts ? 1 : 0)),
    titles: posts.map((entry) => entry.post.meta.title),
    extras,
    urls: posts.map((entry) => entry.url),
    categories: indexLists(posts.map((entry) => entry.categories)),
    tags: indexLists(posts.map((entry) => entry.tags)),
    related: indexLists(posts.map((entry) => entry.related)),
    older: neighbour((entry) => entry.older),
    newer: neighbour((entry) => entry.newer),
    olderInCategory: neighbour((entry) => entry.olderInCategory),
    newerInCategory: neighbour((entry) => entry.newerInCategory),
  };
}

/** The posts again, shaped as the model makes them (model/site.ts). */
export function unpackColumns(columns: PostColumns): SitePost[] {
  return Array.from({ length: columns.ids.length }, (_, i) => postAt(columns, i));
}

/**
 * The posts as stand-ins that make each post from the columns when it is first read. A rebuild after
 * one edit at 10,000 posts reads 68 of them: making them all, with collecting what survived, was ~30 ms. A stand-in has no own fields: where a post is copied or serialized (spread,
 * v8.serialize), `plainPost` gives the object itself. The list also carries the ids (`postIds`).
 */
export function lazyColumns(columns: PostColumns): SitePost[] {
  const posts = Array.from({ length: columns.ids.length }, (_, i): SitePost => new ColumnPost(columns, i));
  Object.defineProperty(posts, IDS, { value: columns.ids });
  return posts;
}

/** A post as a plain object, whether it is one or a stand-in made by lazyColumns. */
export const plainPost = (entry: SitePost): SitePost => (entry instanceof ColumnPost ? entry.plain : entry);

/** The posts' ids, in order, read from the columns when the list came from lazyColumns (no post is made). */
export function postIds(posts: readonly SitePost[]): readonly string[] {
  return (posts as { [IDS]?: readonly string[] })[IDS] ?? posts.map((entry) => entry.post.id);
}

const IDS = Symbol("post ids");

/** A post that reads itself from the columns when first used (see lazyColumns). */
class ColumnPost implements SitePost {
  readonly #columns: PostColumns;
  readonly #index: number;
  #made: SitePost | undefined;
  constructor(columns: PostColumns, index: number) {
    this.#columns = columns;
    this.#index = index;
  }
  get plain(): SitePost {
    return (this.#made ??= postAt(this.#columns, this.#index));
  }
  get post(): SitePost["post"] {
    return this.plain.post;
  }
  get url(): string {
    return this.plain.url;
  }
  get categories(): readonly number[] {
    return this.plain.categories;
  }
  get tags(): readonly number[] {
    return this.plain.tags;
  }
  get related(): readonly number[] {
    return this.plain.related;
  }
  get older(): number | undefined {
    return this.plain.older;
  }
  get newer(): number | undefined {
    return this.plain.newer;
  }
  get olderInCategory(): number | undefined {
    return this.plain.olderInCategory;
  }
  get newerInCategory(): number | undefined {
    return this.plain.newerInCategory;
  }
  toJSON(): SitePost {
    return this.plain;
  }
}

/** Post i, shaped as the model makes it. */
function postAt(columns: PostColumns, i: number): SitePost {
  return {
    post: {
      id: columns.ids[i]!,
      source: columns.sources[i]!,
      hash: columns.hashes[i]!,
      date: columns.dates[i]!,
      excerpt: columns.excerpts[i]!,
      bodyStart: columns.bodyStarts[i]!,
      inDrafts: columns.inDrafts[i] === 1,
      meta: { title: columns.titles[i]!, extra: columns.extras.get(i) ?? {} },
    },
    url: columns.urls[i]!,
    categories: listAt(columns.categories, i),
    tags: listAt(columns.tags, i),
    related: listAt(columns.related, i),
    older: orNone(columns.older[i]!),
    newer: orNone(columns.newer[i]!),
    olderInCategory: orNone(columns.olderInCategory[i]!),
    newerInCategory: orNone(columns.newerInCategory[i]!),
  };
}

/** Whether a value read back has the columns' shape (a snapshot from before them has not). */
export function isPostColumns(value: unknown): value is PostColumns {
  const columns = value as PostColumns | undefined;
  return Array.isArray(columns?.ids) && columns.dates instanceof Float64Array && columns.extras instanceof Map && columns.related?.starts instanceof Int32Array;
}

const orNone = (value: number): number | undefined => (value === -1 ? undefined : value);
