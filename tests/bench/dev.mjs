#!/usr/bin/env node
// Benchmark of `broadsheet dev` (not a test): copies a generated corpus in /dev/shm, starts the preview on it,
// then times 20 edits (saving a post → its page written and its open tab told to reload) and 20 new
// posts (saving a new post → the home page written with it and told to reload). Each time is taken
// as a browser sees it, through the preview's own event stream. Prints p50/p95 and one JSON line.
//
//   npm run bench:dev -- --posts 10000 [--edits 20] [--keep] [--show] [--no-drafts] [--no-search]
// (--show echoes the preview's own output: each rebuild's time and what set it off)

import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { argument, corpus, flag } from "./measure.mjs";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
// The shared material sits beside the repository (or beside its worktrees folder).
const SHARED = [path.resolve(REPO, "..", "shared"), path.resolve(REPO, "..", "..", "shared")].find((dir) => existsSync(path.join(dir, "corpus", "generate.mjs")));
const SCRATCH = argument("--scratch", existsSync("/dev/shm") ? "/dev/shm/broadsheet-bench" : path.join(REPO, ".bench"));
const POSTS = Number(argument("--posts", "10000"));
const EDITS = Number(argument("--edits", "20"));
const CLI = path.join(REPO, "lib", "bin", "cli.js");
if (!Number.isInteger(POSTS) || POSTS < 1 || !Number.isInteger(EDITS) || EDITS < 1 || !SHARED || !existsSync(CLI)) {
  console.error("usage: npm run bench:dev -- --posts N [--edits 20] [--show] [--no-drafts]   (needs lib/ compiled and shared/corpus beside the repository)");
  process.exit(2);
}
mkdirSync(SCRATCH, { recursive: true });
// The benchmark edits its site: a copy of the shared corpus (made once, kept in the scratch folder).
const root = mkdtempSync(path.join(SCRATCH, "dev-"));

/** Waits for a promise, failing with `what` after `ms` (a lost event must not hang the benchmark). */
const within = (promise, what, ms = 60_000) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref())]);

/** CPU milliseconds a process has used so far (all its threads), where /proc tells; the machine may be shared, so wall times carry the load of others too. */
const cpuMs = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return NaN;
  }
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const stats = (values) => ({ p50: Math.round(percentile(values, 50)), p95: Math.round(percentile(values, 95)), min: Math.round(Math.min(...values)), max: Math.round(Math.max(...values)) });

/** An event stream as a page at `page` opens it; `next(name)` resolves with the time of the next such event. */
function listen(port, page) {
  const waiting = [];
  let request;
  const ready = new Promise((resolve, reject) => {
    request = get({ host: "localhost", port, path: `/__broadsheet/events?page=${encodeURIComponent(page)}` }, (res) => {
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          if (name === "hello") resolve();
          const at = performance.now();
          for (const w of waiting.splice(0)) {
            if (w.name === name) w.resolve(at);
            else waiting.push(w);
          }
        }
      });
    });
    request.on("error", reject);
  });
  return {
    ready,
    next: (name) => new Promise((resolve) => waiting.push({ name, resolve })),
    close: () => request.destroy(),
  };
}

