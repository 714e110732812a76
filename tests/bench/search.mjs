#!/usr/bin/env node
// Benchmark (not a test): what the search index costs. Generates a corpus with the shared
// generator, builds it cold without and with the index, and prints the build times, the index
// time and the size of pagefind/, then one JSON line. Run `npm run compile` first.
//
//   node tests/bench/search.mjs --posts 1000 [--runs 3] [--keep]

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
// The shared corpus generator sits beside the repository (or beside its worktrees folder).
const GENERATOR = [path.resolve(REPO, "..", "shared"), path.resolve(REPO, "..", "..", "shared")].map((dir) => path.join(dir, "corpus", "generate.mjs")).find(existsSync);
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const posts = Number(option("posts", "1000"));
const runs = Number(option("runs", "1"));
if (!Number.isInteger(posts) || posts < 1 || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node tests/bench/search.mjs --posts N [--runs R] [--keep]");
  process.exit(2);
}
if (!GENERATOR) {
  console.error("cannot find shared/corpus/generate.mjs beside the repository");
  process.exit(2);
}
const { build } = await import(path.join(REPO, "lib", "index.js"));

const scratch = process.platform === "linux" && existsSync("/dev/shm") ? "/dev/shm" : (await import("node:os")).tmpdir();
const corpus = path.join(scratch, `broadsheet-bench-search-corpus-${posts}`);
if (!existsSync(corpus)) execFileSync(process.execPath, [GENERATOR, "--posts", String(posts), "--out", corpus], { stdio: "ignore" });
const out = path.join(scratch, `broadsheet-bench-search-out-${posts}`);

/** Bytes and files under a folder. */
function size(dir) {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stats = statSync(full);
    if (stats.isDirectory()) {
      const inner = size(full);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += stats.size;
      files += 1;
    }
  }
  return { bytes, files };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const plain = [];
const searched = [];
const indexing = [];
let summary;
for (let run = 0; run < runs; run++) {
  rmSync(out, { recursive: true, force: true });
  plain.push((await build({ root: REPO, posts: corpus, out, cacheDir: false, search: false })).seconds);
  rmSync(out, { recursive: true, force: true });
  summary = await build({ root: REPO, posts: corpus, out, cacheDir: false });
  searched.push(summary.seconds);
  indexing.push(summary.search.seconds);
}
const index = size(path.join(out, "pagefind"));
const result = {
  bench: "search",
  posts,
  runs,
  build_seconds: median(plain),
  build_with_search_seconds: median(searched),
  index_seconds: median(indexing),
  index_pages: summary.search.pages,
  index_bytes: index.bytes,
  index_files: index.files,
};
console.log(`${posts} posts, median of ${runs} cold run(s):`);
console.log(`  build without search  ${result.build_seconds.toFixed(2)} s`);
console.log(`  build with search     ${result.build_with_search_seconds.toFixed(2)} s (index ${result.index_seconds.toFixed(2)} s, ${result.index_pages} pages)`);
console.log(`  index size            ${(index.bytes / 1048576).toFixed(1)} MiB in ${index.files} files (pagefind/)`);
console.log(JSON.stringify(result));
if (!args.includes("--keep")) rmSync(out, { recursive: true, force: true });
