// The search index as builds leave it: written with the pages, skipped with --no-search, the same
// after an incremental build as after a full one, and untouched when no post changed.

import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSite, post, readOut, readTree, REPO, runCli, tempDir } from "../helpers/site.js";

/** A copy of the sample site (posts and site.yml) in a temporary folder. */
function sampleSite(): string {
  const files: Record<string, string> = { "site.yml": readFileSync(path.join(REPO, "site.yml"), "utf8") };
  for (const name of readdirSync(path.join(REPO, "posts"))) files[`posts/${name}`] = readFileSync(path.join(REPO, "posts", name), "utf8");
  return makeSite(files);
}

const entry = (out: string): { languages: Record<string, { page_count: number }> } => JSON.parse(readOut(out, "pagefind/pagefind-entry.json"));

/** Inode of every file of the index: which files a build replaced. */
function inodes(out: string): Map<string, number> {
  return new Map([...readTree(path.join(out, "pagefind")).keys()].map((file) => [file, statSync(path.join(out, "pagefind", file)).ino]));
}

async function buildOk(args: string[]): Promise<string> {
  const result = await runCli(["build", ...args]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

describe("the search stage", () => {
  it("indexes every post page, in the site's language, and says so in the summary", async () => {
    const out = path.join(tempDir(), "dist");
    const stdout = await buildOk(["--root", REPO, "--out", out, "--no-cache"]);
    expect(stdout).toMatch(/ · search: 15 pages indexed in \d+\.\d\d s · /);
    expect(Object.keys(entry(out).languages)).toEqual(["zh-CN"]);
    expect(entry(out).languages["zh-CN"]!.page_count).toBe(15);
    expect(readOut(out, "search.html")).toContain(`data-bundle="/pagefind/pagefind.js"`);
  });

  it("writes no index with --no-search, and the search page says there is none", async () => {
    const out = path.join(tempDir(), "dist");
    const stdout = await buildOk(["--root", REPO, "--out", out, "--no-cache", "--no-search"]);
    expect(stdout).not.toContain("search:");
    expect(readdirSync(out)).not.toContain("pagefind");
    expect(readOut(out, "search.html")).toContain("本站未提供全文搜索");
    expect(readOut(out, "index.html")).not.toContain(`role="search"`);
  });

  it("removes the index of an earlier build when --no-search is given", async () => {
    const root = sampleSite();
    const out = path.join(root, "dist");
    await buildOk(["--root", root]);
    expect(readdirSync(out)).toContain("pagefind");
    await buildOk(["--root", root, "--no-search"]);
    expect(readdirSync(out)).not.toContain("pagefind");
  });

  it("leaves the same index after an incremental build as a full build does, moving only the files that changed", async () => {
    const root = sampleSite();
    const out = path.join(root, "dist");
    await buildOk(["--root", root]);
    const before = inodes(out);
    const file = path.join(root, "posts", "2022-01-06-202201061132058841.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("</p>", "石墨烯散热膜。</p>"));
    const stdout = await buildOk(["--root", root]);
    expect(stdout).toMatch(/\d+ unchanged/); // a patch, not a full build
    expect(stdout).toContain("search: 15 pages indexed");

    const full = path.join(tempDir(), "dist");
    await buildOk(["--root", root, "--out", full, "--no-cache"]);
    expect(readTree(path.join(out, "pagefind"))).toEqual(readTree(path.join(full, "pagefind")));
    const after = inodes(out);
    expect(after.get("pagefind.js")).toBe(before.get("pagefind.js"));
    expect(after.get("pagefind-entry.json")).not.toBe(before.get("pagefind-entry.json"));
    expect([...before.keys()].filter((name) => !after.has(name)).length).toBeGreaterThan(0); // stale chunks deleted
  });

  it("keeps the index as it is when no post page changed", async () => {
    const root = makeSite({
      "posts/2022-01-01-a.md": post({ title: "光伏组件出货量创新高", date: "2022-01-01 10:00:00 +0800", categories: "news" }),
      "posts/2022-01-02-b.md": post({ title: "储能电站并网", date: "2022-01-02 10:00:00 +0800", categories: "news" }),
      "public/notice.txt": "one",
    });
    const out = path.join(root, "dist");
    await buildOk(["--root", root]);
    const before = inodes(out);
    writeFileSync(path.join(root, "public", "notice.txt"), "two");
    const stdout = await buildOk(["--root", root]);
    expect(stdout).toContain("1 written");
    expect(stdout).toContain("search: 2 pages indexed");
    expect(inodes(out)).toEqual(before);
  });

  it("fails without touching the output when Pagefind cannot run, and says what to do", async () => {
    const root = sampleSite();
    const out = path.join(root, "dist");
    await buildOk(["--root", root]);
    const before = readTree(out);
    writeFileSync(path.join(root, "posts", "2022-03-01-new.md"), post({ title: "新文章", date: "2022-03-01 09:00:00 +0800" }));
    const result = await runCli(["build", "--root", root], { env: { PAGEFIND_EXTENDED_BINARY_PATH: "/nonexistent/pagefind" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        "broadsheet  the search indexer (Pagefind) cannot run here: /nonexistent/pagefind cannot be run",
        "    hint: install the dependencies with their optional packages (npm install --include=optional), or build with --no-search",
        "Build failed: the output folder was left as it was.",
        "",
      ].join("\n"),
    );
    expect(readTree(out)).toEqual(before);
  });

  it("indexes the article only: not the navigation, the listings or the post's meta line", async () => {
    const out = path.join(tempDir(), "dist");
    await buildOk(["--root", REPO, "--out", out, "--no-cache"]);
    const postPage = readOut(out, "zhongguodianzibao/2022/01/18/202201182251841262.html");
    expect(postPage).toMatch(/<article class="post" data-pagefind-body>/);
    expect(postPage).toContain(`<p class="post-meta" data-pagefind-ignore data-pagefind-sort="date:2022-01-18T14:05:51+08:00"`);
    expect(postPage).toMatch(/<span data-pagefind-filter="category"><a class="category" [^>]*>中国电子报新闻<\/a><\/span>/);
    for (const listing of ["index.html", "category/zhongguodianzibao.html", "archive/2022/index.html"]) expect(readOut(out, listing)).not.toContain("data-pagefind-body");
  });
});
