// Hostile permalinks, slugs and term names: nothing is written outside the output folder, every
// link resolves to the file it names, and two sources with one URL are an error naming both.

import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { attr, htmlElements, htmlText } from "../helpers/documents.js";
import { buildAt, buildFiles } from "../helpers/outcome.js";
import { makeSite, readOut, readTree, tempDir } from "../helpers/site.js";

/** A post with raw front matter lines. */
const post = (lines: string, body = "body"): string => `---\n${lines}\n---\n${body}\n`;

/** The local hrefs of a page, HTML-unescaped. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"#]*)"/g)]
    .map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"))
    .filter((href) => href.startsWith("/"));
}

/** The output file an href is served from (as a static host maps it). */
function fileOf(href: string): string {
  const pathname = decodeURIComponent(new URL(href, "https://example.org").pathname);
  return (pathname.endsWith("/") ? `${pathname}index.html` : pathname).slice(1);
}

/** Asserts every local link of every HTML page resolves to a file of the output. */
function expectLinksResolve(out: string): number {
  const files = readTree(out);
  let checked = 0;
  for (const [file, bytes] of files) {
    if (!file.endsWith(".html")) continue;
    for (const href of hrefs(bytes.toString("utf8"))) {
      expect(files.has(fileOf(href)), `${file} links to ${href}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

describe("permalinks and slugs that try to leave the output folder", () => {
  const HOSTILE: Record<string, string> = {
    "dotdot": "permalink: /../../../../escaped.html",
    "encoded": "permalink: /%2e%2e/%2e%2e/%2E%2E/escaped-encoded.html",
    "backslash": "permalink: '..\\..\\..\\escaped-backslash.html'",
    "drive": "permalink: 'C:\\Windows\\escaped-drive.html'",
    "drive-slash": "permalink: C:/escaped-drive-slash.html",
    "absolute": "permalink: /tmp/escaped-absolute.html",
    "network": "permalink: //evil.example/escaped-network.html",
    "nul": 'permalink: "/a\\0b/escaped-nul.html"',
    "controls": 'permalink: "/\\x01\\x1f\\x7f/escaped-controls\\t\\n.html"',
    "slug-dotdot": "slug: ../../../escaped-slug",
    "slug-only-dots": "slug: ..",
    "slug-encoded": "slug: '%2e%2e%2f%2e%2e%2fescaped'",
    "slug-backslash": "slug: '..\\..\\escaped-slug-backslash'",
    "title-dots": "title: ../../..",
  };

  it("writes every post inside the output folder, at a path whose links resolve", async () => {
    const parent = tempDir();
    const root = path.join(parent, "site");
    const files: Record<string, string> = {};
    for (const [name, line] of Object.entries(HOSTILE)) {
      files[`posts/2022-01-01-${name}.md`] = post(line.startsWith("title:") ? line : `title: ${name}\n${line}`);
    }
    makeSite(files, root);
    const run = await buildAt(root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(new RegExp(`^Built ${Object.keys(HOSTILE).length} posts `, "m"));
    // Nothing beside the site folder, nothing in it but its own folders.
    expect(readdirSync(parent)).toEqual(["site"]);
    expect(readdirSync(root).sort()).toEqual(["dist", "posts"]);
    const written = [...readTree(run.out).keys()];
    for (const file of written) expect(file.split("/").every((segment) => segment !== ".." && segment !== "." && !/[\\\0-\x1f\x7f]/.test(segment))).toBe(true);
    expect(written).toContain("escaped.html");
    expect(written).toContain("-2e-2e/-2e-2e/-2E-2E/escaped-encoded.html");
    expect(written).toContain("C-/Windows/escaped-drive.html");
    expect(written).toContain("tmp/escaped-absolute.html");
    expect(written).toContain("evil.example/escaped-network.html");
    expect(written).toContain("2022/01/01/-..-..-escaped-slug.html"); // dots inside a name are harmless
    expect(expectLinksResolve(run.out)).toBeGreaterThan(100);
  });
});

describe("long titles", () => {
  it("gives a title of 150 Chinese characters (450 bytes) valid file names, as a slug, a category and a title", async () => {
    const title = "中国电子报新闻".repeat(22).slice(0, 150);
    expect(Buffer.byteLength(title)).toBe(450);
    const run = await buildFiles({
      "posts/as-slug.md": post(`title: ${title}\ndate: 2022-01-01\nslug: ${title}`),
      "posts/as-category.md": post(`title: ${title}\ndate: 2022-01-02\ncategories: [${title}]\ntags: [${title}]`),
      // A file named by its date alone: Jekyll takes the slug from the title.
      "posts/2022-01-03-.md": post(`title: ${title}`),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const written = [...readTree(run.out).keys()];
    for (const file of written) for (const segment of file.split("/")) expect(Buffer.byteLength(segment)).toBeLessThanOrEqual(255);
    const long = written.filter((file) => file.split("/").some((segment) => segment.startsWith("中国电子报新闻")));
    expect(long.length).toBeGreaterThanOrEqual(8); // three posts, the category and tag pages, the category's three feeds
    for (const day of ["01", "02", "03"]) {
      const page = long.find((file) => file.includes(`2022/01/${day}/`) && !file.startsWith("archive/"))!;
      expect(readOut(run.out, page)).toContain(`<h1 class="post-title">${title}</h1>`);
    }
    expectLinksResolve(run.out);
  });

  it("skips a post whose URL a static host cannot take (a folder for each of 300 categories), and builds the rest", async () => {
    const categories = Array.from({ length: 300 }, (_, i) => `category-number-${String(i).padStart(4, "0")}`).join(", ");
    const run = await buildFiles({
      "posts/2022-01-01-many.md": post(`title: many\ndate: 2022-01-01\ncategories: [${categories}]`),
      "posts/2022-01-02-few.md": post("title: few\ndate: 2022-01-02\ncategories: [a, b]"),
    });
    expect(run.code).toBe(0);
    expect(run.reports.get("posts/2022-01-01-many.md")).toBe("posts/2022-01-01-many.md  its URL is 6,320 bytes long, more than the 1,024 a static host takes (skipped)");
    expect(run.stderr).toContain("hint: give it fewer categories (its URL has a folder for each), or a permalink: of its own");
    expect(readOut(run.out, "a/b/2022/01/02/few.html")).toContain("few");
    for (const file of readTree(run.out).keys()) expect(Buffer.byteLength(file)).toBeLessThanOrEqual(1024);
  });
});

describe("two sources, one URL", () => {
  const older = post("title: Older\ndate: 2022-01-01 08:00\npermalink: /same.html");
  const newer = post("title: Newer\ndate: 2022-01-02 08:00\npermalink: /same.html");

  it.each([
    ["a.md", "b.md"],
    ["b.md", "a.md"],
  ])("the older post keeps the URL and the other is named, whatever the file names (older in %s)", async (olderName, newerName) => {
    const run = await buildFiles({ [`posts/${olderName}`]: older, [`posts/${newerName}`]: newer });
    expect(run.code).toBe(0);
    expect(readOut(run.out, "same.html")).toContain("Older");
    expect(run.stderr).toContain(
      `posts/${newerName}  URL /same.html is already taken by posts/${olderName}; this post is skipped (skipped)\n` +
        "    hint: give one of them a different slug: or permalink: in its front matter",
    );
    expect(run.stdout).toMatch(/skipped 1 post \(1 url-collision\)/);
  });

  it("fails the build under --strict, leaving the output alone", async () => {
    const run = await buildFiles({ "posts/a.md": older, "posts/b.md": newer }, ["--strict"]);
    expect(run.code).toBe(1);
    expect(existsSync(run.out)).toBe(false);
  });

  it.each([
    ["a category page", "permalink: /category/news.html\ncategories: news", 'URL /category/news.html is also the category page of "news"; this post is skipped'],
    ["a tag page", "permalink: /tag/t.html\ntags: t", 'URL /tag/t.html is also the tag page of "t"; this post is skipped'],
    ["the home page", "permalink: /index.html", "URL /index.html is also the home listing page; this post is skipped"],
    ["a feed", "permalink: /feed.xml", "URL /feed.xml is also the feed page; this post is skipped"],
    ["the page 2 of a listing", "permalink: /page/2.html", "URL /page/2.html is also the home listing page; this post is skipped"],
  ])("a post and %s: the generated page wins and the post is named", async (_, lines, message) => {
    const filler = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`posts/filler-${i}.md`, post(`title: filler ${i}\ndate: 2021-01-01 00:${String(i).padStart(2, "0")}`)]));
    const run = await buildFiles({ ...filler, "posts/2022-01-01-clash.md": post(`title: clash\ndate: 2022-01-01\n${lines}`), "posts/2022-01-02-other.md": post("title: other\ncategories: news\ntags: t") });
    expect(run.code).toBe(0);
    expect(run.reports.get("posts/2022-01-01-clash.md")).toBe(`posts/2022-01-01-clash.md  ${message} (skipped)`);
    expectLinksResolve(run.out);
  });

  it("a post whose file would be a folder of another post's file (or the reverse) is named, not a crash", async () => {
    const run = await buildFiles({
      "posts/a.md": post("title: A\ndate: 2022-01-01\npermalink: /news/a.html"),
      "posts/b.md": post("title: B\ndate: 2022-01-02\npermalink: /news/a.html/b.html"),
      "posts/c.md": post("title: C\ndate: 2022-01-03\npermalink: /feed.xml/c.html"),
      "posts/d.md": post("title: D\ndate: 2022-01-04\npermalink: /x/"),
      "posts/e.md": post("title: E\ndate: 2022-01-05\npermalink: /x/index.html/e.html"),
    });
    expect(run.code).toBe(0);
    expect(run.reports.get("posts/b.md")).toBe("posts/b.md  URL /news/a.html/b.html needs a folder where posts/a.md has its file news/a.html; this post is skipped (skipped)");
    expect(run.reports.get("posts/c.md")).toBe("posts/c.md  URL /feed.xml/c.html needs a folder where the feed page has its file feed.xml; this post is skipped (skipped)");
    expect(run.reports.get("posts/e.md")).toBe("posts/e.md  URL /x/index.html/e.html needs a folder where posts/d.md has its file x/index.html; this post is skipped (skipped)");
    expect(readOut(run.out, "news/a.html")).toContain("A");
    expect(readOut(run.out, "x/index.html")).toContain("D");
  });

  it("warns when a post's URL differs only in case from a generated page's", async () => {
    const run = await buildFiles({ "posts/a.md": post("title: A\ndate: 2022-01-01\npermalink: /Category/News.html\ncategories: news") });
    expect(run.code).toBe(0);
    expect(run.reports.get("posts/a.md")).toBe(
      'posts/a.md  warning: URL /Category/News.html differs only in case from the category page of "news"; they collide on case-insensitive file systems',
    );
  });
});

describe("category and tag values", () => {
  it("gives values with spaces, parentheses, slashes, emoji and #?% working, distinct URLs", async () => {
    const values = ["a b", "a(b)", "a/b", "a-b", "😀 新闻", "C#", "C++", "C", "50%", "what?", "#", "?", "%", "..", "a\\b", "AB", "ab", "index", "Index", "x", "x.html", "x.rss", "Node.js", "constructor", "__proto__", "toString"];
    const list = `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
    const run = await buildFiles({ "posts/2022-01-01-terms.md": post(`title: terms\ncategories: ${list}\ntags: ${list}`) });
    expect(run.code).toBe(0);
    const page = readOut(run.out, [...readTree(run.out).keys()].find((file) => file.endsWith("/2022/01/01/terms.html"))!);
    for (const kind of ["category", "tag"]) {
      const links = htmlElements(page)
        .filter((e) => e.tagName === "a" && attr(e, "class") === kind)
        .map((e) => ({ href: attr(e, "href")!, name: htmlText(e) }));
      expect(links.map((l) => l.name).sort()).toEqual([...values].sort());
      expect(new Set(links.map((l) => fileOf(l.href))).size).toBe(values.length);
      for (const link of links) {
        const heading = htmlElements(readOut(run.out, fileOf(link.href))).find((e) => e.tagName === "h1")!;
        expect(htmlText(heading), link.href).toBe(link.name);
      }
    }
    expectLinksResolve(run.out);
  });
});

describe("generated pages that site.yml gives one path", () => {
  it("stop the build with an error naming site.yml, and leave the output alone", async () => {
    const run = await buildFiles({
      "site.yml": "permalinks:\n  category: /topic/:slug/\n  tag: /topic/:slug/\n",
      "posts/2022-01-01-a.md": post("title: a\ncategories: x\ntags: x"),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'site.yml  the tag page of "x" and the category page of "x" need one path, topic/x/index.html\n' +
        "    hint: give the two kinds of pages different permalinks: patterns\n" +
        "Build failed: the output folder was left as it was.\n",
    );
    expect(existsSync(run.out)).toBe(false);
  });
});
