// Builds killed with SIGKILL at any moment: the previous output stays complete (or, for a killed
// incremental commit, every file is whole and the next build completes the journal), the next build
// leaves nothing beside the output, and two builds at once on one output never mix.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { corpus, countCalls, expectMixOf, faultLibrary, killAfter, leftovers, withFault } from "../helpers/faults.js";
import { treeDigest } from "../helpers/outcome.js";
import { readTree, runCli, startCli, tempDir } from "../helpers/site.js";

/** A site over a generated corpus, with two versions of its input and their complete outputs. */
interface Bench {
  readonly root: string;
  readonly posts: string;
  readonly out: string;
  readonly args: (...extra: string[]) => string[];
  /** Switches the input to version 1 or 2. */
  readonly version: (v: 1 | 2) => void;
  readonly trees: Record<1 | 2, Map<string, Buffer>>;
  readonly digests: Record<1 | 2, string>;
  /** How long building version 2 from scratch took, in milliseconds. */
  readonly duration: number;
}

/**
 * Version 2 differs from version 1 by the site title (`full`: every page changes, a staging swap)
 * or by the text of three posts (`patch`: a few pages change, a journaled patch).
 */
async function bench(count: number, kind: "full" | "patch", workers: number, search = false): Promise<Bench> {
  const root = tempDir();
  const posts = corpus(root, count);
  const out = path.join(root, "dist");
  const names = readdirSync(posts).sort();
  const files = kind === "patch" ? [names[0]!, names[Math.floor(names.length / 2)]!, names.at(-1)!].map((f) => path.join(posts, f)) : [];
  const originals = files.map((file) => readFileSync(file, "utf8"));
  const version = (v: 1 | 2): void => {
    writeFileSync(path.join(root, "site.yml"), kind === "full" && v === 2 ? "title: Version two\n" : "title: Version one\n");
    files.forEach((file, i) => writeFileSync(file, v === 2 ? originals[i]!.replace(/^title: .*$/m, "title: 第二版标题") : originals[i]!));
  };
  // The search index (Pagefind) is left out but for one test: it takes most of a build's time.
  const flags = ["--workers", String(workers), "--quiet", ...(search ? [] : ["--no-search"])];
  const args = (...extra: string[]): string[] => ["build", "--root", root, "--posts", posts, "--out", out, ...flags, ...extra];
  const trees = {} as Record<1 | 2, Map<string, Buffer>>;
  let duration = 0;
  for (const v of [1, 2] as const) {
    version(v);
    const reference = path.join(root, `reference-${v}`);
    const started = performance.now();
    expect((await runCli(["build", "--root", root, "--posts", posts, "--out", reference, "--no-cache", ...flags])).code).toBe(0);
    duration = performance.now() - started;
    trees[v] = readTree(reference);
  }
  expect(treeDigest(path.join(root, "reference-1"))).not.toBe(treeDigest(path.join(root, "reference-2")));
  return { root, posts, out, args, version, trees, digests: { 1: treeDigest(path.join(root, "reference-1")), 2: treeDigest(path.join(root, "reference-2")) }, duration };
}

/** Builds version `v` to completion and checks the output is exactly that version's, with nothing beside it. */
async function buildVersion(b: Bench, v: 1 | 2): Promise<void> {
  b.version(v);
  const run = await runCli(b.args(), { cwd: b.root });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(treeDigest(b.out)).toBe(b.digests[v]);
  expect(leftovers(b.out)).toEqual([]);
}

/**
 * Kills version 2's build at these fractions of a whole build's time, each from a complete output:
 * the output must be either version, and the next build (to the other version) complete and clean.
 */
async function killAtFractions(b: Bench, fractions: readonly number[]): Promise<void> {
  await buildVersion(b, 1);
  for (const fraction of fractions) {
    b.version(2);
    const run = await killAfter(b.args(), b.root, Math.round(b.duration * fraction));
    const digest = treeDigest(b.out);
    if (run.signal === "SIGKILL") expect([b.digests[1], b.digests[2]], `killed at ${fraction} of a build`).toContain(digest);
    else expect(digest).toBe(b.digests[2]);
    await buildVersion(b, digest === b.digests[1] ? 2 : 1);
  }
}

describe("a full build killed at any moment", () => {
  it("leaves the previous output complete, or the new one; the next build leaves nothing beside it (2,000 posts, worker threads)", { timeout: 300_000 }, async () => {
    // Kill moments spread over a whole build, from start-up to the commit.
    await killAtFractions(await bench(2000, "full", 2), [0.1, 0.3, 0.5, 0.7, 0.85, 0.95]);
  });
});

describe("a build with a search index killed at any moment", () => {
  it("leaves the previous output complete, or the new one, search index included", { timeout: 120_000 }, async () => {
    const b = await bench(100, "full", 0, true);
    await killAtFractions(b, [0.2, 0.4, 0.6, 0.8, 0.95]);
    expect([...b.trees[2].keys()].some((file) => file.startsWith("pagefind/"))).toBe(true);
  });
});

