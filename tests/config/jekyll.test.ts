// A Jekyll site built as it is: the real sample at the URLs Jekyll gave it, a small root whose URLs
// were recorded from Jekyll 4.3.1 (Debian's package) for each named permalink style, and names from
// category pages. The sample is read-only material: every build goes to a temporary folder.

import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSite, readOut, readTree, REPO, runCli, SHARED, tempDir } from "../helpers/site.js";

const SAMPLE = path.join(SHARED, "real", "finews-sample");

/** Every post page of a build: the files in folders other than those broadsheet generates. */
function postUrls(out: string): string[] {
  const generated = new Set(["archive", "category", "tag", "feed", "page", "pagefind"]);
  return [...readTree(out).keys()]
    .filter((file) => file.includes("/") && !generated.has(file.split("/")[0]!))
    .map((file) => `/${file}`)
    .sort();
}

/** The category name a post page shows (its `article:section`). */
const section = (html: string): string | undefined => /<meta property="article:section" content="([^"]*)">/.exec(html)?.[1];

function snapshot(dir: string): string[] {
  return [...readTree(dir).entries()].map(([file, bytes]) => `${file} ${bytes.length} ${statSync(path.join(dir, file)).mtimeMs}`);
}

describe("the real finews sample, a Jekyll root", () => {
  it("gives every post the URL Jekyll 4.3 gives it, its category names, and writes nothing into the root", async () => {
    const before = snapshot(SAMPLE);
    const out = path.join(tempDir(), "out");
    const result = await runCli(["build", "--root", SAMPLE, "--out", out, "--no-cache"]);
    expect(result.code).toBe(0);
    expect(snapshot(SAMPLE)).toEqual(before);
    expect(readdirSync(SAMPLE).sort()).toEqual(["_config.yml", "_posts", "category"]);

    const recorded = readFileSync(path.join(REPO, "tests/fixtures/jekyll/finews-sample-urls.txt"), "utf8").split("\n").filter((line) => line.startsWith("/"));
    expect(recorded).toHaveLength(readdirSync(path.join(SAMPLE, "_posts")).length);
    expect(postUrls(out)).toEqual(recorded);
    // No post has a category page in the sample, so each shows its category as written.
    for (const url of recorded) expect(section(readOut(out, url)), url).toBe(url.split("/")[1]);

    // _config.yml: title, lang, url.
    const home = readOut(out, "index.html");
    expect(home).toContain("<title>金融消息");
    expect(home).toMatch(/<html lang="zh-CN"/);
    expect(readOut(out, "sitemap.xml")).toContain("<loc>https://finews.withounder.com/emnews/2021/12/08/202112082206672930.html</loc>");
  });

  it("takes category names from the sample's category pages, and site.yml's registry over them", async () => {
    const root = tempDir();
    cpSync(SAMPLE, root, { recursive: true });
    const extra = (file: string, front: string): void => writeFileSync(path.join(root, "_posts", file), `---\nlayout: post\ntitle: "${file}"\ndate: 2022-03-20 10:00:00 +0800\n${front}\n---\n正文\n`);
    extra("2022-03-20-a.md", "categories: 20she");
    extra("2022-03-20-b.md", "categories: TechWeb");
    extra("2022-03-20-c.md", "categories: Techweb");
    extra("2022-03-20-d.md", "category: Career In touxingPEVC");
    extra("2022-03-20-e.md", "categories: 36ke");
    writeFileSync(path.join(root, "site.yml"), "categories:\n  36ke: 三十六氪\n");
    const out = path.join(tempDir(), "out");
    const result = await runCli(["build", "--root", root, "--out", out, "--no-cache"]);
    expect(result.code).toBe(0);
    expect(section(readOut(out, "20she/2022/03/20/a.html"))).toBe("20社新闻");
    expect(section(readOut(out, "techweb/2022/03/20/b.html"))).toBe("中国网科技新闻");
    expect(section(readOut(out, "techweb/2022/03/20/c.html"))).toBe("大江网新闻");
    expect(section(readOut(out, "career in touxingpevc/2022/03/20/d.html"))).toBe("21新健康新闻");
    expect(section(readOut(out, "36ke/2022/03/20/e.html"))).toBe("三十六氪");
    expect(readOut(out, "category/20she.html")).toContain("20社新闻");
  });
});

