// Listings: pagination at its boundaries, date archives and their neighbours, the index pages.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkLinks } from "../../src/check/links.js";
import { build } from "../../src/index.js";
import { makeSite, post, readOut, tempDir } from "../helpers/site.js";
import { existsSync } from "node:fs";

/** A site of `count` posts in category `news`, one a day from 2022-01-01, page size 3. */
async function site(count: number, extra: Record<string, string> = {}) {
  const files: Record<string, string> = { "site.yml": "title: 测试\nurl: https://news.example.com\npage_size: 3\n", ...extra };
  if (count === 0) files["posts/.keep"] = "";
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + Math.floor(i / 28)).padStart(2, "0");
    files[`posts/2022-${month}-${day}-p${i}.md`] = post({ title: `第${i}篇`, date: `2022-${month}-${day} 10:00:00 +0800`, categories: "news", tags: `t${i % 2}` });
  }
  const root = makeSite(files);
  const out = path.join(tempDir(), "out");
  const summary = await build({ root, out, cacheDir: false, search: false, now: Date.UTC(2030, 0, 1) });
  return { out, summary };
}

const pagesOf = (out: string, first: string, folder: string): string[] => {
  const pages = [first];
  for (let n = 2; existsSync(path.join(out, `${folder}page/${n}.html`)); n++) pages.push(`${folder}page/${n}.html`);
  return pages;
};

describe("pagination at page-size boundaries (page size 3)", () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 1],
    [4, 2],
    [6, 2],
    [7, 3],
  ])("%i posts → %i home page(s)", async (count, pages) => {
    const { out } = await site(count);
    expect(pagesOf(out, "index.html", "")).toHaveLength(pages);
    const items = pagesOf(out, "index.html", "").flatMap((file) => [...readOut(out, file).matchAll(/<li class="item">/g)]);
    expect(items).toHaveLength(count);
    if (count === 0) expect(readOut(out, "index.html")).toContain("还没有文章");
  });

  it("links first, previous, next and last, with rel=prev/next", async () => {
    const { out } = await site(7);
    const second = readOut(out, "category/news/page/2.html");
    expect(second).toContain('<link rel="prev" href="/category/news.html">');
    expect(second).toContain('<link rel="next" href="/category/news/page/3.html">');
    expect(second).toContain('<a href="/category/news.html">首页</a> <a rel="prev" href="/category/news.html">上一页</a>');
    expect(second).toContain('<a rel="next" href="/category/news/page/3.html">下一页</a> <a href="/category/news/page/3.html">末页</a>');
    expect(readOut(out, "category/news.html")).not.toContain('rel="prev"');
    expect(checkLinks(out, { basePath: "/", url: "https://news.example.com" })).toEqual([]);
  });

  it("paginates tag pages too, and the page pattern is configurable", async () => {
    const { out } = await site(7, { "site.yml": "page_size: 3\npermalinks:\n  page: p:num/\n" });
    expect(existsSync(path.join(out, "tag/t0/p2/index.html"))).toBe(true);
    expect(existsSync(path.join(out, "p3/index.html"))).toBe(true);
  });
});

describe("date archives", () => {
  it("have a page per year, month and day with posts, linked to their neighbours", async () => {
    const { out } = await site(30);
    expect(readOut(out, "archive/2022/index.html")).toContain("<h1>2022年");
    const january = readOut(out, "archive/2022/01/index.html");
    expect(january).toContain("<h1>2022年1月");
    expect(january).toContain('<a href="/archive/2022/02/">2022年2月 →</a>');
    const day = readOut(out, "archive/2022/01/18/index.html");
    expect(day).toContain("第17篇");
    expect(day).toContain('<a href="/archive/2022/01/17/">← 2022年1月17日</a>');
    expect(day).toContain('<a href="/archive/2022/01/19/">2022年1月19日 →</a>');
    expect(existsSync(path.join(out, "archive/2022/03/index.html"))).toBe(false);
  });

  it("index years and months with counts", async () => {
    const { out } = await site(30);
    const index = readOut(out, "archive/index.html");
    expect(index).toMatch(/<a href="\/archive\/2022\/">2022年<\/a> <span class="count">30<\/span>/);
    expect(index).toMatch(/<a href="\/archive\/2022\/01\/">2022年1月<\/a> <span class="count">28<\/span>/);
    expect(index).toMatch(/<a href="\/archive\/2022\/02\/">2022年2月<\/a> <span class="count">2<\/span>/);
  });
});

describe("category and tag indexes", () => {
  it("list every term with its display name, count and newest date, by count and by name", async () => {
    const { out } = await site(5, { "site.yml": "page_size: 3\ncategories:\n  news: 新闻频道\n" });
    const index = readOut(out, "category/index.html");
    expect(index).toContain('<a href="/category/news.html">新闻频道</a> <span class="count">5</span>');
    expect(index).toContain('<time datetime="2022-01-05T10:00:00+08:00">2022-01-05</time>');
    const tags = readOut(out, "tag/index.html");
    expect(tags.indexOf(">t0</a> <span class=\"count\">3")).toBeLessThan(tags.indexOf(">t1</a> <span class=\"count\">2"));
  });
});
