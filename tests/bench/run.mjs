#!/usr/bin/env node
// npm run bench: whole-run figures for broadsheet beside the yardsticks (the plain script on our
// stack, and Hugo when it is installed), on generated corpora in tmpfs. Prints a table and writes
// the same as JSON to bench-results/. Figures, never pass/fail.
//
//   npm run bench                       # 1k, 10k and 100k posts
//   npm run bench -- --sizes 1000,10000 --runs 3
//   npm run bench -- --sizes 100000 --large-runs 3   # runs at 100k (default 1; 1M runs once)
//   npm run bench -- --million          # adds 1M posts: one cold build, its 22 GB of output on disk
//                                       # (--disk DIR, default .bench/ here), ~8 GiB of memory, ~20 min
//   npm run bench -- --no-peers         # broadsheet only
//   npm run bench -- --no-extras        # without the search, check and preview figures
//   npm run bench -- --keep-env         # keep NODE_EXTRA_CA_CERTS for the Node commands (see measure.mjs)

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { argument, corpus as makeCorpus, flag, median, nodeEnv, nodeStartMs, peakRss, run, time } from "./measure.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SHARED = path.resolve(REPO, "../shared");
const SCRATCH = argument("--scratch", existsSync("/dev/shm") ? "/dev/shm/broadsheet-bench" : path.join(REPO, ".bench"));
const RUNS = Number(argument("--runs", "3"));
// From 100k posts each figure is one run unless asked: three cold builds with the floor and Hugo take ~6 minutes.
const LARGE_RUNS = Number(argument("--large-runs", "1"));
const sizes = argument("--sizes", "1000,10000,100000").split(",").map(Number);
if (flag("--million")) sizes.push(1_000_000);
const peers = !flag("--no-peers");
const keepEnv = flag("--keep-env");
const ENV = nodeEnv(keepEnv);
const caCerts = process.env.NODE_EXTRA_CA_CERTS;

mkdirSync(SCRATCH, { recursive: true });
const CLI = path.join(REPO, "lib/bin/cli.js");
if (!existsSync(CLI)) throw new Error("run npm install (it compiles broadsheet) before the benchmark");

/** A corpus of `n` posts, made once and kept in the scratch folder. */
const corpus = (n) => makeCorpus(SCRATCH, SHARED, n);

/** The plain script on our stack, installed once into the scratch folder. */
function floor() {
  const dir = path.join(SCRATCH, "floor");
  if (!existsSync(path.join(dir, "node_modules"))) {
    cpSync(path.join(SHARED, "peers/floor"), dir, { recursive: true });
    run("npm", ["ci", "--no-audit", "--no-fund", "--silent"], { cwd: dir });
  }
  return path.join(dir, "build.mjs");
}

const hugoInstalled = peers && spawnSync("hugo", ["version"], { encoding: "utf8" }).status === 0;

function hugoSite(posts) {
  const dir = path.join(SCRATCH, `hugo-${path.basename(posts)}`);
  if (!existsSync(path.join(dir, "content/posts"))) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(path.join(SHARED, "peers/hugo"), dir, { recursive: true });
    mkdirSync(path.join(dir, "content"), { recursive: true });
    cpSync(posts, path.join(dir, "content/posts"), { recursive: true });
  }
  return dir;
}

/**
 * Two floors at once, one per core: what two busy cores give on this machine. Alone, a Node process
 * has the second core for V8's compiler and collector threads; two processes share both cores with
 * theirs. "Both cores" can make a build at most (pair time / one alone) / 2 of one thread's time here.
 * Measured up to 10k posts (goal 1's size); at 100k it would add two floor builds a run.
 */
const PAIR_MAX_POSTS = 10_000;
function floorPair(posts, out) {
  const script = '"$0" "$1" "$2" "$3" > /dev/null & first=$!; "$0" "$1" "$2" "$4" > /dev/null || exit 1; wait "$first"';
  const result = time("/bin/sh", ["-c", script, process.execPath, floor(), posts, `${out}-a`, `${out}-b`], { env: ENV });
  for (const folder of [`${out}-a`, `${out}-b`]) rmSync(folder, { recursive: true, force: true });
  return result;
}

/** broadsheet build of a corpus with the repository's templates and config. */
function broadsheet(posts, out, extra = [], env = ENV) {
  return time(process.execPath, [CLI, "build", "--posts", posts, "--out", out, "--verbose", ...extra], { cwd: REPO, env });
}

const stagesOf = (stderr) => {
  const line = stderr.split("\n").find((l) => l.startsWith("stages: "));
  return Object.fromEntries((line ?? "").slice(8).split(", ").filter(Boolean).map((part) => {
    const [stage, seconds] = part.split(" ");
    return [stage, Number(seconds)];
  }));
};
const pagesOf = (stdout) => Number(/→ (\d+) pages/.exec(stdout)?.[1] ?? 0);

