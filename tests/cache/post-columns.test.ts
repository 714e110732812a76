import v8 from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPostColumns, lazyColumns, packColumns, plainPost, postIds, unpackColumns } from "../../src/cache/post-columns.js";
import { packPosts, unpackPosts } from "../../src/workers/protocol.js";
import type { SitePost } from "../../src/types.js";

const index = fc.nat({ max: 5000 });
const neighbour = fc.option(index, { nil: undefined });
const text = fc.oneof(fc.string(), fc.constantFrom("江西：2022年力争电子信息", "😀 emoji", ""));
// Shaped as model/site.ts makes a post, key for key.
const sitePost: fc.Arbitrary<SitePost> = fc
  .record({
    id: text,
    source: text,
    hash: fc.string(),
    date: fc.integer({ min: -8e15, max: 8e15 }),
    excerpt: text,
    bodyStart: fc.nat(),
    inDrafts: fc.boolean(),
    title: text,
    // Plain objects, as parse/meta.ts makes them and the cache's JSON reads them back.
    // No own `constructor` key: toStrictEqual compares objects' `.constructor`, so two equal objects
    // holding different `constructor: []` values differ there (such a key is checked on its own below).
    extra: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ minLength: 1 }).filter((key) => key !== "constructor"), fc.jsonValue()).map((extra) => JSON.parse(JSON.stringify(extra)) as Record<string, unknown>)),
    url: text,
    categories: fc.array(index, { maxLength: 4 }),
    tags: fc.array(index, { maxLength: 6 }),
    related: fc.array(index, { maxLength: 5 }),
    older: neighbour,
    newer: neighbour,
    olderInCategory: neighbour,
    newerInCategory: neighbour,
  })
  .map((p) => ({
    post: { id: p.id, source: p.source, hash: p.hash, date: p.date, excerpt: p.excerpt, bodyStart: p.bodyStart, inDrafts: p.inDrafts, meta: { title: p.title, extra: p.extra } },
    url: p.url,
    categories: p.categories,
    tags: p.tags,
    related: p.related,
    older: p.older,
    newer: p.newer,
    olderInCategory: p.olderInCategory,
    newerInCategory: p.newerInCategory,
  }));

describe("posts as columns", () => {
  it("read back through v8 as the same posts, every key in place and in order", () => {
    fc.assert(
      fc.property(fc.array(sitePost, { maxLength: 30 }), (posts) => {
        const back = unpackColumns(v8.deserialize(v8.serialize(packColumns(posts))));
        expect(back).toStrictEqual(posts);
        back.forEach((entry, i) => {
          expect(Object.keys(entry)).toEqual(Object.keys(posts[i]!));
          expect(Object.keys(entry.post)).toEqual(Object.keys(posts[i]!.post));
          expect(Array.isArray(entry.related)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("give every post its own extra object, and tell themselves from the older snapshot form (posts as objects)", () => {
    const [a, b] = unpackColumns(packColumns(fc.sample(sitePost, 2).map((p) => ({ ...p, post: { ...p.post, meta: { ...p.post.meta, extra: {} } } }))));
    expect(a!.post.meta.extra).not.toBe(b!.post.meta.extra);
    expect(isPostColumns(v8.deserialize(v8.serialize(packColumns([]))))).toBe(true);
    expect(isPostColumns(fc.sample(sitePost, 3))).toBe(false);
  });

  it("read lazily, give what unpacking gives, field by field, copied, serialized and as JSON", () => {
    const fields = ["post", "url", "categories", "tags", "related", "older", "newer", "olderInCategory", "newerInCategory"] as const;
    fc.assert(
      fc.property(fc.array(sitePost, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (posts, order) => {
        const columns = v8.deserialize(v8.serialize(packColumns(posts)));
        const lazy = lazyColumns(columns);
        expect(lazy.length).toBe(posts.length);
        expect(postIds(lazy)).toEqual(posts.map((entry) => entry.post.id));
        // Read in any order, any post, any field: what the model made.
        for (const n of order) {
          if (posts.length === 0) break;
          const at = n % posts.length;
          for (const field of fields) expect(lazy[at]![field]).toStrictEqual(posts[at]![field]);
        }
        expect(lazy.map(plainPost)).toStrictEqual(posts);
        expect(lazy.map((entry) => ({ ...plainPost(entry) }))).toStrictEqual(posts);
        expect(JSON.stringify(lazy)).toBe(JSON.stringify(posts));
        // What the render threads are sent (workers/protocol.ts) is the plain posts.
        expect(unpackPosts(packPosts(lazy, posts.map(() => "p")))[0]).toStrictEqual(posts);
        // Written back whole, they are the same columns.
        expect(unpackColumns(packColumns(lazy))).toStrictEqual(posts);
      }),
      { numRuns: 200 },
    );
  });

  it("give the ids of a list made otherwise by its posts, and of a lazy list after a post is replaced", () => {
    const posts = fc.sample(sitePost, 5);
    expect(postIds(posts)).toEqual(posts.map((entry) => entry.post.id));
    const lazy = lazyColumns(packColumns(posts));
    lazy[2] = { ...plainPost(lazy[2]!), url: "/elsewhere.html" };
    expect(postIds(lazy)).toEqual(posts.map((entry) => entry.post.id));
    expect(lazy[2]!.url).toBe("/elsewhere.html");
  });

  it("keep front-matter keys that shadow Object's own, such as constructor", () => {
    const [post] = fc.sample(sitePost, 1).map((p) => ({ ...p, post: { ...p.post, meta: { ...p.post.meta, extra: JSON.parse('{"constructor":[1],"toString":"x"}') as Record<string, unknown> } } }));
    const [back] = unpackColumns(v8.deserialize(v8.serialize(packColumns([post!]))));
    expect(JSON.stringify(back)).toBe(JSON.stringify(post));
    expect(Object.keys(back!.post.meta.extra)).toEqual(["constructor", "toString"]);
  });
});
