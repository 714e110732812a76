// Cached, incremental and parallel builds produce exactly what a single-threaded cold build does.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/index.js";
import { renderThreads } from "../../src/workers/pool.js";
import { makeSite, post, readTree, tempDir } from "../helpers/site.js";

const NOW = Date.UTC(2023, 0, 1);

function corpus(count: number): Record<string, string> {
  const files: Record<string, string> = { "site.yml": "title: 缓存\nurl: https://news.example.com\npage_size: 5\ncategories:\n  c0: 零\n" };
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + (i % 12)).padStart(2, "0");
    files[`posts/2022-${month}-${day}-p${i}.md`] = post(
      { title: `标题${i}`, date: `2022-${month}-${day} ${String(i % 24).padStart(2, "0")}:00:00 +0800`, categories: `c${i % 6}`, tags: `[t${i % 4}, 共同]` },
      `<p>第${i}篇的正文。</p>\n\n## 小节\n\n更多内容 ${"文字".repeat(i % 30)}`,
    );
  }
  return files;
}

/** A cold, single-threaded build of the site's current files: the reference output. */
async function coldTree(root: string, options: Parameters<typeof build>[0] = {}): Promise<Map<string, Buffer>> {
  const out = path.join(tempDir(), "cold");
  await build({ root, out, cacheDir: false, workers: 0, search: false, now: NOW, ...options });
  return readTree(out);
}

