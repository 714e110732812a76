import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { hrefFor, normalizeUrl, urlToFile } from "../../src/model/permalink.js";
import { postUrl } from "../../src/model/site.js";
import { parseDate } from "../../src/parse/dates.js";
import type { Post, PostMeta } from "../../src/types.js";

function post(file: string, meta: Partial<PostMeta>, date = "2022-01-18 14:05:51 +0800"): Post {
  const ms = parseDate(date, "Asia/Shanghai").ms;
  return {
    id: file,
    source: `posts/${file}`,
    hash: "x",
    meta: { title: "标题", categories: [], tags: [], published: true, draft: false, extra: {}, ...meta },
    date: ms,
    urlDate: ms,
    fileTitle: file.replace(/^\d{4}-\d{2}-\d{2}-/, "").replace(/\.md$/, ""),
    inDrafts: false,
    excerpt: "",
    bodyStart: 0,
    problems: [],
  };
}

describe("post URLs, as Jekyll 4.3 computes them", () => {
  it.each([
    ["the reference post", post("2022-01-18-202201182251841262.md", { categories: ["zhongguodianzibao"] }), "/zhongguodianzibao/2022/01/18/202201182251841262.html"],
    ["categories lower-cased", post("2022-01-18-a.md", { categories: ["TechWeb"] }), "/techweb/2022/01/18/a.html"],
    ["several categories nest in order", post("2022-01-18-a.md", { categories: ["a", "b"] }), "/a/b/2022/01/18/a.html"],
    ["a category with a slash nests", post("2022-01-18-a.md", { categories: ["news/china"] }), "/news/china/2022/01/18/a.html"],
    ["no category, no prefix", post("2022-01-18-a.md", {}), "/2022/01/18/a.html"],
    ["case and spaces of the file name", post("2022-03-04-Mixed Case Title.md", {}, "2022-03-04 10:00:00 +0800"), "/2022/03/04/Mixed-Case-Title.html"],
    ["CJK file name kept", post("2022-01-18-中文标题.md", {}), "/2022/01/18/中文标题.html"],
    ["slug: replaces the file name", post("2022-01-18-a.md", { slug: "my slug" }), "/2022/01/18/my-slug.html"],
    ["permalink: wins outright", post("2022-01-18-a.md", { categories: ["x"], permalink: "/about/" }), "/about/"],
    ["permalink placeholders", post("2022-01-18-a.md", { categories: ["x"], permalink: "/:year/:title/" }), "/2022/a/"],
    ["date parts in the site zone", post("2022-01-18-a.md", {}, "2022-01-18 20:00:00 -0500"), "/2022/01/19/a.html"],
    ["no file-name title: a slug of the title", post("untitled.md", { title: "Hello World" }), "/2022/01/18/untitled.html"],
  ])("%s", (_, input, expected) => {
    expect(postUrl(input, DEFAULT_CONFIG)).toBe(expected);
  });

  it("uses Jekyll's named styles", () => {
    const config = { ...DEFAULT_CONFIG, permalinks: { ...DEFAULT_CONFIG.permalinks, post: "pretty" } };
    expect(postUrl(post("2022-01-18-a.md", { categories: ["x"] }), config)).toBe("/x/2022/01/18/a/");
  });
});

describe("URLs and files", () => {
  it.each([
    ["/a/../../etc/passwd", "/a/etc/passwd.html"],
    ["/../x.html", "/x.html"],
    ["//a///b.html", "/a/b.html"],
    ["/a\\..\\b.html", "/a/b.html"],
    ["/a/b", "/a/b.html"],
    ["/a/b/", "/a/b/"],
    ["/C:/x.html", "/C-/x.html"],
    ["/%2e%2e/x.html", "/-2e-2e/x.html"],
    ["/a\u0000b/x.html", "/a-b/x.html"],
  ])("%j normalizes to %j", (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it("maps folder URLs to index.html", () => {
    expect(urlToFile("/archive/2022/")).toBe("archive/2022/index.html");
    expect(urlToFile("/")).toBe("index.html");
    expect(urlToFile("/tag/中国.html")).toBe("tag/中国.html");
  });

  it("percent-encodes hrefs and prefixes the base path", () => {
    expect(hrefFor("/", "/tag/中国.html")).toBe("/tag/%E4%B8%AD%E5%9B%BD.html");
    expect(hrefFor("/news/", "/a/b.html")).toBe("/news/a/b.html");
    expect(hrefFor("/", "/")).toBe("/");
  });

  it("keeps a 150-character Chinese title within 255 bytes per segment", () => {
    const title = "长".repeat(150);
    const url = postUrl(post(`2022-01-18-${title}.md`, {}), DEFAULT_CONFIG);
    const last = url.split("/").pop()!;
    expect(Buffer.byteLength(last)).toBeLessThanOrEqual(255);
    expect(last.startsWith("长长长")).toBe(true);
  });
});
