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
  const count = termsOf.length;
  // Every post's terms in one flat array: a candidate's terms are read for each neighbour of each
  // post, and 100,000 small arrays spread over the heap made most of those reads cache misses.
  const starts = new Int32Array(count + 1);
  for (let post = 0; post < count; post++) starts[post + 1] = starts[post]! + termsOf[post]!.length;
  const terms = new Int32Array(starts[count]!);
  for (let post = 0; post < count; post++) terms.set(termsOf[post]!, starts[post]);
  const seenIn = new Int32Array(count).fill(-1); // which post's round last saw a candidate
  // Which post's round each term is one of: a candidate's shared terms are counted in one pass over
  // its own. (Comparing two lists of 50 tags pairwise, for ~1,000 candidates a post, took 2.7 s at 10,000 posts.)
  const markedFor = new Int32Array(members.length).fill(-1);
  // The best RELATED_COUNT so far, best first: more shared terms, then nearer in time, then newer.
  const best = new Int32Array(RELATED_COUNT);
  const scores = new Int32Array(RELATED_COUNT);
  const gaps = new Float64Array(RELATED_COUNT);
  const related: number[][] = new Array<number[]>(count);
  for (let post = 0; post < count; post++) {
    const first = starts[post]!;
    const last = starts[post + 1]!;
    for (let t = first; t < last; t++) markedFor[terms[t]!] = post;
    const date = dates[post]!;
    let found = 0;
    for (let t = first; t < last; t++) {
      const list = members[terms[t]!]!;
      const at = positionIn(list, post);
      const end = Math.min(list.length - 1, at + WINDOW);
      for (let i = Math.max(0, at - WINDOW); i <= end; i++) {
        const other = list[i]!;
        if (other === post || seenIn[other] === post) continue;
        seenIn[other] = post;
        let score = 0;
        for (let u = starts[other]!, stop = starts[other + 1]!; u < stop; u++) if (markedFor[terms[u]!] === post) score++;
        const gap = Math.abs(dates[other]! - date);
        // Insertion into the best list: shift the worse ones down, dropping the last when it is full.
        let place = Math.min(found, RELATED_COUNT - 1);
        if (found === RELATED_COUNT && !outranks(score, gap, other, scores[place]!, gaps[place]!, best[place]!)) continue;
        while (place > 0 && outranks(score, gap, other, scores[place - 1]!, gaps[place - 1]!, best[place - 1]!)) {
          best[place] = best[place - 1]!;
          scores[place] = scores[place - 1]!;
          gaps[place] = gaps[place - 1]!;
          place--;
        }
        best[place] = other;
        scores[place] = score;
        gaps[place] = gap;
        if (found < RELATED_COUNT) found++;
      }
    }
    related[post] = Array.from(best.subarray(0, found));
  }
  return related;
}

/** Whether a candidate ranks above another: more shared terms, then nearer in time, then newer (a lower index). */
function outranks(score: number, gap: number, post: number, otherScore: number, otherGap: number, other: number): boolean {
  if (score !== otherScore) return score > otherScore;
  return gap !== otherGap ? gap < otherGap : post < other;
}
