// Related posts: those sharing the most categories and tags, then nearest in time. Bounded work per
// post (a window of neighbours in each of its terms), so it stays linear at a million posts.

/** How many related posts a page shows, and how far along each term's list we look for them. */
export const RELATED_COUNT = 5;
const WINDOW = 10;

/**
 * For every post (newest first), up to RELATED_COUNT related posts. `termsOf[p]` lists the term ids
 * of post p (categories and tags in one id space); `members[t]` the posts of term t, newest first.
 * Candidates are the WINDOW nearest posts on each side in each of the post's terms.
 */
export function relatedPosts(termsOf: readonly (readonly number[])[], members: readonly (readonly number[])[], dates: readonly number[]): number[][] {
  const positions = termsOf.map((terms) => new Array<number>(terms.length).fill(-1));
  members.forEach((list, term) => {
    list.forEach((post, position) => {
      const k = termsOf[post]!.indexOf(term);
      if (k >= 0) positions[post]![k] = position;
    });
  });
  return termsOf.map((terms, post) => {
    const score = new Map<number, number>();
    terms.forEach((term, k) => {
      const list = members[term]!;
      const at = positions[post]![k]!;
      for (let i = Math.max(0, at - WINDOW); i <= Math.min(list.length - 1, at + WINDOW); i++) {
        const other = list[i]!;
        if (other !== post && !score.has(other)) score.set(other, shared(terms, termsOf[other]!));
      }
    });
    const date = dates[post]!;
    return [...score.entries()]
      .sort(([a, sa], [b, sb]) => sb - sa || Math.abs(dates[a]! - date) - Math.abs(dates[b]! - date) || a - b)
      .slice(0, RELATED_COUNT)
      .map(([other]) => other);
  });
}

function shared(a: readonly number[], b: readonly number[]): number {
  let count = 0;
  for (const term of a) if (b.includes(term)) count++;
  return count;
}
