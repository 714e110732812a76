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
  // Which post's round each term is one of: a candidate's shared terms are counted in one pass over
  // its own. (Comparing two lists of 50 tags pairwise, for ~1,000 candidates a post, took 2.7 s at 10,000 posts.)
  const markedFor = new Int32Array(members.length).fill(-1);
  return termsOf.map((terms, post) => {
    for (const term of terms) markedFor[term] = post;
    const date = dates[post]!;
    // The best RELATED_COUNT so far, best first: more shared terms, then nearer in time, then newer.
    const best: number[] = [];
    const scores: number[] = [];
    const better = (score: number, other: number, than: number): boolean => {
      const scoreThan = scores[than]!;
      if (score !== scoreThan) return score > scoreThan;
      const gap = Math.abs(dates[other]! - date);
      const gapThan = Math.abs(dates[best[than]!]! - date);
      return gap !== gapThan ? gap < gapThan : other < best[than]!;
    };
    for (const term of terms) {
      const list = members[term]!;
      const at = positionIn(list, post);
      const end = Math.min(list.length - 1, at + WINDOW);
      for (let i = Math.max(0, at - WINDOW); i <= end; i++) {
        const other = list[i]!;
        if (other === post || seenIn[other] === post) continue;
        seenIn[other] = post;
        const score = shared(termsOf[other]!, markedFor, post);
        let place = best.length;
        while (place > 0 && better(score, other, place - 1)) place--;
        if (place >= RELATED_COUNT) continue;
        best.splice(place, 0, other);
        scores.splice(place, 0, score);
        if (best.length > RELATED_COUNT) {
          best.pop();
          scores.pop();
        }
      }
    }
    return best;
  });
}

/** How many of `terms` are marked as the terms of `post` (a post's terms are distinct). */
function shared(terms: readonly number[], markedFor: Int32Array, post: number): number {
  let count = 0;
  for (const term of terms) if (markedFor[term] === post) count++;
  return count;
}