/** The small root Jekyll 4.3.1 was run on; what it wrote for each post is recorded below. */
const post = (title: string, front: string): string => `---\nlayout: post\ntitle: "${title}"\n${front}\n---\nbody\n`;
const SMALL: Record<string, string> = {
  "_config.yml": "title: 小站\nurl: https://news.example.com\nbaseurl: /news\ntimezone: Asia/Shanghai\n",
  "_posts/2022-03-20-evening.md": post("晚间", "date: 2022-03-20 20:00:00\ncategories: emnews"),
  "_posts/2022-03-20-offset.md": post("有时区", "date: 2022-03-20 20:00:00 +0800\ncategories: emnews"),
  "_posts/2022-03-20-dateonly.md": post("只有日期", "date: 2022-03-20\ncategories: emnews"),
  "_posts/2022-03-20-nodate.md": post("无日期", "categories: emnews"),
  "_posts/2022-03-20-early.md": post("清晨", "date: 2022-03-20 07:00:00\ncategories: emnews"),
  "_posts/2022-03-20-at-1600.md": post("十六点", "date: 2022-03-20 16:00:00\ncategories: emnews"),
  "_posts/2022-03-20-at-1559.md": post("十五点", "date: 2022-03-20 15:59:59\ncategories: emnews"),
  "_posts/2022-03-20-minus.md": post("负时区", "date: 2022-03-20 20:00:00 -0500\ncategories: emnews"),
  "_posts/2022-03-21-mismatch.md": post("文件名日期不同", "date: 2022-03-19 10:00:00\ncategories: emnews"),
  "_posts/nodatename.md": post("没有日期的文件名", "date: 2022-03-20 10:00:00\ncategories: emnews"),
  "_posts/2022-03-20-江西新闻.md": post("中文文件名", "date: 2022-03-20 10:00:00\ncategories: zhongguodianzibao"),
  "_posts/2022-03-20-two-cats.md": post("两个分类", "date: 2022-03-20 10:00:00\ncategories: Foo Bar"),
  "_posts/2022-03-20-cat-singular.md": post("单数分类", "date: 2022-03-20 10:00:00\ncategory: Foo Bar"),
  "_posts/2022-03-20-Mixed_Case.Name.md": post("大小写", "date: 2022-03-20 10:00:00\ncategories: emnews"),
  "_posts/2022-03-20-utc.md": post("UTC", "date: 2022-03-20 20:00:00 Z\ncategories: emnews"),
  "_posts/2022-03-20-slugged.md": post("带slug", "date: 2022-03-20 10:00:00\ncategories: emnews\nslug: my-slug"),
  "_posts/2022-12-31-newyear.md": post("跨年", "date: 2022-12-31 23:30:00\ncategories: emnews"),
  "category/emnews.html": "---\nlayout: category\ntitle: 东方财富网新闻\ncategory: emnews\n---\n",
};

// `jekyll build` output (find -type f), one permalink style each; category/emnews.html left out.
const JEKYLL_URLS: Record<string, string[]> = {
  date: [
    "/emnews/2022/03/19/mismatch.html",
    "/emnews/2022/03/20/Mixed_Case.Name.html",
    "/emnews/2022/03/20/at-1559.html",
    "/emnews/2022/03/20/dateonly.html",
    "/emnews/2022/03/20/early.html",
    "/emnews/2022/03/20/my-slug.html",
    "/emnews/2022/03/20/nodate.html",
    "/emnews/2022/03/20/offset.html",
    "/emnews/2022/03/21/at-1600.html",
    "/emnews/2022/03/21/evening.html",
    "/emnews/2022/03/21/minus.html",
    "/emnews/2022/03/21/utc.html",
    "/emnews/2023/01/01/newyear.html",
    "/foo bar/2022/03/20/cat-singular.html",
    "/foo/bar/2022/03/20/two-cats.html",
    "/zhongguodianzibao/2022/03/20/江西新闻.html",
  ],
  pretty: [
    "/emnews/2022/03/20/Mixed_Case.Name/index.html",
    "/emnews/2022/03/21/evening/index.html",
    "/emnews/2023/01/01/newyear/index.html",
    "/foo bar/2022/03/20/cat-singular/index.html",
    "/foo/bar/2022/03/20/two-cats/index.html",
    "/zhongguodianzibao/2022/03/20/江西新闻/index.html",
  ],
  ordinal: [
    "/emnews/2022/079/Mixed_Case.Name.html",
    "/emnews/2022/080/evening.html",
    "/emnews/2023/001/newyear.html",
    "/foo bar/2022/079/cat-singular.html",
    "/foo/bar/2022/079/two-cats.html",
    "/zhongguodianzibao/2022/079/江西新闻.html",
  ],
  none: [
    "/emnews/Mixed_Case.Name.html",
    "/emnews/evening.html",
    "/emnews/newyear.html",
    "/foo bar/cat-singular.html",
    "/foo/bar/two-cats.html",
    "/zhongguodianzibao/江西新闻.html",
  ],
};