describe("incremental builds", () => {
  let root: string;
  let out: string;
  let cacheDir: string;
  const cached = (options: Parameters<typeof build>[0] = {}) => build({ root, out, cacheDir, search: false, now: NOW, ...options });

  beforeAll(async () => {
    root = makeSite(corpus(60));
    out = path.join(tempDir(), "out");
    cacheDir = path.join(tempDir(), "cache");
    await cached();
  });

  it("a rebuild with nothing changed writes nothing and equals a cold build", async () => {
    const summary = await cached();
    expect(summary.written).toBe(0);
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("the cache holds every parsed post, though a one-shot build frees them before rendering", () => {
    const meta = JSON.parse(readFileSync(path.join(cacheDir, "meta.json"), "utf8")) as { chunks: number };
    const entries = Array.from({ length: meta.chunks }, (_, i) => (JSON.parse(readFileSync(path.join(cacheDir, `posts-${i}.json`), "utf8")) as { posts: unknown[] }).posts).flat();
    expect(entries).toHaveLength(60);
  });

  it("editing one post rewrites only the pages that show it, and only its own chunk of the cache", async () => {
    const chunkFiles = (): Map<string, number> => new Map(readdirSync(cacheDir).filter((name) => name.startsWith("posts-")).map((name) => [name, statSync(path.join(cacheDir, name)).ino]));
    const before = chunkFiles();
    const file = path.join(root, "posts/2022-05-01-p28.md");
    writeFileSync(file, post({ title: "改过的标题", date: "2022-05-01 04:00:00 +0800", categories: "c4", tags: "[t0, 共同]" }, "新的正文"));
    const summary = await cached();
    // Each chunk file is replaced through a rename when written: a new inode is a rewritten file.
    const after = chunkFiles();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect([...after].filter(([name, ino]) => before.get(name) !== ino)).toHaveLength(1);
    expect(summary.changes.written).toContain("c4/2022/05/01/p28.html");
    expect(summary.changes.written).toContain("category/c4/page/2.html");
    expect(summary.changes.written).not.toContain("category/c1.html"); // a listing it is not on
    expect(summary.written).toBeLessThan(60);
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("a new post is published into every listing", async () => {
    writeFileSync(path.join(root, "posts/2022-12-31-new.md"), post({ title: "最新", date: "2022-12-31 23:00:00 +0800", categories: "c0", tags: "新标签" }));
    const summary = await cached();
    expect(summary.changes.written).toEqual(expect.arrayContaining(["c0/2022/12/31/new.html", "index.html", "category/c0.html", "tag/新标签.html", "archive/2022/12/31/index.html", "feed.xml"]));
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("deleting and renaming posts removes their pages", async () => {
    rmSync(path.join(root, "posts/2022-12-31-new.md"));
    renameSync(path.join(root, "posts/2022-02-02-p1.md"), path.join(root, "posts/2022-02-02-renamed.md"));
    const summary = await cached();
    expect(summary.changes.deleted).toEqual(expect.arrayContaining(["c0/2022/12/31/new.html", "c1/2022/02/02/p1.html", "tag/新标签.html"]));
    expect(summary.changes.written).toContain("c1/2022/02/02/renamed.html");
    expect(readdirSync(path.join(out, "c1/2022/02/02"))).toEqual(["renamed.html"]);
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("a template change re-renders the pages that use it, through includes", async () => {
    makeSite({ "templates/partials/item.njk": '<li class="item"><a href="{{ item.url }}">{{ item.title }}</a> 新样式</li>\n' }, root);
    const summary = await cached();
    expect(summary.changes.written).toContain("index.html");
    expect(summary.changes.written).not.toContain("c0/2022/01/01/p0.html"); // post pages do not include the item partial
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("a site.yml change rebuilds what depends on it", async () => {
    makeSite({ "site.yml": "title: 改名了\nurl: https://news.example.com\npage_size: 5\n" }, root);
    const summary = await cached();
    expect(summary.changes.written).toContain("c0/2022/01/01/p0.html");
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("time passing publishes a future post even when no file changed", async () => {
    writeFileSync(path.join(root, "posts/2023-06-01-later.md"), post({ title: "未来", date: "2023-06-01 10:00:00 +0800" }));
    await cached();
    expect(readdirSync(out)).not.toContain("2023");
    const unchanged = await cached();
    expect(unchanged.written).toBe(0);
    const later = await cached({ now: Date.UTC(2023, 6, 1) });
    expect(later.changes.written).toContain("2023/06/01/later.html");
    expect(readTree(out)).toEqual(await coldTree(root, { now: Date.UTC(2023, 6, 1) }));
  });
});

describe("one cache for two output folders", () => {
  it("keeps each folder's manifest: builds into either find nothing changed, and an edit reaches both", async () => {
    const root = makeSite(corpus(12));
    const cacheDir = path.join(tempDir(), "cache");
    const [a, b] = [path.join(tempDir(), "a"), path.join(tempDir(), "b")];
    const into = (out: string) => build({ root, out, cacheDir, search: false, now: NOW });
    await into(a);
    await into(b);
    expect((await into(a)).written).toBe(0);
    expect((await into(b)).written).toBe(0);
    writeFileSync(path.join(root, "posts/2022-04-04-p3.md"), post({ title: "两处都改", date: "2022-04-04 03:00:00 +0800", categories: "c3", tags: "[t3, 共同]" }, "新的正文"));
    const [first, second] = [await into(a), await into(b)];
    expect(first.changes.written).toContain("c3/2022/04/04/p3.html");
    expect(second.changes.written).toEqual(first.changes.written);
    const cold = await coldTree(root);
    expect(readTree(a)).toEqual(cold);
    expect(readTree(b)).toEqual(cold);
  });
});

/** Every folder under `dir`, relative, sorted. */
function foldersIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("parallel builds", () => {
  it("are byte-identical to a single-threaded cold build, with no folder more or less", async () => {
    const files = corpus(500);
    // Posts left out of the site: a worker thread makes every parsed post's folder ahead, while the
    // model is worked out, and theirs must not stay behind empty.
    files["posts/2030-01-01-future.md"] = post({ title: "未来", date: "2030-01-01 00:00:00 +0800", categories: "later" });
    files["posts/2022-02-02-draft.md"] = post({ title: "草稿", date: "2022-02-02 00:00:00 +0800", categories: "unpublished", extra: "draft: true" });
    const root = makeSite(files);
    const out = path.join(tempDir(), "parallel");
    const summary = await build({ root, out, cacheDir: false, workers: 2, search: false, now: NOW });
    expect(summary.posts).toBe(500);
    const cold = path.join(tempDir(), "cold");
    await build({ root, out: cold, cacheDir: false, workers: 0, search: false, now: NOW });
    expect(readTree(out)).toEqual(readTree(cold));
    expect(foldersIn(out)).toEqual(foldersIn(cold));
    expect(foldersIn(out).some((folder) => folder.startsWith("later") || folder.startsWith("unpublished"))).toBe(false);
  });
});

describe("render threads", () => {
  it("are fewer than the cores only when copies of a huge site would not fit", () => {
    expect(renderThreads(2, 100_000)).toBe(2);
    expect(renderThreads(2, 1_000_000)).toBe(1);
    expect(renderThreads(1, 10)).toBe(1);
  });
});

describe("a damaged cache", () => {
  it("is detected, discarded with a note, and the build is right", async () => {
    const root = makeSite(corpus(10));
    const out = path.join(tempDir(), "out");
    const cacheDir = path.join(tempDir(), "cache");
    await build({ root, out, cacheDir, search: false, now: NOW });
    for (const name of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, name), name === "meta.json" ? readTree(cacheDir).get(name)! : "{garbage");
    writeFileSync(path.join(root, "posts/2022-01-01-p0.md"), post({ title: "变了", date: "2022-01-01 00:00:00 +0800", categories: "c0" }));
    const summary = await build({ root, out, cacheDir, search: false, now: NOW });
    expect(summary.notes).toContain("the build cache was corrupted and was discarded");
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("whose page signatures are damaged is discarded, though the manifest's head still reads", async () => {
    const root = makeSite(corpus(10));
    const out = path.join(tempDir(), "out");
    const cacheDir = path.join(tempDir(), "cache");
    await build({ root, out, cacheDir, search: false, now: NOW });
    const name = readdirSync(cacheDir).find((file) => file.startsWith("output-"))!;
    const [head, signatures, changes] = readFileSync(path.join(cacheDir, name), "utf8").split("\n");
    // A signature changed in place: still valid JSON, so only the head's hash of the lines can tell.
    writeFileSync(path.join(cacheDir, name), `${head}\n${signatures!.replace(/":"(.)/, (_, c: string) => `":"${c === "A" ? "B" : "A"}`)}\n${changes}`);
    writeFileSync(path.join(root, "posts/2022-01-01-p0.md"), post({ title: "变了", date: "2022-01-01 00:00:00 +0800", categories: "c0" }));
    const summary = await build({ root, out, cacheDir, search: false, now: NOW });
    expect(summary.notes).toContain("the build cache was corrupted and was discarded");
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("from another version is discarded", async () => {
    const root = makeSite(corpus(3));
    const out = path.join(tempDir(), "out");
    const cacheDir = path.join(tempDir(), "cache");
    await build({ root, out, cacheDir, search: false, now: NOW });
    writeFileSync(path.join(cacheDir, "meta.json"), JSON.stringify({ version: "0.0.0-old", parseKey: "x", chunks: 0 }));
    const summary = await build({ root, out, cacheDir, search: false, now: NOW });
    expect(summary.notes).toContain("the build cache is from another version of broadsheet and was discarded");
    expect(readTree(out)).toEqual(await coldTree(root));
  });

  it("whose post chunks another build wrote under other parse settings is not trusted for them", async () => {
    // Two builds sharing a cache: one saved its chunks after the other's meta.json. The posts'
    // times have no offset, so the zone they were parsed in shows on every page.
    const files = (zone: string): Record<string, string> => ({
      "site.yml": `title: 时区\nurl: https://news.example.com\ntimezone: ${zone}\n`,
      "posts/2022-01-18-a.md": post({ title: "甲", date: "2022-01-18 14:05:51", categories: "c0" }),
      "posts/2022-01-19-b.md": post({ title: "乙", date: "2022-01-19 08:00:00", categories: "c0" }),
    });
    const root = makeSite(files("UTC"));
    const cacheDir = path.join(tempDir(), "cache");
    await build({ root, out: path.join(tempDir(), "utc"), cacheDir, search: false, now: NOW });
    const utcChunks = [...readTree(cacheDir)].filter(([name]) => name.startsWith("posts-"));
    writeFileSync(path.join(root, "site.yml"), files("Asia/Shanghai")["site.yml"]!);
    await build({ root, out: path.join(tempDir(), "shanghai"), cacheDir, search: false, now: NOW });
    for (const [name, bytes] of utcChunks) writeFileSync(path.join(cacheDir, name), bytes);
    const out = path.join(tempDir(), "again");
    const summary = await build({ root, out, cacheDir, search: false, now: NOW });
    expect(summary.notes).toEqual([]);
    expect(readTree(out)).toEqual(await coldTree(root));
  });
});