async function main() {
  console.log(`copying a corpus of ${POSTS} posts into ${root}`);
  cpSync(corpus(SCRATCH, SHARED, POSTS), path.join(root, "posts"), { recursive: true, filter: (file) => path.basename(file) !== ".done" });

  const started = performance.now();
  const dev = spawn(process.execPath, [path.join(REPO, "lib", "bin", "cli.js"), "dev", "--root", root, "--port", "0", ...(flag("--no-drafts") ? ["--no-drafts"] : []), ...(flag("--no-search") ? ["--no-search"] : [])], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  const lines = [];
  dev.once("exit", (code) => {
    for (const w of lineWaiters.splice(0)) w.reject(new Error(`the preview exited (code ${code})`));
  });
  dev.stdout.setEncoding("utf8");
  dev.stdout.on("data", (chunk) => {
    stdout += chunk;
    let end;
    while ((end = stdout.indexOf("\n")) !== -1) {
      lines.push(stdout.slice(0, end));
      if (flag("--show")) console.log(`  dev: ${lines[lines.length - 1]}`);
      stdout = stdout.slice(end + 1);
      for (const w of lineWaiters.splice(0)) if (!w.test(lines[lines.length - 1])) lineWaiters.push(w);
    }
  });
  const lineWaiters = [];
  const nextLine = (pattern) =>
    new Promise((resolve, reject) => {
      const test = (line) => {
        const match = pattern.exec(line);
        if (match) resolve(match);
        return Boolean(match);
      };
      lineWaiters.push({ test, reject });
    });

  try {
    const serving = await within(nextLine(/at http:\/\/[^:]+:(\d+)\//), "the preview to start", 900_000);
    const port = Number(serving[1]);
    const startup = (performance.now() - started) / 1000;
    console.log(`preview serving after ${startup.toFixed(1)} s on port ${port}`);

    const out = path.join(root, ".broadsheet-dev", "site");
    const sitemap = readFileSync(path.join(out, "sitemap.xml"), "utf8");
    const urlOf = new Map();
    for (const [, loc] of sitemap.matchAll(/<loc>https?:\/\/[^/]+([^<]+)<\/loc>/g)) urlOf.set(decodeURIComponent(loc).split("/").pop(), loc);
    const files = readdirSync(path.join(root, "posts")).sort();

    const edits = [];
    const rebuilds = [];
    const cpu = { edit: [], added: [] };
    for (let i = 0; i < EDITS; i++) {
      const name = files[Math.floor(((i + 0.5) / EDITS) * files.length)];
      const url = urlOf.get(name.replace(/^\d{4}-\d\d-\d\d-/, "").replace(/\.md$/, ".html"));
      if (!url) throw new Error(`no URL found for ${name}`);
      const tab = listen(port, url);
      await within(tab.ready, `the event stream of ${url}`);
      const file = path.join(root, "posts", name);
      const title = `编辑 ${i} ${Date.now()}`;
      const text = readFileSync(file, "utf8").replace(/^title: "(.*)"$/m, `title: "$1 ${title}"`);
      const rebuilt = nextLine(/^Rebuilt in (\d+) ms/);
      const reloaded = tab.next("reload");
      const c0 = cpuMs(dev.pid);
      const t0 = performance.now();
      writeFileSync(file, text);
      const t1 = await within(reloaded, `the reload of ${url} after editing ${name}`);
      edits.push(t1 - t0);
      rebuilds.push(Number((await within(rebuilt, "the rebuild"))[1]));
      cpu.edit.push(cpuMs(dev.pid) - c0);
      tab.close();
    }

    const added = [];
    const home = listen(port, "/");
    await within(home.ready, "the home page's event stream");
    for (let i = 0; i < EDITS; i++) {
      const title = `新稿 ${i} ${Date.now()}`;
      const minute = String(i).padStart(2, "0");
      const text = `---\nlayout: post\ntitle: "${title}"\ndate: 2030-01-01 08:${minute}:00 +0800\ncategories: benchnew\ntags: 基准\n---\n<p>${title}。</p>\n`;
      const rebuilt = nextLine(/^Rebuilt in (\d+) ms/);
      const reload = home.next("reload");
      const c0 = cpuMs(dev.pid);
      const t0 = performance.now();
      writeFileSync(path.join(root, "posts", `2030-01-01-bench-new-${i}.md`), text);
      const t1 = await within(reload, `the home page's reload after adding post ${i}`);
      if (!readFileSync(path.join(out, "index.html"), "utf8").includes(title)) throw new Error("the home page does not show the new post");
      added.push(t1 - t0);
      await within(rebuilt, "the rebuild");
      cpu.added.push(cpuMs(dev.pid) - c0);
    }
    home.close();

    const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
    const result = {
      bench: "dev",
      posts: POSTS,
      // With search on, Pagefind re-indexes the whole site after each rebuild, beside the next edits.
      search: !flag("--no-search"),
      edits: EDITS,
      startupSeconds: Number(startup.toFixed(2)),
      editToPageMs: stats(edits),
      newPostToHomeMs: stats(added),
      samplesMs: { edit: edits.map(Math.round), newPost: added.map(Math.round) },
      editFullRebuildMs: stats(rebuilds),
      cpuMsPerEditRebuild: stats(cpu.edit),
      cpuMsPerNewPostRebuild: stats(cpu.added),
      loadAverage: Number(load),
    };
    console.log(`edited post → its page written and reloading: p50 ${result.editToPageMs.p50} ms, p95 ${result.editToPageMs.p95} ms (goal < 100 ms)`);
    console.log(`new post → home page written and reloading:    p50 ${result.newPostToHomeMs.p50} ms, p95 ${result.newPostToHomeMs.p95} ms (goal < 300 ms)`);
    console.log(`edited post → whole rebuild done:               p50 ${result.editFullRebuildMs.p50} ms, p95 ${result.editFullRebuildMs.p95} ms`);
    console.log(`CPU time of the preview per rebuild (all threads): edit p50 ${result.cpuMsPerEditRebuild.p50} ms, new post p50 ${result.cpuMsPerNewPostRebuild.p50} ms; load average ${load}`);
    console.log(JSON.stringify(result));
  } finally {
    if (dev.exitCode === null && dev.signalCode === null) {
      const exited = new Promise((resolve) => dev.once("exit", resolve));
      dev.kill("SIGINT");
      await exited;
    }
    if (!flag("--keep")) rmSync(root, { recursive: true, force: true });
  }
}

await main();
