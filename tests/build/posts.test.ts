// Reading posts: date forms, taxonomies in every shape, drafts, future and unpublished posts.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../src/index.js";
import { makeSite, post, readOut, tempDir } from "../helpers/site.js";

const NOW = Date.UTC(2023, 0, 1);
const buildSite = (files: Record<string, string>, options: Parameters<typeof build>[0] = {}) => {
  const root = makeSite(files);
  const out = path.join(tempDir(), "out");
  return build({ root, out, cacheDir: false, search: false, now: NOW, ...options }).then((summary) => ({ summary, out, root }));
};

describe("dates end to end", () => {
  it.each([
    ["2022-01-18 14:05:51 +0800", "2022/01/18", "2022-01-18 14:05", "2022-01-18T14:05:51+08:00"],
    ["2022-01-18 14:05:51 +08:00", "2022/01/18", "2022-01-18 14:05", "2022-01-18T14:05:51+08:00"],
    ["2022-01-18 14:05:51", "2022/01/18", "2022-01-18 14:05", "2022-01-18T14:05:51+08:00"],
    ["2022-01-18T06:05:51Z", "2022/01/18", "2022-01-18 14:05", "2022-01-18T14:05:51+08:00"],
    ["2022-01-18T23:30:00-05:00", "2022/01/19", "2022-01-19 12:30", "2022-01-19T12:30:00+08:00"],
    ["2022-01-18", "2022/01/18", "2022-01-18 00:00", "2022-01-18T00:00:00+08:00"],
  ])("date: %s", async (date, urlDay, shown, iso) => {
    const { out, summary } = await buildSite({ "posts/x.md": post({ title: "T", date, categories: "news" }) });
    expect(summary.skipped).toEqual([]);
    const html = readOut(out, `news/${urlDay}/x.html`);
    expect(html).toContain(`<time datetime="${iso}">${shown}</time>`);
  });

  it("takes the date from the file name when front matter has none", async () => {
    const { out } = await buildSite({ "posts/2022-03-04-hello.md": post({ title: "T" }) });
    expect(readOut(out, "2022/03/04/hello.html")).toContain("2022-03-04 00:00");
  });
});

describe("categories and tags", () => {
  it.each([
    ["a string", "categories: finance", "tags: 半导体", ["finance"], ["半导体"]],
    ["a string with spaces is several values", "categories: a b", "tags: x y", ["a", "b"], ["x", "y"]],
    ["a YAML list", "categories: [a, b]", "tags: [中文, 2022]", ["a", "b"], ["中文", "2022"]],
    ["a block list", "categories:\n  - a\n  - b", "tags:\n  - x", ["a", "b"], ["x"]],
    ["singular keys", "category: one two", "tag: t", ["one two"], ["t"]],
    ["numbers are values", "categories: 2022", "tags: [2022, 1]", ["2022"], ["2022", "1"]],
  ])("%s", async (_, categories, tags, wantCategories, wantTags) => {
    const text = `---\ntitle: T\ndate: 2022-01-18 10:00:00 +0800\n${categories}\n${tags}\n---\nbody`;
    const { out, summary } = await buildSite({ "posts/2022-01-18-p.md": text });
    expect(summary.skipped).toEqual([]);
    for (const c of wantCategories) expect(readOut(out, `category/${c.replace(/ /g, "-")}.html`)).toContain("<h1>" + c);
    for (const t of wantTags) expect(readOut(out, `tag/${t}.html`)).toContain("<h1>" + t);
  });
});

describe("drafts, future and unpublished posts", () => {
  const files = {
    "posts/2022-01-01-live.md": post({ title: "Live", date: "2022-01-01 10:00:00 +0800" }),
    "posts/2022-01-02-draft.md": post({ title: "Draft", date: "2022-01-02 10:00:00 +0800", extra: "draft: true" }),
    "drafts/2022-01-03-folder-draft.md": post({ title: "Folder draft", date: "2022-01-03 10:00:00 +0800" }),
    "posts/2022-01-04-hidden.md": post({ title: "Hidden", date: "2022-01-04 10:00:00 +0800", extra: "published: false" }),
    "posts/2030-01-01-later.md": post({ title: "Later", date: "2030-01-01 10:00:00 +0800" }),
  };

  it("are left out by default and counted in the summary", async () => {
    const { out, summary } = await buildSite(files);
    expect(summary.posts).toBe(1);
    expect(summary.leftOut).toEqual({ drafts: 1, future: 1, unpublished: 1 });
    expect(readOut(out, "index.html")).toContain("Live");
    expect(readOut(out, "index.html")).not.toContain("Draft");
  });

  it("come in with --drafts and --future; unpublished never", async () => {
    const { out, summary } = await buildSite(files, { drafts: true, future: true });
    expect(summary.posts).toBe(4);
    expect(summary.leftOut).toEqual({ drafts: 0, future: 0, unpublished: 1 });
    const home = readOut(out, "index.html");
    for (const title of ["Live", "Draft", "Folder draft", "Later"]) expect(home).toContain(title);
    expect(home).not.toContain("Hidden");
  });
});

describe("post bodies", () => {
  it("are never evaluated as templates", async () => {
    const { out } = await buildSite({ "posts/2022-01-18-t.md": post({ title: "T" }, "价格 {{ 1 + 1 }} 与 {% raw %} 标记") });
    const html = readOut(out, "2022/01/18/t.html");
    expect(html).toContain("价格 {{ 1 + 1 }} 与 {% raw %} 标记");
  });

  it("render markdown with raw HTML and bare links", async () => {
    const { out } = await buildSite({ "posts/2022-01-18-t.md": post({ title: "T" }, "<p class=\"x\">原文</p>\n\n## 小标题\n\n见 https://example.com/a 和 <http://example.com/b>") });
    const html = readOut(out, "2022/01/18/t.html");
    expect(html).toContain('<p class="x">原文</p>');
    expect(html).toContain('<h2 id="小标题">小标题</h2>');
    expect(html).toContain('<a href="https://example.com/a">https://example.com/a</a>');
    expect(html).toContain('<a href="http://example.com/b">http://example.com/b</a>');
  });

  it("escape titles and tags everywhere", async () => {
    const { out } = await buildSite({ "posts/2022-01-18-t.md": post({ title: '<b>粗</b> & "引号"', tags: '"<i>x</i>"' }) });
    const html = readOut(out, "2022/01/18/t.html");
    expect(html).toContain("<h1 class=\"post-title\">&lt;b&gt;粗&lt;/b&gt; &amp; &quot;引号&quot;</h1>");
    expect(html).not.toContain("<b>粗</b>");
    expect(html).not.toContain("<i>x</i>");
  });
});
