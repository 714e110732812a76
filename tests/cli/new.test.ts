// `broadsheet new` as an editor uses it: the file it writes, the URL it promises (checked against a
// real build), never overwriting, drafts, slugs, warnings for unknown categories, Jekyll roots.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSite, readOut, REPO, runCli, tempDir } from "../helpers/site.js";

const SITE_YML = "url: https://finews.withounder.com\ntimezone: Asia/Shanghai\ncategories:\n  zhongguodianzibao: 中国电子报新闻\n  emnews: 东方财富网新闻\n";
const TITLE = "江西：2022年力争电子信息和装备工业突破7000亿元";
const REFERENCE = ["new", TITLE, "--category", "zhongguodianzibao", "--tags", "中国电子报新闻", "--date", "2022-01-18 14:05:51"];

const site = (extra: Record<string, string> = {}): string => makeSite({ "site.yml": SITE_YML, "posts/.keep": "", ...extra });
const lines = (text: string): string[] => text.trim().split("\n");

/** Builds a site and returns its output folder. */
async function built(root: string, ...flags: string[]): Promise<string> {
  const out = path.join(tempDir(), "out");
  const run = await runCli(["build", "--root", root, "--out", out, "--no-cache", "--no-search", ...flags]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

describe("broadsheet new", () => {
  it("writes the reference post's front matter, prints its path and URL, and the build puts it there", async () => {
    const root = site();
    const run = await runCli(REFERENCE, { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const file = "posts/2022-01-18-jiang-xi-2022-nian-li-zheng-dian-zi-xin-xi-he.md";
    const url = "https://finews.withounder.com/zhongguodianzibao/2022/01/18/jiang-xi-2022-nian-li-zheng-dian-zi-xin-xi-he.html";
    expect(lines(run.stdout)).toEqual([file, url]);
    expect(readFileSync(path.join(root, file), "utf8")).toBe(
      `---\nlayout: post\ntitle: "${TITLE}"\ndate: 2022-01-18 14:05:51 +0800\ncategories: zhongguodianzibao\ntags: 中国电子报新闻\n---\n\n`,
    );
    const out = await built(root);
    const page = readOut(out, new URL(url).pathname.slice(1));
    expect(page).toContain(`<h1 class="post-title">${TITLE}</h1>`);
    expect(page).toContain('content="2022-01-18T14:05:51+08:00"');
  });

  it("never overwrites: the same day and slug get -2, -3, whatever the other file's extension", async () => {
    const root = site({ "posts/2022-01-18-same.markdown": "---\ntitle: 旧\n---\n" });
    const args = ["new", "新的", "--slug", "same", "--date", "2022-01-18 09:00"];
    const first = await runCli(args, { cwd: root });
    const second = await runCli(args, { cwd: root });
    expect(lines(first.stdout)[0]).toBe("posts/2022-01-18-same-2.md");
    expect(lines(second.stdout)[0]).toBe("posts/2022-01-18-same-3.md");
    expect(readFileSync(path.join(root, "posts/2022-01-18-same.markdown"), "utf8")).toBe("---\ntitle: 旧\n---\n");
    expect(lines(second.stdout)[1]).toBe("https://finews.withounder.com/2022/01/18/same-3.html");
    // Another day is another name.
    const other = await runCli(["new", "新的", "--slug", "same", "--date", "2022-01-19 09:00"], { cwd: root });
    expect(lines(other.stdout)[0]).toBe("posts/2022-01-19-same.md");
  });

  it("--draft writes into drafts/, built only with --drafts, at the URL it printed", async () => {
    const root = site();
    const run = await runCli(["new", "草稿一篇", "--category", "emnews", "--draft", "--date", "2022-03-20 20:00:00 +0800", "--slug", "cao-gao"], { cwd: root });
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual(["drafts/2022-03-20-cao-gao.md", "https://finews.withounder.com/emnews/2022/03/20/cao-gao.html"]);
    expect(existsSync(path.join(await built(root), "emnews/2022/03/20/cao-gao.html"))).toBe(false);
    expect(readOut(await built(root, "--drafts"), "emnews/2022/03/20/cao-gao.html")).toContain("草稿一篇");
  });

  it("dates a post now in the site's zone when --date is not given", async () => {
    const root = site();
    const run = await runCli(["new", "现在", "--slug", "now"], { cwd: root });
    const [file] = lines(run.stdout);
    const text = readFileSync(path.join(root, file!), "utf8");
    const date = /^date: (\d{4}-\d\d-\d\d) \d\d:\d\d:\d\d \+0800$/m.exec(text);
    expect(date).not.toBeNull();
    expect(file).toBe(`posts/${date![1]}-now.md`);
    expect(Math.abs(Date.parse(text.match(/^date: (.*) \+0800$/m)![1]!.replace(" ", "T") + "+08:00") - Date.now())).toBeLessThan(120_000);
  });

  it("escapes a hostile title so that the build shows it exactly", async () => {
    const root = site();
    const title = 'He said "hi": #1 \\ <script>alert(1)</script> & more';
    const run = await runCli(["new", title, "--date", "2022-02-01 08:00", "--slug", "hostile", "--tags", "A 股,2022"], { cwd: root });
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(root, "posts/2022-02-01-hostile.md"), "utf8");
    expect(text).toContain('title: "He said \\"hi\\": #1 \\\\ <script>alert(1)</script> & more"');
    expect(text).toContain('tags: ["A 股", "2022"]');
    const page = readOut(await built(root), "2022/02/01/hostile.html");
    expect(page).toContain('<h1 class="post-title">He said &quot;hi&quot;: #1 &#92; &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</h1>');
    expect(page).toContain('<meta property="article:tag" content="A 股">');
  });

  it.each([
    ["title", "江西-2022年力争电子信息和装备工业突破7000亿元"],
    ["id", /^20220118140551\d{4}$/],
    ["pinyin", "jiang-xi-2022-nian-li-zheng-dian-zi-xin-xi-he"],
  ])("new_slug: %s names the file", async (style, slug) => {
    const root = makeSite({ "site.yml": `${SITE_YML}new_slug: ${style}\n`, "posts/.keep": "" });
    const run = await runCli(REFERENCE, { cwd: root });
    const name = path.basename(lines(run.stdout)[0]!, ".md").slice("2022-01-18-".length);
    if (typeof slug === "string") expect(name).toBe(slug);
    else expect(name).toMatch(slug);
  });

  it("rejects an unknown new_slug style, naming the key", async () => {
    const root = makeSite({ "site.yml": "new_slug: kanji\n", "posts/.keep": "" });
    const run = await runCli(["new", "x"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('site.yml:1:1  new_slug: expected one of pinyin, title, id, got "kanji"');
    expect(readdirSync(path.join(root, "posts"))).toEqual([".keep"]);
  });

  it("warns about a category the registry lacks, naming the closest registered ones; the post is still written", async () => {
    const root = site();
    const run = await runCli(["new", "错字", "--category", "zhongguodianzibo", "--category", "A 股", "--date", "2022-01-18"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: category "zhongguodianzibo" is not registered in site.yml; closest: zhongguodianzibao (中国电子报新闻)\n' +
        'warning: category "A 股" is not registered in site.yml; nothing registered is close in spelling\n',
    );
    expect(readFileSync(path.join(root, lines(run.stdout)[0]!), "utf8")).toContain('categories: ["zhongguodianzibo", "A 股"]');
  });

  it("writes into a Jekyll root's _posts/ and _drafts/, with its category pages as the registry", async () => {
    const root = makeSite({
      "_config.yml": "url: https://news.example.com\npermalink: pretty\n",
      "_posts/.keep": "",
      "category/emnews.html": "---\nlayout: category\ntitle: 东方财富网新闻\ncategory: emnews\n---\n",
    });
    const post = await runCli(["new", "东财快讯", "--category", "emnew", "--date", "2022-03-20 20:00:00"], { cwd: root });
    expect(lines(post.stdout)).toEqual(["_posts/2022-03-20-dong-cai-kuai-xun.md", "https://news.example.com/emnew/2022/03/20/dong-cai-kuai-xun/"]);
    expect(post.stderr).toBe('warning: category "emnew" is not registered in site.yml or a category page; closest: emnews (东方财富网新闻)\n');
    const draft = await runCli(["new", "草稿", "--draft", "--slug", "idea"], { cwd: root });
    expect(lines(draft.stdout)[0]).toBe("_drafts/idea.md");
  });

  it.each([
    [[], 'new needs a title: broadsheet new "标题" --category slug'],
    [["x", "--date", "yesterday"], '--date: cannot read "yesterday" as a date'],
    [["x", "--slug", "///"], '--slug "///" has nothing usable in a file name'],
    [["x", "--nope"], "Unknown option '--nope'"],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const root = site();
    const run = await runCli(["new", ...args], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(readdirSync(path.join(root, "posts"))).toEqual([".keep"]);
  });

  it("runs as npm run new -- …", () => {
    const root = site();
    const stdout = execFileSync("npm", ["run", "--silent", "new", "--", "npm 写的", "--root", root, "--slug", "via-npm", "--date", "2022-01-18 10:00"], { cwd: REPO, encoding: "utf8" });
    expect(lines(stdout)).toEqual([path.join(root, "posts/2022-01-18-via-npm.md"), "https://finews.withounder.com/2022/01/18/via-npm.html"]);
  });
});

describe("new then check", () => {
  it("a post written by new passes check", async () => {
    const root = site();
    expect((await runCli(REFERENCE, { cwd: root })).code).toBe(0);
    writeFileSync(path.join(root, "posts/2022-01-18-jiang-xi-2022-nian-li-zheng-dian-zi-xin-xi-he.md"), "\n正文。\n", { flag: "a" });
    const check = await runCli(["check", "--root", root]);
    expect(check.stdout).toMatch(/^No problems: 1 post, \d+ pages checked in/);
    expect(check.code).toBe(0);
  });
});
