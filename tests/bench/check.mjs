#!/usr/bin/env node
// Benchmark of `broadsheet check` (fast enough for a pre-commit hook?): a generated corpus checked
// with the bundled theme and default settings, cold, several runs; prints the median and a JSON line.
// Figures, never pass/fail.
//
//   npm run compile && node tests/bench/check.mjs --posts 10000 [--runs 3] [--scratch DIR]
//
// Corpora are shared with npm run bench (`<scratch>/corpus-N`, made once).

import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { argument, corpus, median, peakRss, time } from "./measure.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SHARED = path.resolve(REPO, "../shared");
const CLI = path.join(REPO, "lib/bin/cli.js");
const SCRATCH = argument("--scratch", existsSync("/dev/shm") ? "/dev/shm/broadsheet-bench" : path.join(REPO, ".bench"));
const posts = Number(argument("--posts", "10000"));
const runs = Number(argument("--runs", "3"));
if (!Number.isInteger(posts) || posts < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node tests/bench/check.mjs --posts N [--runs R] [--scratch DIR]");
  process.exit(2);
}
if (!existsSync(CLI)) throw new Error("run npm install (it compiles broadsheet) before the benchmark");

mkdirSync(SCRATCH, { recursive: true });
const folder = corpus(SCRATCH, SHARED, posts);
// An empty site folder: the bundled theme and the default settings (no registry, so no term warnings).
const root = mkdtempSync(path.join(SCRATCH, "check-site-"));
const measured = [];
try {
  // A clean corpus has no problems: check exits 0, and a non-zero exit stops the benchmark loudly.
  for (let i = 0; i < runs; i++) measured.push(time(process.execPath, [CLI, "check", "--root", root, "--posts", folder]));
} finally {
  rmSync(root, { recursive: true, force: true });
}

const seconds = median(measured.map((r) => r.seconds));
const summary = measured[measured.length - 1].stdout.trim().split("\n").pop();
const peak = Math.max(...measured.map((r) => r.peakRssMiB));
console.log(`check: ${posts} posts, median ${seconds.toFixed(2)} s over ${runs} run(s) (${measured.map((r) => r.seconds.toFixed(2)).join(", ")} s)${peakRss ? `, peak ${peak} MiB` : ""}`);
console.log(`last run: ${summary}`);
console.log(JSON.stringify({ bench: "check", posts, runs, seconds, times: measured.map((r) => r.seconds), peakRssMiB: peakRss ? peak : null }));
