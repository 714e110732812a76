// The dev server's search index: builds hand the indexing over (onSearchIndex) and a refresher
// does it after the commit, folding jobs that come close together.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../src/build.js";
import { createSearchRefresher, refreshSearchIndex, type Refreshed, type SearchRefresher } from "../../src/search/refresh.js";
import type { SearchJob } from "../../src/types.js";
import { makeSite, post, readTree, runCli, tempDir } from "../helpers/site.js";

function smallSite(): string {
  return makeSite({
    "posts/2022-01-01-a.md": post({ title: "光伏组件出货量创新高", date: "2022-01-01 10:00:00 +0800", categories: "energy" }, "<p>钙钛矿电池效率提升。</p>"),
    "posts/2022-01-02-b.md": post({ title: "储能电站并网", date: "2022-01-02 10:00:00 +0800", categories: "energy" }),
    "posts/2022-01-03-c.md": post({ title: "芯片产线通线", date: "2022-01-03 10:00:00 +0800", categories: "chips" }),
  });
}

/** The niceness of each Pagefind process this process started, from /proc/PID/stat. */
function pagefindNiceness(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        const fields = stat.slice(close + 2).split(" "); // from field 3, state
        const ours = Number(fields[1]) === process.pid && stat.slice(stat.indexOf("(") + 1, close).startsWith("pagefind");
        return ours ? [Number(fields[16])] : []; // field 19, nice
      } catch {
        return [];
      }
    });
}

describe("deferred indexing", () => {
  it("builds without an index, then the refresh writes the index a normal build writes", async () => {
    const root = smallSite();
    const out = path.join(root, "dist");
    const jobs: SearchJob[] = [];
    const summary = await build({ root, workers: 0, onSearchIndex: (job) => jobs.push(job) });
    expect(summary.search).toBeUndefined();
    expect(existsSync(path.join(out, "pagefind"))).toBe(false);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.pages.map((page) => page.url)).toEqual(["/chips/2022/01/03/c.html", "/energy/2022/01/02/b.html", "/energy/2022/01/01/a.html"]);

    await expect(refreshSearchIndex(jobs[0]!)).resolves.toMatchObject({ pages: 3 });
    const normal = path.join(tempDir(), "dist");
    expect((await runCli(["build", "--root", root, "--out", normal, "--no-cache"])).code).toBe(0);
    expect(readTree(path.join(out, "pagefind"))).toEqual(readTree(path.join(normal, "pagefind")));
    expect(readdirSync(path.dirname(out)).filter((name) => name.includes("search"))).toEqual([]); // no fresh bundle left beside
  });

  it("runs Pagefind below the priority of the preview's rebuilds", async () => {
    const root = smallSite();
    const jobs: SearchJob[] = [];
    await build({ root, workers: 0, onSearchIndex: (job) => jobs.push(job) });
    await refreshSearchIndex(jobs[0]!);
    expect(pagefindNiceness()).toContain(10);
  });

  it("keeps the last index in a new output until the refresh replaces it", async () => {
    const root = smallSite();
    const out = path.join(root, "dist");
    const jobs: SearchJob[] = [];
    await build({ root, workers: 0, onSearchIndex: (job) => jobs.push(job) });
    await refreshSearchIndex(jobs[0]!);
    const indexed = readTree(path.join(out, "pagefind"));
    // A new site title changes every page: a full build into a new staging folder.
    writeFileSync(path.join(root, "site.yml"), "title: 新的站名\n");
    await build({ root, workers: 0, onSearchIndex: (job) => jobs.push(job) });
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toContain("新的站名");
    expect(readTree(path.join(out, "pagefind"))).toEqual(indexed);
    expect(jobs[1]!.changed).toBe(true);
  });
});

/** A built site's first job and a refresher that records what it did. */
async function refresherFor(delay: number): Promise<{ root: string; job: SearchJob; refresher: SearchRefresher; runs: Refreshed[]; errors: unknown[] }> {
  const root = smallSite();
  const jobs: SearchJob[] = [];
  await build({ root, workers: 0, onSearchIndex: (job) => jobs.push(job) });
  const runs: Refreshed[] = [];
  const errors: unknown[] = [];
  const refresher = createSearchRefresher({ delay, onIndexed: (result) => runs.push(result), onError: (error) => errors.push(error) });
  return { root, job: jobs[0]!, refresher, runs, errors };
}

describe("the search refresher", () => {
  it("folds jobs that come close together into one run, and skips a job that changed nothing", async () => {
    const { root, job, refresher, runs, errors } = await refresherFor(50);
    refresher.schedule(job);
    refresher.schedule({ ...job, changed: false });
    refresher.schedule(job);
    await refresher.idle();
    expect(errors).toEqual([]);
    expect(runs.map((run) => run.pages)).toEqual([3]);
    expect(existsSync(path.join(root, "dist", "pagefind", "pagefind-entry.json"))).toBe(true);

    refresher.schedule({ ...job, changed: false });
    await refresher.idle();
    expect(runs).toHaveLength(1);
    await refresher.close();
  });

  it("sends no page to the index while a rebuild holds it, and finishes once every hold is released", async () => {
    const { root, job, refresher, runs, errors } = await refresherFor(10);
    const first = refresher.hold();
    const second = refresher.hold();
    refresher.schedule(job);
    // Long enough for an unheld run of three pages to finish several times over.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(runs).toEqual([]);
    first();
    first(); // a second call of the same release does not release the other hold
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs).toEqual([]);
    second();
    await refresher.idle();
    expect(errors).toEqual([]);
    expect(runs.map((run) => run.pages)).toEqual([3]);
    expect(existsSync(path.join(root, "dist", "pagefind", "pagefind-entry.json"))).toBe(true);
    await refresher.close();
  });

  it("is not left waiting by a hold released after it was closed", async () => {
    const { job, runs } = await refresherFor(10);
    const closed = createSearchRefresher({ delay: 10, onIndexed: (result) => runs.push(result) });
    const release = closed.hold();
    await closed.close();
    release(); // the rebuild that held it ends after the preview stopped
    closed.schedule(job);
    await closed.idle();
    expect(runs.map((run) => run.pages)).toEqual([3]);
    await closed.close();
  });

  it("reports a failed refresh and redoes its change with the next job", async () => {
    const { root, job, refresher, runs, errors } = await refresherFor(10);
    refresher.schedule(job);
    await refresher.idle();
    expect(runs).toHaveLength(1);
    const notAFolder = path.join(root, "site.txt");
    writeFileSync(notAFolder, "an output that cannot be read");
    refresher.schedule({ ...job, out: notAFolder });
    await refresher.idle();
    expect(errors).toHaveLength(1);
    // This job changed nothing itself, but the failed one did: the index is built again.
    refresher.schedule({ ...job, changed: false });
    await refresher.idle();
    expect(runs.map((run) => run.pages)).toEqual([3, 3]);
    await refresher.close();
  });
});