// What Node's own start costs here, with the environment as given and as measured.
const nodeStart = { measuredMs: nodeStartMs(ENV), ...(caCerts ? { withExtraCaCertsMs: nodeStartMs(process.env), extraCaCerts: caCerts, kept: keepEnv } : {}) };
const results = { machine: { cpus: cpus().length, model: cpus()[0]?.model, memory: totalmem(), node: process.version, scratch: SCRATCH, nodeStart }, date: new Date().toISOString(), sizes: [] };
console.log(`node -e 0: ${nodeStart.measuredMs} ms${caCerts ? (keepEnv ? ` (NODE_EXTRA_CA_CERTS kept; ${nodeStartMs(nodeEnv(false))} ms without it)` : `; this machine sets NODE_EXTRA_CA_CERTS=${caCerts}, with which it takes ${nodeStart.withExtraCaCertsMs} ms: the Node commands are measured without it (--keep-env keeps it)`) : ""}`);

for (const n of sizes) {
  const posts = corpus(n);
  // A million posts' output (22 GB) does not fit in tmpfs beside the build: it goes to disk, cold only.
  const huge = n >= 1_000_000;
  const out = huge ? path.join(argument("--disk", path.join(REPO, ".bench")), `out-${n}`) : path.join(SCRATCH, `out-${n}`);
  const cache = path.join(SCRATCH, `cache-${n}`);
  const runs = n >= 1_000_000 ? 1 : n >= 100_000 ? LARGE_RUNS : RUNS;
  const row = { posts: n, broadsheet: {}, floor: undefined, hugo: undefined };

  // Cold: no cache, empty output; alternated with the peers so that machine noise hits all alike.
  const cold = [];
  const floorRuns = [];
  const pairRuns = [];
  const hugoRuns = [];
  for (let i = 0; i < runs; i++) {
    rmSync(out, { recursive: true, force: true });
    const r = broadsheet(posts, out, ["--no-cache", "--no-search"]);
    cold.push({ ...r, stages: stagesOf(r.stderr), pages: pagesOf(r.stdout) });
    if (peers && !huge) {
      const floorOut = path.join(SCRATCH, `floor-out-${n}`);
      rmSync(floorOut, { recursive: true, force: true });
      floorRuns.push(time(process.execPath, [floor(), posts, floorOut], { env: ENV }));
      rmSync(floorOut, { recursive: true, force: true });
      if (n <= PAIR_MAX_POSTS) pairRuns.push(floorPair(posts, floorOut));
      if (hugoInstalled && n <= 100_000) {
        const site = hugoSite(posts);
        rmSync(path.join(site, "public"), { recursive: true, force: true });
        hugoRuns.push(time("hugo", ["--quiet"], { cwd: site }));
      }
    }
  }
  row.broadsheet.cold = medianRun(cold, (r) => ({ seconds: r.seconds, cpuSeconds: r.cpuSeconds, pages: r.pages, pagesPerSecond: Math.round(r.pages / r.seconds), stages: r.stages }));
  if (floorRuns.length) row.floor = { seconds: median(floorRuns.map((r) => r.seconds)), peakRssMiB: Math.max(...floorRuns.map((r) => r.peakRssMiB)) };
  if (pairRuns.length) {
    const seconds = median(pairRuns.map((r) => r.seconds));
    row.floorPair = { seconds, ofOneAlone: Number((seconds / row.floor.seconds).toFixed(2)) };
  }
  if (hugoRuns.length) row.hugo = { seconds: median(hugoRuns.map((r) => r.seconds)), peakRssMiB: Math.max(...hugoRuns.map((r) => r.peakRssMiB)) };

  rmSync(out, { recursive: true, force: true });
  if (huge) {
    results.sizes.push(row);
    print(row);
    continue;
  }
  // Cached: a first build fills the cache; then no change, then one edited post.
  const cached = (env = ENV) => broadsheet(posts, out, ["--cache-dir", cache, "--no-search"], env);
  rmSync(cache, { recursive: true, force: true });
  cached();
  // Each measured as many times as the cold build, the median kept: a single sub-second run was
  // the machine's noise as much as the build's (one no-change run read 0.54 s where ten read ~0.41 s).
  const unchanged = Array.from({ length: runs }, () => cached());
  row.broadsheet.noChange = medianRun(unchanged, (r) => ({ seconds: r.seconds }));
  const victim = path.join(posts, middlePost(posts));
  const original = readFileSync(victim, "utf8");
  // The title edited, then put back, and so on: every build is a rebuild after one edited post.
  let edits = 0;
  const editOnce = (env) => {
    writeFileSync(victim, edits++ % 2 === 0 ? original.replace(/^title: "/m, 'title: "（更新）') : original);
    return cached(env);
  };
  try {
    const edited = Array.from({ length: runs }, () => editOnce());
    row.broadsheet.oneEdit = medianRun(edited, (r) => ({ seconds: r.seconds, written: Number(/(\d+) written/.exec(r.stdout)?.[1] ?? NaN), stages: stagesOf(r.stderr) }));
    // The same rebuilds as this machine's environment would run them, beside the figures above.
    if (caCerts && !keepEnv) {
      const seconds = (runsOf) => median(Array.from({ length: runs }, runsOf).map((r) => r.seconds));
      row.broadsheet.withExtraCaCerts = { noChange: seconds(() => cached(process.env)), oneEdit: seconds(() => editOnce(process.env)) };
    }
  } finally {
    writeFileSync(victim, original);
    statSync(victim);
  }
  // A scraper's usual change: one new post, the newest, on the home page and its listings and feeds.
  // (Dated after every generated post, and before the benchmark's day: not a future post.)
  const added = path.join(posts, "2025-01-01-bench-new.md");
  try {
    writeFileSync(added, original.replace(/^date: .*$/m, "date: 2025-01-01 08:00:00 +0800"));
    const fresh = broadsheet(posts, out, ["--cache-dir", cache, "--no-search"]);
    row.broadsheet.newPost = { seconds: fresh.seconds, peakRssMiB: fresh.peakRssMiB, written: Number(/(\d+) written/.exec(fresh.stdout)?.[1] ?? NaN), stages: stagesOf(fresh.stderr) };
  } finally {
    rmSync(added, { force: true });
  }
  rmSync(out, { recursive: true, force: true });
  results.sizes.push(row);
  print(row);
}

/** The run of median wall time, described; peak memory is the highest of all runs. */
function medianRun(runs, describe) {
  const seconds = median(runs.map((r) => r.seconds));
  const run = runs.find((r) => r.seconds === seconds) ?? runs[0];
  return { ...describe(run), peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)) };
}