describe("a build killed at each step of its commit", () => {
  beforeAll(() => {
    expect(faultLibrary()).toMatch(/\.so$/);
  });

  /** At most `count` call numbers spread evenly over 1..calls, the last included. */
  const spread = (calls: number, count: number): number[] =>
    calls <= count ? Array.from({ length: calls }, (_, i) => i + 1) : Array.from({ length: count }, (_, i) => Math.round(((i + 1) * calls) / count));

  /**
   * Kills version 2's build at the chosen calls of `call`, each time from version 1's output;
   * `check` looks at what the kill left and must bring the output back to version 1.
   */
  async function killAt(b: Bench, call: string, choose: (calls: number) => number[], check: (nth: number) => Promise<void>): Promise<number> {
    await buildVersion(b, 1);
    b.version(2);
    const calls = await countCalls(b.args(), b.root, call);
    await buildVersion(b, 1);
    for (const nth of choose(calls)) {
      b.version(2);
      const run = await withFault(b.args(), b.root, `${call}:${nth}:kill`);
      expect(run.signal, `${call} #${nth}: ${run.stderr}`).toBe("SIGKILL");
      await check(nth);
    }
    return calls;
  }

  it("swap: at each rename, link and unlink, and at mkdirs and writes all through the build, the output is the old tree or the new one", { timeout: 300_000 }, async () => {
    const b = await bench(100, "full", 0);
    for (const [call, count] of [["rename", 20], ["link", 5], ["unlink", 5], ["mkdir", 8], ["write", 8]] as const) {
      const calls = await killAt(b, call, (n) => spread(n, count), async (nth) => {
        const digest = treeDigest(b.out);
        // Between its two renames the output is away: the next build puts the new tree in (and then builds version 1).
        if (digest === "") expect(leftovers(b.out), `${call} #${nth}`).toContain(".dist.journal");
        else expect([b.digests[1], b.digests[2]], `${call} #${nth}`).toContain(digest);
        await buildVersion(b, 1);
      });
      expect(calls, call).toBeGreaterThan(0);
    }
  });

  it("patch: at renames all through its commit every file is whole, and the next build completes the journal", { timeout: 300_000 }, async () => {
    const b = await bench(60, "patch", 0);
    const calls = await killAt(b, "rename", (n) => spread(n, 15), async () => {
      expectMixOf(b.out, b.trees[1], b.trees[2]);
      await buildVersion(b, 2);
      await buildVersion(b, 1);
    });
    expect(calls).toBeGreaterThan(10); // the journal, each changed page, the cache
  });

  it("killed after its commit, before its cache is saved: the next build does not trust the cache", { timeout: 120_000 }, async () => {
    const b = await bench(60, "patch", 0);
    // The last renames save the cache; the output is version 2 by then, the cache on disk still describes version 1.
    // Going back to version 1 must give version 1, whatever the cache says.
    await killAt(b, "rename", (n) => [n - 2, n - 1, n], () => buildVersion(b, 1));
  });
});

describe("two builds at once", () => {
  it("on one output: the second stops with `locked` (exit 1), the first completes", async () => {
    const b = await bench(1000, "full", 2);
    await buildVersion(b, 1);
    b.version(2);
    const first = startCli(b.args(), { cwd: b.root });
    const firstDone = new Promise<number | null>((resolve) => first.on("close", resolve));
    // Wait until the first holds the lock.
    while (!leftovers(b.out).includes(".dist.lock")) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await runCli(b.args(), { cwd: b.root });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^dist  another broadsheet process \(pid \d+\) is building into this folder\n    hint: wait for it to finish; if no such build is running, delete \.dist\.lock\nBuild failed: the output folder was left as it was\.\n$/);
    expect(await firstDone).toBe(0);
    expect(treeDigest(b.out)).toBe(b.digests[2]);
    expect(leftovers(b.out)).toEqual([]);
  });

  it("started at the same instant: exactly one builds, the other is told, the output is whole", async () => {
    const b = await bench(300, "full", 0);
    await buildVersion(b, 1);
    b.version(2);
    for (let round = 0; round < 5; round++) {
      const runs = await Promise.all([runCli(b.args(), { cwd: b.root }), runCli(b.args(), { cwd: b.root }), runCli(b.args(), { cwd: b.root })]);
      const codes = runs.map((r) => r.code).sort();
      expect(codes[0]).toBe(0);
      for (const run of runs.filter((r) => r.code !== 0)) expect(run.stderr).toMatch(/another broadsheet process \(pid \d+\) is building into this folder/);
      expect(treeDigest(b.out)).toBe(b.digests[2]);
      expect(leftovers(b.out)).toEqual([]);
    }
  });

  it("a lock left by a killed build is taken over", async () => {
    const b = await bench(100, "full", 0);
    const dead = startCli(["--version"]);
    await new Promise((resolve) => dead.on("close", resolve));
    writeFileSync(path.join(b.root, ".dist.lock"), `${dead.pid}\n`);
    await buildVersion(b, 2);
  });

  it("on two outputs of one site: both build", async () => {
    const b = await bench(300, "full", 0);
    b.version(2);
    const other = path.join(b.root, "dist-two");
    const [one, two] = await Promise.all([runCli(b.args(), { cwd: b.root }), runCli([...b.args(), "--out", other], { cwd: b.root })]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(treeDigest(b.out)).toBe(b.digests[2]);
    expect(treeDigest(other)).toBe(b.digests[2]);
  });
});
