#!/usr/bin/env node
// Benchmark of `broadsheet check` (is it fast enough for a pre-commit hook?): a generated corpus
// checked with the bundled theme and default settings, cold, several runs; prints the median and a
// JSON line for scripts.
//
//   npm run compile && node tests/bench/check.mjs --posts 10000 [--runs 3] [--corpus DIR]
//
// The corpus is made by ../shared/corpus/generate.mjs into /dev/shm (or the temp folder) and reused.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CLI = path.join(REPO, "lib", "cli.js");
const GENERATOR = path.resolve(REPO, "..", "shared", "corpus", "generate.mjs");

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const posts = Number(args.posts ?? 10_000);
const runs = Number(args.runs ?? 3);
if (!Number.isInteger(posts) || posts < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node tests/bench/check.mjs --posts N [--runs R] [--corpus DIR]");
  process.exit(2);
}
if (!existsSync(CLI)) {
  console.error("lib/cli.js is missing: run npm run compile first");
  process.exit(2);
}

const scratch = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
const corpus = path.resolve(args.corpus ?? path.join(scratch, `broadsheet-bench-c${posts}`));
if (!existsSync(corpus) || readdirSync(corpus).length !== posts) {
  rmSync(corpus, { recursive: true, force: true });
  execFileSync(process.execPath, [GENERATOR, "--posts", String(posts), "--out", corpus], { stdio: "ignore" });
}

// An empty site folder: the bundled theme and the default settings (no registry, so no term warnings).
const root = mkdtempSync(path.join(scratch, "broadsheet-bench-site-"));
const times = [];
let last = "";
let problems = 0;
try {
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [CLI, "check", "--root", root, "--posts", corpus], { encoding: "utf8", maxBuffer: 1 << 28 });
    times.push((performance.now() - started) / 1000);
    const lines = result.stdout.trim().split("\n");
    last = lines[lines.length - 1] ?? "";
    problems = /^No problems/.test(last) ? 0 : Number(/^(\d+) problems?/.exec(last)?.[1] ?? NaN);
    if (result.status !== 0 && result.status !== 1) {
      console.error(result.stderr);
      process.exit(1);
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
console.log(`check: ${posts} posts, median ${median.toFixed(2)} s over ${runs} run(s) (${times.map((t) => t.toFixed(2)).join(", ")} s)`);
console.log(`last run: ${last}`);
console.log(JSON.stringify({ bench: "check", posts, runs, seconds: Number(median.toFixed(3)), times: times.map((t) => Number(t.toFixed(3))), problems }));