describe("a Jekyll root", () => {
  it.each(Object.keys(JEKYLL_URLS))("permalink: %s gives the URLs Jekyll 4.3.1 gave", async (style) => {
    const root = makeSite({ ...SMALL, "_config.yml": `${SMALL["_config.yml"]}permalink: ${style}\n` });
    const out = path.join(tempDir(), "out");
    const result = await runCli(["build", "--root", root, "--out", out, "--no-cache"]);
    expect(result.code).toBe(0);
    const written = new Set(readTree(out).keys());
    for (const url of JEKYLL_URLS[style]!) expect(written.has(url.slice(1)), url).toBe(true);
    if (style === "date") expect(postUrls(out)).toEqual(JEKYLL_URLS.date);
    expect(existsSync(path.join(root, ".broadsheet-cache"))).toBe(false);
  });

  it("shows an offset-less time as written in the site zone, while its URL follows Jekyll's UTC reading", async () => {
    const root = makeSite(SMALL);
    const out = path.join(tempDir(), "out");
    expect((await runCli(["build", "--root", root, "--out", out, "--no-cache"])).code).toBe(0);
    const page = readOut(out, "emnews/2022/03/21/evening.html");
    expect(page).toContain('<meta property="article:published_time" content="2022-03-20T20:00:00+08:00">');
    expect(section(page)).toBe("东方财富网新闻");
    expect(page).toContain('href="/news/category/emnews.html"');

    // The same post outside a Jekyll root: a time without offset simply means the site zone.
    const plain = makeSite({ "posts/2022-03-20-evening.md": SMALL["_posts/2022-03-20-evening.md"]! });
    const plainOut = path.join(tempDir(), "out");
    expect((await runCli(["build", "--root", plain, "--out", plainOut, "--no-cache"])).code).toBe(0);
    expect(existsSync(path.join(plainOut, "emnews/2022/03/20/evening.html"))).toBe(true);
  });

  it("reports a _posts file without a YYYY-MM-DD- name as not a post, and builds the rest", async () => {
    const root = makeSite(SMALL);
    const result = await runCli(["build", "--root", root, "--out", path.join(tempDir(), "out"), "--no-cache"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("_posts/nodatename.md  not a post: Jekyll reads only files named YYYY-MM-DD-title in _posts (skipped)");
    expect(result.stdout).toContain("Built 16 posts");
  });

  it("reads _drafts with --drafts, and paginate as the home page's /pageN/", async () => {
    const root = makeSite({
      "_config.yml": "title: 小站\npaginate: 2\n",
      "_posts/2022-03-20-a.md": post("一", "date: 2022-03-20 10:00:00 +0800"),
      "_posts/2022-03-21-b.md": post("二", "date: 2022-03-21 10:00:00 +0800"),
      "_posts/2022-03-22-c.md": post("三", "date: 2022-03-22 10:00:00 +0800"),
      "_drafts/idea.md": post("草稿", "date: 2022-03-23 10:00:00 +0800"),
    });
    const out = path.join(tempDir(), "out");
    expect((await runCli(["build", "--root", root, "--out", out, "--no-cache"])).code).toBe(0);
    expect(existsSync(path.join(out, "page2/index.html"))).toBe(true);
    expect(existsSync(path.join(out, "2022/03/23/idea.html"))).toBe(false);
    const drafts = path.join(tempDir(), "out");
    expect((await runCli(["build", "--root", root, "--out", drafts, "--no-cache", "--drafts"])).code).toBe(0);
    expect(readOut(drafts, "2022/03/23/idea.html")).toContain("草稿");
  });

  it("names the _config.yml key and line of a bad value", async () => {
    const root = makeSite({ "_config.yml": "title: 小站\n\ntimezone: Mars/Olympus\n", "_posts/2022-03-20-a.md": post("一", "date: 2022-03-20") });
    const result = await runCli(["build", "--root", root, "--out", path.join(tempDir(), "out"), "--no-cache"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('_config.yml:3:1  timezone: unknown time zone "Mars/Olympus"');
  });
});

describe("category pages in a broadsheet root", () => {
  it("names categories from category/*.html; site.yml's registry wins; broken pages are warnings", async () => {
    const root = makeSite({
      "site.yml": "categories:\n  cls: 财联社电报\n",
      "posts/2022-03-20-a.md": post("一", "date: 2022-03-20 10:00:00 +0800\ncategories: emnews"),
      "posts/2022-03-20-b.md": post("二", "date: 2022-03-20 11:00:00 +0800\ncategories: cls"),
      "category/emnews.html": "---\nlayout: category\ntitle: 东方财富网新闻\ncategory: emnews\n---\n",
      "category/cls.md": "---\nlayout: category\ntitle: 财联社\ncategory: cls\n---\n",
      "category/other.html": "---\nlayout: page\ntitle: 关于\n---\n",
      "category/broken.html": "---\nlayout: category\ntitle: a: b: c\ncategory: x\n---\n",
      "category/untitled.html": "---\nlayout: category\ncategory: y\n---\n",
      "category/zz-emnews.html": "---\nlayout: category\ntitle: 又一个\ncategory: emnews\n---\n",
    });
    const out = path.join(tempDir(), "out");
    const result = await runCli(["build", "--root", root, "--out", out, "--no-cache"]);
    expect(result.code).toBe(0);
    expect(section(readOut(out, "emnews/2022/03/20/a.html"))).toBe("东方财富网新闻");
    expect(section(readOut(out, "cls/2022/03/20/b.html"))).toBe("财联社电报");
    expect(result.stderr).toContain("category/broken.html:3  warning: category page is not valid YAML, its name is not used");
    expect(result.stderr).toContain("category/untitled.html  warning: category page without title: its name is not used");
    expect(result.stderr).toMatch(/category\/zz-emnews.html  warning: category "emnews" already has a page \(\S*category\/emnews.html\); this one is not used/);
  });
});
