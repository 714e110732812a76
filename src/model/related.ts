// Related posts: those sharing the most categories and tags, then nearest in time. Bounded work per
// post (a window of neighbours in each of its terms), so it stays linear at a million posts.

/** How many related posts a page shows, and how far along each term's list we look for them. */
export const RELATED_COUNT = 5;
const WINDOW = 10;

/**
 * Position of `post` in a term's member list. Lists are newest first and posts are numbered newest
 * first, so the indices ascend and a binary search finds it.
 */
export function positionIn(list: readonly number[], post: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < post) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For every post (newest first), up to RELATED_COUNT related posts. `termsOf[p]` lists the term ids
 * of post p (categories and tags in one id space); `members[t]` the posts of term t, newest first.
 * Candidates are the WINDOW nearest posts on each side in each of the post's terms.
 */
export function relatedPosts(termsOf: readonly (readonly number[])[], members: readonly (readonly number[])[], dates: readonly number[]): number[][] {
  const seenIn = new Int32Array(termsOf.length).fill(-1); // which post's round last saw a candidate
  const candidates: number[] = [];
  const scores: number[] = [];
  return termsOf.map((terms, post) => {
    candidates.length = 0;
    scores.length = 0;
    for (const term of terms) {
      const list = members[term]!;
      const at = positionIn(list, post);
      const end = Math.min(list.length - 1, at + WINDOW);
      for (let i = Math.max(0, at - WINDOW); i <= end; i++) {
        const other = list[i]!;
        if (other === post || seenIn[other] === post) continue;
        seenIn[other] = post;
        candidates.push(other);
        scores.push(shared(terms, termsOf[other]!));
      }
    }
    if (candidates.length === 0) return [];
    const date = dates[post]!;
    const order = candidates.map((_, i) => i);
    order.sort((a, b) => scores[b]! - scores[a]! || Math.abs(dates[candidates[a]!]! - date) - Math.abs(dates[candidates[b]!]! - date) || candidates[a]! - candidates[b]!);
    return order.slice(0, RELATED_COUNT).map((i) => candidates[i]!);
  });
}

function shared(a: readonly number[], b: readonly number[]): number {
  let count = 0;
  for (const term of a) if (b.includes(term)) count++;
  return count;
}
