// A rebuild after edits that keep every post's place reuses the last build's model (stages/reuse.ts):
// its output must still be exactly a cold build's, and any other change must take the full path.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { beforeEach, describe, expect, it } from "vitest";
import { build } from "../../src/index.js";
import type { BuildSummary } from "../../src/types.js";
import { makeSite, post, readTree, tempDir } from "../helpers/site.js";

const NOW = Date.UTC(2023, 0, 1);

function corpus(count: number): Record<string, string> {
  const files: Record<string, string> = { "site.yml": "title: 复用\nurl: https://news.example.com\npage_size: 4\n" };
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    files[`posts/2022-03-${day}-p${i}.md`] = post({ title: `标题${i}`, date: `2022-03-${day} ${String(i % 24).padStart(2, "0")}:00:00 +0800`, categories: `c${i % 3}`, tags: i % 5 === 0 ? `[t${i % 4}, 要闻]` : `[t${i % 4}]` }, `<p>第${i}篇。</p>`);
  }
  return files;
}

async function coldTree(root: string): Promise<Map<string, Buffer>> {
  const out = path.join(tempDir(), "cold");
  await build({ root, out, cacheDir: false, workers: 0, search: false, now: NOW });
  return readTree(out);
}

/** Which way the model was made: the reuse stage ran instead of parse and model, or not. */
const reused = (summary: BuildSummary): boolean => summary.stages.reuse !== undefined && summary.stages.model === undefined && summary.stages.parse === undefined;

