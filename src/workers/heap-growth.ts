// How far V8 lets a heap grow past what is live before collecting it. By default it grows to two or
// three times the live set: at 100,000 posts this thread's model is ~270 MB live and its heap reached
// 940 MB, and the whole build 1.65 GiB. Held to a quarter above the live set, the build peaked at
// 0.9 GiB, for more frequent (and so more) garbage collection.

import v8 from "node:v8";

/** Above this many posts memory, not collection time, is what a build runs short of. */
const LARGE_SITE = 50_000;
const GROWTH_PERCENT = 25;

let held = false;

/**
 * Holds heap growth to GROWTH_PERCENT for a site of `posts` posts, if it is large. V8's flags are the
 * process's: this thread and every worker thread collect by it from then on.
 */
export function holdHeapGrowth(posts: number): void {
  if (held || posts < LARGE_SITE) return;
  v8.setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
  held = true;
}

/**
 * Lets heaps grow by V8's default again, when a few pages of a large site are rendered, in this
 * thread alone (adding one post renders a few thousand): one copy of the site is held then, not one
 * per thread, and rendering makes little garbage beside it.
 * With growth held, garbage collection was a fifth of adding one post to 100,000 (2.9 of 14.6 s).
 */
export function releaseHeapGrowth(): void {
  if (!held) return;
  v8.setFlagsFromString("--heap-growing-percent=0");
  held = false;
}
