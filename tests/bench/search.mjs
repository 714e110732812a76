#!/usr/bin/env node
// Benchmark (not a test): what the search index costs. Builds a generated corpus cold without and
// with the index (the CLI, wall time), and prints the build times, the index time and the size of
// pagefind/, then one JSON line. Corpora are shared with `npm run bench` (made once in
// /dev/shm/broadsheet-bench).
//
//   npm run bench:search -- --posts 1000 [--runs 3]

import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { argument, corpus, median, time } from "./measure.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
// The shared material sits beside the repository (or beside its worktrees folder).
const SHARED = [path.resolve(REPO, "..", "shared"), path.resolve(REPO, "..", "..", "shared")].find((dir) => existsSync(path.join(dir, "corpus", "generate.mjs")));
const SCRATCH = argument("--scratch", existsSync("/dev/shm") ? "/dev/shm/broadsheet-bench" : path.join(REPO, ".bench"));
const CLI = path.join(REPO, "lib", "bin", "cli.js");
const posts = Number(argument("--posts", "1000"));
const runs = Number(argument("--runs", "1"));
if (!Number.isInteger(posts) || posts < 1 || !Number.isInteger(runs) || runs < 1 || !SHARED || !existsSync(CLI)) {
  console.error("usage: npm run bench:search -- --posts N [--runs R]   (needs lib/ compiled and shared/corpus beside the repository)");
  process.exit(2);
}

/** Bytes and files under a folder. */
function size(dir) {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      const inner = size(full);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

const source = corpus(SCRATCH, SHARED, posts);
const out = path.join(SCRATCH, `search-out-${posts}`);
const build = (extra) => {
  rmSync(out, { recursive: true, force: true });
  return time(process.execPath, [CLI, "build", "--posts", source, "--out", out, "--no-cache", ...extra], { cwd: REPO });
};

const plain = [];
const searched = [];
for (let run = 0; run < runs; run++) {
  plain.push(build(["--no-search"]));
  const result = build([]);
  const [, pages, seconds] = /search: (\d+) pages? indexed in ([\d.]+) s/.exec(result.stdout) ?? [];
  searched.push({ ...result, pages: Number(pages), indexSeconds: Number(seconds) });
}
const index = size(path.join(out, "pagefind"));
rmSync(out, { recursive: true, force: true });

const result = {
  bench: "search",
  posts,
  runs,
  build_seconds: median(plain.map((r) => r.seconds)),
  build_with_search_seconds: median(searched.map((r) => r.seconds)),
  index_seconds: median(searched.map((r) => r.indexSeconds)),
  index_pages: searched[0].pages,
  index_bytes: index.bytes,
  index_files: index.files,
};
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
console.log(`${posts.toLocaleString("en")} posts, median of ${runs} cold run(s):`);
console.log(`  build without search  ${result.build_seconds.toFixed(2)} s`);
console.log(`  build with search     ${result.build_with_search_seconds.toFixed(2)} s (index ${result.index_seconds.toFixed(2)} s, ${result.index_pages} pages)`);
console.log(`  index size            ${mib(index.bytes)} MiB in ${index.files} files (pagefind/)`);
console.log(JSON.stringify(result));