describe("a rebuild after edits that keep every post's place", () => {
  let root: string;
  let out: string;
  let cacheDir: string;
  let first: BuildSummary;
  const cached = (): Promise<BuildSummary> => build({ root, out, cacheDir, search: false, now: NOW });
  const manifestLines = (): string[] => readFileSync(path.join(cacheDir, readdirSync(cacheDir).find((name) => name.startsWith("output-"))!), "utf8").split("\n");
  const snapshotFile = (): string => path.join(cacheDir, readdirSync(cacheDir).find((name) => /^model-[^.]+\.v8$/.test(name))!);
  const edit = (name: string, fields: Parameters<typeof post>[0], body?: string): void => writeFileSync(path.join(root, "posts", name), post(fields, body));

  beforeEach(async () => {
    root = makeSite(corpus(30));
    out = path.join(tempDir(), "out");
    cacheDir = path.join(tempDir(), "cache");
    first = await cached();
    expect(reused(first)).toBe(false);
  });

  it("reuses the last model, rewrites only the pages that show the post, and equals a cold build", async () => {
    edit("2022-03-26-p25.md", { title: "新标题 <b>", date: "2022-03-26 01:00:00 +0800", categories: "c1", tags: "[t1, 要闻]" }, "<p>新的正文。</p>");
    const summary = await cached();
    expect(reused(summary)).toBe(true);
    expect(summary.changes.written).toContain("c1/2022/03/26/p25.html");
    expect(summary.changes.written).toContain("feed.xml");
    expect(summary.changes.written).not.toContain("category/c0.html"); // a listing it is not on
    expect(summary.written).toBeLessThan(26); // 22: the tag 要闻's page and feeds are among them
    expect(summary.posts).toBe(30);
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("keeps the site zone's offset on every post's day, tied to the ICU and zone data that made it", () => {
    const snapshot = v8.deserialize(readFileSync(snapshotFile())) as { zone: { data: string; days: [number, number][] } };
    expect(snapshot.zone.data).toBe(`Asia/Shanghai ${process.versions.icu} ${process.versions.tz}`);
    const days = new Map(snapshot.zone.days);
    for (let i = 0; i < 30; i++) {
      const at = Date.UTC(2022, 2, 1 + (i % 28), (i % 24) - 8); // the corpus's dates, +0800
      expect(days.get(Math.floor(at / 86_400_000))).toBe(480);
    }
  });

  it("works the zone offsets out again when they came from other ICU or zone data", async () => {
    const file = snapshotFile();
    const snapshot = v8.deserialize(readFileSync(file)) as { zone: { data: string; days: [number, number][] } };
    snapshot.zone = { data: "Asia/Shanghai 0.0 1970a", days: snapshot.zone.days.map(([day]) => [day, 999]) };
    writeFileSync(file, v8.serialize(snapshot));
    edit("2022-03-26-p25.md", { title: "时区", date: "2022-03-26 01:00:00 +0800", categories: "c1", tags: "[t1, 要闻]" });
    const summary = await cached();
    expect(reused(summary)).toBe(true);
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("goes on reusing it edit after edit, the edits kept beside the snapshot", async () => {
    // One category registered: the others are reported (a model-stage warning every build repeats).
    makeSite({ "site.yml": "title: 复用\nurl: https://news.example.com\npage_size: 4\ncategories:\n  c0: 零\n" }, root);
    first = await cached();
    const inode = statSync(snapshotFile()).ino;
    const [, signatures] = manifestLines();
    for (const [n, name] of ["2022-03-05-p4.md", "2022-03-10-p9.md", "2022-03-05-p4.md"].entries()) {
      edit(name, { title: `第${n}次改`, date: name.includes("p4") ? "2022-03-05 04:00:00 +0800" : "2022-03-10 09:00:00 +0800", categories: name.includes("p4") ? "c1" : "c0", tags: name.includes("p4") ? "[t0]" : "[t1]" });
      const summary = await cached();
      expect(reused(summary)).toBe(true);
      // The model's warnings (unregistered categories) once each, however many edits ago they were found.
      expect(summary.problems).toEqual(first.problems);
      expect(summary.problems.length).toBeGreaterThan(0);
      expect(readTree(out)).toEqual(await coldTree(root));
      // The manifest's signatures: the map as the full build wrote it, and the edits' pages beside it.
      const [, base, changes] = manifestLines();
      expect(base).toBe(signatures);
      expect(Object.keys(JSON.parse(changes!) as object)).toContain(name.includes("p4") ? "c1/2022/03/05/p4.html" : "c0/2022/03/10/p9.html");
    }
    expect(statSync(snapshotFile()).ino).toBe(inode);
    expect(readdirSync(cacheDir).some((name) => name.endsWith(".edits.json"))).toBe(true);
    expect((await cached()).written).toBe(0);
  });

  it("takes the full path when a post moves: another category, date or slug", async () => {
    const moves: [string, Parameters<typeof post>[0]][] = [
      ["2022-03-05-p4.md", { title: "标题4", date: "2022-03-05 04:00:00 +0800", categories: "c2", tags: "[t0]" }],
      ["2022-03-06-p5.md", { title: "标题5", date: "2022-03-07 05:00:00 +0800", categories: "c2", tags: "[t1]" }],
      ["2022-03-07-p6.md", { title: "标题6", date: "2022-03-07 06:00:00 +0800", categories: "c0", tags: "[t2]", extra: "slug: renamed" }],
      ["2022-03-08-p7.md", { title: "标题7", date: "2022-03-08 07:00:00 +0800", categories: "c1", tags: "[t3, 新]" }],
    ];
    for (const [name, fields] of moves) {
      edit(name, fields);
      const summary = await cached();
      expect(reused(summary), name).toBe(false);
      expect(readTree(out)).toEqual(await coldTree(root));
    }
  });

  it("takes the full path when a post is added or removed, or no longer parses", async () => {
    edit("2022-03-29-new.md", { title: "新", date: "2022-03-29 10:00:00 +0800", categories: "c0" });
    expect(reused(await cached())).toBe(false);
    rmSync(path.join(root, "posts/2022-03-29-new.md"));
    expect(reused(await cached())).toBe(false);
    writeFileSync(path.join(root, "posts/2022-03-05-p4.md"), "---\ntitle: [unclosed\n---\nbody");
    const broken = await cached();
    expect(reused(broken)).toBe(false);
    expect(broken.skipped.map((problem) => problem.file)).toEqual([expect.stringContaining("2022-03-05-p4.md")]);
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("ignores a damaged snapshot", async () => {
    for (const name of readdirSync(cacheDir)) if (name.startsWith("model-")) writeFileSync(path.join(cacheDir, name), "garbage");
    edit("2022-03-05-p4.md", { title: "改", date: "2022-03-05 04:00:00 +0800", categories: "c1", tags: "[t0]" });
    const summary = await cached();
    expect(reused(summary)).toBe(false);
    expect(readTree(out)).toEqual(await coldTree(root));
    edit("2022-03-05-p4.md", { title: "再改", date: "2022-03-05 04:00:00 +0800", categories: "c1", tags: "[t0]" });
    expect(reused(await cached())).toBe(true);
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("keeps a post the site leaves out out of it", async () => {
    edit("2022-03-05-p4.md", { title: "不发布", date: "2022-03-05 04:00:00 +0800", categories: "c1", tags: "[t0]", extra: "published: false" });
    expect(reused(await cached())).toBe(false);
    edit("2022-03-05-p4.md", { title: "仍不发布，改了标题", date: "2022-03-05 04:00:00 +0800", categories: "c1", tags: "[t0]", extra: "published: false" });
    const summary = await cached();
    expect(reused(summary)).toBe(true);
    expect(summary.written).toBe(0);
    expect(summary.posts).toBe(29);
    expect(readTree(out)).toEqual(await coldTree(root));
  });
});

describe("a rebuild after many edits", () => {
  // Enough pages to render that worker threads take part (stages/pools.ts: 400 jobs): they are sent
  // the snapshot's posts, terms and periods, which the snapshot makes lazily, as plain objects.
  it("renders on worker threads from the snapshot, and equals a cold build", async () => {
    // 64 categories, so that each of the 64 edits (the most the shortcut takes) has listings and feeds of its own.
    const fields = (i: number, title: string): Parameters<typeof post>[0] => {
      const day = String(1 + (i % 28)).padStart(2, "0");
      return { title, date: `2022-03-${day} ${String(i % 24).padStart(2, "0")}:00:00 +0800`, categories: `c${i % 64}`, tags: i % 5 === 0 ? `[t${i % 4}, 要闻]` : `[t${i % 4}]` };
    };
    const files: Record<string, string> = { "site.yml": "title: 复用\nurl: https://news.example.com\npage_size: 4\n" };
    for (let i = 0; i < 320; i++) files[`posts/p${i}.md`] = post(fields(i, `标题${i}`), `<p>第${i}篇。</p>`);
    const root = makeSite(files);
    const out = path.join(tempDir(), "out");
    const cacheDir = path.join(tempDir(), "cache");
    const cached = (): Promise<BuildSummary> => build({ root, out, cacheDir, search: false, now: NOW, workers: 1 });
    await cached();
    for (let k = 0; k < 64; k++) writeFileSync(path.join(root, `posts/p${5 * k + 2}.md`), post(fields(5 * k + 2, `改过${k}`), `<p>新${k}。</p>`));
    const summary = await cached();
    expect(reused(summary)).toBe(true);
    expect(summary.written).toBeGreaterThanOrEqual(400);
    expect(readTree(out)).toEqual(await coldTree(root));
  });
});

describe("compiled templates", () => {
  it("are kept in the cache, and damaged ones are compiled afresh, never run", async () => {
    const root = makeSite(corpus(6));
    const out = path.join(tempDir(), "out");
    const cacheDir = path.join(tempDir(), "cache");
    await build({ root, out, cacheDir, search: false, now: NOW });
    const file = path.join(cacheDir, "templates.json");
    const stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    expect(Object.values(stored).some((code) => code.includes("function root("))).toBe(true);
    writeFileSync(file, JSON.stringify(Object.fromEntries(Object.keys(stored).map((key) => [key, "this is not { javascript"]))));
    writeFileSync(path.join(root, "posts/2022-03-01-p0.md"), post({ title: "改", date: "2022-03-01 00:00:00 +0800", categories: "c0", tags: "[t0]" }));
    await build({ root, out, cacheDir, search: false, now: NOW });
    expect(readTree(out)).toEqual(await coldTree(root));
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(stored);
  });
});
