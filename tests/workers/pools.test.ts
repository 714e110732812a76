// When a phase runs on worker threads (src/stages/pools.ts): parsing from 400 jobs; rendering from 400
// jobs and one job per 20 posts, since each thread is first sent the whole site.
import { describe, expect, it } from "vitest";
import { worthThreads } from "../../src/stages/pools.js";

describe("worker threads", () => {
  it("parse from 400 jobs, whatever the site's size", () => {
    expect(worthThreads(399, 100, false)).toBe(false);
    expect(worthThreads(400, 100, false)).toBe(true);
    expect(worthThreads(400, 1_000_000, false)).toBe(true);
  });

  it("render from 400 jobs on a small site", () => {
    expect(worthThreads(399, 320, true)).toBe(false);
    expect(worthThreads(400, 320, true)).toBe(true);
  });

  it("render one new post's pages of a large site in this thread, and a cold build's on threads", () => {
    // Adding one post: 725 pages at 30k posts, 2,374 at 100k (measured); a cold build: ~1.25 pages a post.
    expect(worthThreads(725, 30_000, true)).toBe(false);
    expect(worthThreads(2_374, 100_000, true)).toBe(false);
    expect(worthThreads(125_000, 100_000, true)).toBe(true);
    expect(worthThreads(5_000, 100_000, true)).toBe(true);
  });
});