/** A post from the middle of the archive: its edit touches neighbours, listings and feeds like any other. */
function middlePost(dir) {
  const names = readdirSync(dir).filter((name) => name.endsWith(".md")).sort();
  return names[Math.floor(names.length / 2)];
}

function print(row) {
  const b = row.broadsheet;
  const f = (x) => (x === undefined ? "–" : `${x.seconds.toFixed(2)} s, ${x.peakRssMiB} MiB`);
  console.log(`\n${row.posts.toLocaleString("en")} posts (${b.cold.pages.toLocaleString("en")} pages)`);
  console.log(`  broadsheet cold   ${f(b.cold)}  cpu ${b.cold.cpuSeconds.toFixed(1)} s (${(b.cold.cpuSeconds / b.cold.seconds).toFixed(2)}x wall)  ${b.cold.pagesPerSecond.toLocaleString("en")} pages/s`);
  console.log(`    stages: ${Object.entries(b.cold.stages).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", ")}`);
  if (b.noChange) console.log(`  broadsheet no-change rebuild   ${f(b.noChange)}`);
  if (b.oneEdit) console.log(`  broadsheet one-edit rebuild    ${f(b.oneEdit)}  (${b.oneEdit.written} files written)`);
  if (b.withExtraCaCerts) console.log(`    with this machine's NODE_EXTRA_CA_CERTS: no change ${b.withExtraCaCerts.noChange.toFixed(2)} s, one edit ${b.withExtraCaCerts.oneEdit.toFixed(2)} s`);
  if (b.newPost) console.log(`  broadsheet new-post rebuild    ${f(b.newPost)}  (${b.newPost.written} files written)`);
  console.log(`  floor (plain script, smaller site)   ${f(row.floor)}`);
  if (row.floorPair) console.log(`  two floors at once, one per core      ${row.floorPair.seconds.toFixed(2)} s (${row.floorPair.ofOneAlone.toFixed(2)}x one alone)`);
  console.log(`  hugo ${hugoInstalled ? "" : "(not installed)"}   ${f(row.hugo)}`);
}

// The other figures the issues ask of the benchmark, each from its own script (also runnable alone):
// the search index at 1k and 10k, `broadsheet check` and the preview's edit latency at 10k.
const extras = [
  ...sizes.filter((n) => n === 1000 || n === 10_000).map((n) => ["search", ["--posts", String(n)]]),
  ...(sizes.includes(10_000) ? [["check", ["--posts", "10000", "--runs", "1"]], ["dev", ["--posts", "10000"]], ["dev", ["--posts", "10000", "--no-search"]]] : []),
];
if (!flag("--no-extras")) {
  results.extras = [];
  for (const [name, args] of extras) {
    console.log(`\n${name} ${args.join(" ")}`);
    const result = spawnSync(process.execPath, [path.join(REPO, "tests/bench", `${name}.mjs`), ...args, "--scratch", SCRATCH], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const lines = (result.stdout ?? "").trim().split("\n");
    for (const line of lines.slice(0, -1)) console.log(`  ${line}`);
    try {
      results.extras.push({ bench: name, args, ...JSON.parse(lines[lines.length - 1] ?? "") });
    } catch {
      results.extras.push({ bench: name, args, failed: result.status });
      console.log(`  (failed: exit ${result.status})`);
    }
  }
}

const file = path.join(REPO, "bench-results", `${results.date.replace(/[:.]/g, "-")}.json`);
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nmachine: ${results.machine.cpus} × ${results.machine.model}, ${(results.machine.memory / 2 ** 30).toFixed(0)} GiB, Node ${results.machine.node}; corpora and outputs in ${SCRATCH}`);
console.log(`JSON: ${path.relative(process.cwd(), file)}`);
if (!peakRss) console.log("(install GNU time, apt-get install time, for CPU and memory figures)");
