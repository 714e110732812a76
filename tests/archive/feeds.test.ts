// Feeds, sitemaps, robots.txt and the SEO tags of every page.
import { rmSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/index.js";
import { makeSite, post, readOut, tempDir } from "../helpers/site.js";

const HOSTILE = 'A <b>&</b> "q" ]]> </script> {{ x }} \u0001\u0008 end';
let out: string;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

beforeAll(async () => {
  const root = makeSite({
    "site.yml": "title: 新闻站\nurl: https://news.example.com\ndescription: 描述\ncategories:\n  tech: 科技\nfeeds:\n  limit: 2\n  tags: true\n",
    "posts/2022-01-18-a.md": post({ title: "第一篇", date: "2022-01-18 14:05:51 +0800", categories: "tech", tags: "芯片" }, '<p>正文<a href="/x.html">站内</a></p>'),
    "posts/2022-01-19-b.md": post({ title: HOSTILE, date: "2022-01-19 09:00:00 +0800", categories: "tech", tags: '"<t>"' }, "<p>正文 \u0002 二</p>"),
    "posts/2022-01-20-c.md": post({ title: "第三篇", date: "2022-01-20 09:00:00 +0800", categories: "tech" }),
  });
  out = path.join(tempDir(), "out");
  const summary = await build({ root, out, cacheDir: false, search: false, now: Date.UTC(2022, 0, 21) });
  expect(summary.skipped).toEqual([]);
});

describe("Atom", () => {
  it.each([["feed.xml"], ["feed/category/tech.xml"], ["feed/tag/芯片.xml"]])("%s is well-formed with the required elements", (file) => {
    const text = readOut(out, file);
    expect(XMLValidator.validate(text)).toBe(true);
    const feed = xml.parse(text).feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title["#text"]).toBeTruthy();
    expect(feed.id).toMatch(/^https:\/\/news\.example\.com\//);
    expect(feed.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });

  it("has the newest N entries with link, id, published time with offset, categories, summary and full content", () => {
    const feed = xml.parse(readOut(out, "feed.xml")).feed;
    expect(feed.entry).toHaveLength(2);
    const [newest, second] = feed.entry;
    expect(newest.title["#text"]).toBe("第三篇");
    expect(second.link["@href"]).toBe("https://news.example.com/tech/2022/01/19/b.html");
    expect(second.id).toBe("https://news.example.com/tech/2022/01/19/b.html");
    expect(second.published).toBe("2022-01-19T09:00:00+08:00");
    expect(second.title["#text"]).toBe('A <b>&</b> "q" ]]> </script> {{ x }}  end');
    expect([second.category].flat().map((c: { "@term": string }) => c["@term"])).toEqual(["科技", "<t>"]);
    expect(second.content["#text"]).toContain("<p>正文  二</p>");
  });

  it("makes site-relative links in content absolute", () => {
    const entries = xml.parse(readOut(out, "feed/category/tech.xml")).feed.entry;
    expect(JSON.stringify(entries)).not.toContain('href=\\"/x.html');
    const first = readOut(out, "feed/tag/芯片.xml");
    expect(first).toContain("href=&quot;https://news.example.com/x.html&quot;");
  });
});

describe("RSS 2.0", () => {
  it("is well-formed with channel and items", () => {
    const text = readOut(out, "rss.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const channel = xml.parse(text).rss.channel;
    expect(channel.title).toBe("新闻站");
    expect(channel.link).toBe("https://news.example.com/");
    expect(channel.item).toHaveLength(2);
    expect(channel.item[1].pubDate).toBe("Wed, 19 Jan 2022 09:00:00 +0800");
    expect(channel.item[1].guid["#text"]).toBe("https://news.example.com/tech/2022/01/19/b.html");
  });
});

describe("JSON Feed 1.1", () => {
  it("parses, with items carrying content and dates", () => {
    const feed = JSON.parse(readOut(out, "feed/category/tech.json"));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe("https://news.example.com/feed/category/tech.json");
    expect(feed.items).toHaveLength(2);
    expect(feed.items[1].title).toBe('A <b>&</b> "q" ]]> </script> {{ x }}  end');
    expect(feed.items[1].date_published).toBe("2022-01-19T09:00:00+08:00");
    expect(feed.items[1].content_html).toContain("<p>正文  二</p>");
  });
});

describe("a post whose file vanishes after parsing", () => {
  // Its body is read again where its page and its feed entries are rendered: the site's feed and its
  // category's (and tag's) list it, each rendered in a job of its own, and each finds the file gone.
  it.each([0, 1])("is reported once, and every feed listing it is written without it (%i worker threads)", async (workers) => {
    const root = makeSite({
      "site.yml": "title: 新闻站\nurl: https://news.example.com\ncategories:\n  tech: 科技\nfeeds:\n  tags: true\n",
      "posts/2022-01-18-a.md": post({ title: "留下的", date: "2022-01-18 14:05:51 +0800", categories: "tech", tags: "芯片" }),
      "posts/2022-01-19-b.md": post({ title: "消失的", date: "2022-01-19 09:00:00 +0800", categories: "tech", tags: "芯片" }),
    });
    const gone = path.join(root, "posts/2022-01-19-b.md");
    const into = path.join(tempDir(), "out");
    const summary = await build({ root, out: into, cacheDir: false, search: false, workers, now: Date.UTC(2022, 0, 21), onSite: () => rmSync(gone) });
    expect(summary.skipped.map((problem) => `${path.relative(root, problem.file ?? "")}: ${problem.message}`)).toEqual(["posts/2022-01-19-b.md: file vanished while building"]);
    for (const file of ["feed.xml", "feed/category/tech.xml", "feed/tag/芯片.xml"]) {
      const text = readOut(into, file);
      expect(XMLValidator.validate(text)).toBe(true);
      expect(text).toContain("留下的");
      expect(text).not.toContain("消失的</title>");
    }
    expect(JSON.parse(readOut(into, "feed/category/tech.json")).items.map((item: { title: string }) => item.title)).toEqual(["留下的"]);
  });
});

describe("advertising feeds", () => {
  it("links the site's and the category's feeds from a post page", () => {
    const html = readOut(out, "tech/2022/01/18/a.html");
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="新闻站 (Atom)" href="/feed.xml">');
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="科技 (RSS)" href="/feed/category/tech.rss.xml">');
    expect(html).toContain('<link rel="alternate" type="application/feed+json" title="科技 (JSON Feed)" href="/feed/category/tech.json">');
  });
});

describe("sitemaps and robots.txt", () => {
  it("sitemap.xml lists every page with lastmod", () => {
    const text = readOut(out, "sitemap.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = xml.parse(text).urlset.url as { loc: string; lastmod: string }[];
    const locs = urls.map((u) => u.loc);
    expect(locs).toContain("https://news.example.com/tech/2022/01/18/a.html");
    expect(locs).toContain("https://news.example.com/category/tech.html");
    expect(locs).toContain("https://news.example.com/archive/2022/01/19/");
    expect(urls.find((u) => u.loc.endsWith("/a.html"))!.lastmod).toBe("2022-01-18T14:05:51+08:00");
  });

  it("the news sitemap holds the last two days' posts", () => {
    const text = readOut(out, "sitemap-news.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = [xml.parse(text).urlset.url].flat() as { loc: string }[];
    expect(urls.map((u) => u.loc)).toEqual(["https://news.example.com/tech/2022/01/20/c.html", "https://news.example.com/tech/2022/01/19/b.html"]);
    expect(text).toContain("<news:language>zh-cn</news:language>");
  });

  it("robots.txt points at the sitemap", () => {
    expect(readOut(out, "robots.txt")).toContain("Sitemap: https://news.example.com/sitemap.xml");
  });
});

describe("SEO on every page", () => {
  it("a post page has title, description, canonical, OpenGraph, Twitter and article tags", () => {
    const html = readOut(out, "tech/2022/01/18/a.html");
    expect(html).toContain("<title>第一篇 - 新闻站</title>");
    expect(html).toContain('<meta name="description" content="正文站内">');
    expect(html).toContain('<link rel="canonical" href="https://news.example.com/tech/2022/01/18/a.html">');
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="article:published_time" content="2022-01-18T14:05:51+08:00">');
    expect(html).toContain('<meta property="article:section" content="科技">');
    expect(html).toContain('<meta property="article:tag" content="芯片">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
  });

  it("JSON-LD NewsArticle cannot be broken out of by a hostile title", () => {
    const html = readOut(out, "tech/2022/01/19/b.html");
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]![1]!);
    expect(data["@type"]).toBe("NewsArticle");
    // Front-matter text loses its control characters when it is read (parse/meta.ts).
    expect(data.headline).toBe(HOSTILE.replace(/[\u0000-\u001f]/g, ""));
    expect(data.articleSection).toBe("科技");
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it("a listing page has its own canonical URL and description", () => {
    const html = readOut(out, "category/tech.html");
    expect(html).toContain('<link rel="canonical" href="https://news.example.com/category/tech.html">');
    expect(html).toContain("<title>科技 - 新闻站</title>");
  });

  it("there is a 404 page", () => {
    expect(readOut(out, "404.html")).toContain("页面不存在");
    expect(readOut(out, "404.html")).toContain('<meta name="robots" content="noindex">');
  });
});
