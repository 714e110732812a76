import v8 from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTaxonomyColumns, lazyTaxonomies, packTaxonomies, plainTaxonomies } from "../../src/cache/term-columns.js";
import type { Period, Site, Term } from "../../src/types.js";

const text = fc.oneof(fc.string(), fc.constantFrom("中国电子报新闻", "😀 emoji", ""));
const posts = fc.array(fc.nat({ max: 5000 }), { maxLength: 8 });
// Shaped as model/taxonomies.ts and model/archives.ts make them, key for key (a description only when there is one).
const term = (kind: Term["kind"]): fc.Arbitrary<Term> =>
  fc
    .record({ name: text, title: text, description: fc.option(text, { nil: undefined }), slug: text, url: text, posts })
    .map(({ name, title, description, slug, url, posts }) => ({ kind, name, title, ...(description !== undefined ? { description } : {}), slug, url, posts }));
const period = (kind: Period["kind"]): fc.Arbitrary<Period> => fc.record({ key: text, url: text, posts }).map(({ key, url, posts }) => ({ kind, key, url, posts }));
const taxonomies = fc
  .record({
  categories: fc.array(term("category"), { maxLength: 12 }),
  tags: fc.array(term("tag"), { maxLength: 12 }),
  years: fc.array(period("year"), { maxLength: 4 }),
  months: fc.array(period("month"), { maxLength: 6 }),
  days: fc.array(period("day"), { maxLength: 8 }),
}).map((lists) => ({ ...lists })); // (fc.record's objects have no prototype; the model's have Object's)
const siteWith = (lists: Pick<Site, "categories" | "tags" | "years" | "months" | "days">): Site => ({ config: {} as Site["config"], posts: [], ...lists });

describe("terms and periods as columns", () => {
  it("read back lazily as the same terms and periods, field by field, made plain, serialized and as JSON", () => {
    fc.assert(
      fc.property(taxonomies, (lists) => {
        const lazy = lazyTaxonomies(v8.deserialize(v8.serialize(packTaxonomies(siteWith(lists)))));
        for (const kind of ["categories", "tags"] as const) {
          lazy[kind].forEach((entry, i) => {
            const made = lists[kind][i]!;
            for (const field of ["kind", "name", "title", "description", "slug", "url", "posts"] as const) expect(entry[field]).toStrictEqual(made[field]);
          });
        }
        for (const kind of ["years", "months", "days"] as const) {
          lazy[kind].forEach((entry, i) => {
            for (const field of ["kind", "key", "url", "posts"] as const) expect(entry[field]).toStrictEqual(lists[kind][i]![field]);
          });
        }
        // Made plain (what the render threads are sent), they are the model's objects, description key and all.
        const plain = plainTaxonomies(siteWith(lazy));
        expect({ categories: plain.categories, tags: plain.tags, years: plain.years, months: plain.months, days: plain.days }).toStrictEqual(lists);
        expect(v8.deserialize(v8.serialize(plain.categories))).toStrictEqual(lists.categories);
        expect(JSON.stringify(lazy)).toBe(JSON.stringify(lists));
        // Written back whole, the same columns.
        expect(packTaxonomies(siteWith(lazy))).toStrictEqual(packTaxonomies(siteWith(lists)));
      }),
      { numRuns: 200 },
    );
  });

  it("leave plain terms as they are, and tell themselves from the older snapshot form", () => {
    const [lists] = fc.sample(taxonomies, 1);
    const site = siteWith(lists!);
    expect(plainTaxonomies(site).categories.every((entry, i) => entry === site.categories[i])).toBe(true);
    expect(isTaxonomyColumns(v8.deserialize(v8.serialize(packTaxonomies(site))))).toBe(true);
    expect(isTaxonomyColumns(undefined)).toBe(false);
    expect(isTaxonomyColumns({ categories: site.categories, tags: site.tags, years: site.years, months: site.months, days: site.days })).toBe(false);
  });
});
