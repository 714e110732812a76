// Related posts counted through term marks give what comparing each pair of term lists gave (the
// reference below), for posts with many tags as well as few.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RELATED_COUNT, positionIn, relatedPosts } from "../../src/model/related.js";

/** The related posts as first written: shared terms counted pair by pair. */
function reference(termsOf: readonly (readonly number[])[], members: readonly (readonly number[])[], dates: readonly number[]): number[][] {
  return termsOf.map((terms, post) => {
    const candidates = new Set<number>();
    for (const term of terms) {
      const list = members[term]!;
      const at = positionIn(list, post);
      for (let i = Math.max(0, at - 10); i <= Math.min(list.length - 1, at + 10); i++) if (list[i] !== post) candidates.add(list[i]!);
    }
    const shared = (other: number): number => terms.filter((term) => termsOf[other]!.includes(term)).length;
    return [...candidates]
      .sort((a, b) => shared(b) - shared(a) || Math.abs(dates[a]! - dates[post]!) - Math.abs(dates[b]! - dates[post]!) || a - b)
      .slice(0, RELATED_COUNT);
  });
}

const site = fc.integer({ min: 1, max: 40 }).chain((vocabulary) =>
  fc.array(fc.uniqueArray(fc.integer({ min: 0, max: vocabulary - 1 }), { maxLength: 30 }), { minLength: 1, maxLength: 60 }).map((termsOf) => {
    const members: number[][] = Array.from({ length: vocabulary }, () => []);
    termsOf.forEach((terms, post) => terms.forEach((term) => members[term]!.push(post)));
    // Newest first, with ties in time among neighbours.
    const dates = termsOf.map((_, post) => 1_700_000_000_000 - Math.floor(post / 3) * 60_000);
    return { termsOf, members, dates };
  }),
);

describe("related posts", () => {
  it("rank by shared terms, then nearness in time, then age, as pairwise counting did", () => {
    fc.assert(
      fc.property(site, ({ termsOf, members, dates }) => {
        expect(relatedPosts(termsOf, members, dates)).toEqual(reference(termsOf, members, dates));
      }),
      { numRuns: 500 },
    );
  });
});
