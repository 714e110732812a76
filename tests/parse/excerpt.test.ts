import { describe, expect, it } from "vitest";
import { htmlToText, textStats, truncate } from "../../src/parse/excerpt.js";
import { createMarkdown, headingSlug } from "../../src/parse/markdown.js";
import { createPostParser } from "../../src/parse/post.js";

const parser = createPostParser({ timezone: "Asia/Shanghai", excerptLength: 10, encoding: "utf-8", siteUrl: "https://news.example.com", basePath: "/", jekyll: false });
const excerptOf = (body: string, front = "title: T\ndate: 2022-01-18") => parser.parse({ id: "2022-01-18-a.md", display: "a.md", inDrafts: false }, Buffer.from(`---\n${front}\n---\n${body}`)).excerpt;

describe("excerpts", () => {
  it.each([
    ["CJK, counted in characters", "<p>一二三四五六七八九十十一十二</p>", "一二三四五六七八九十…"],
    ["short text is kept whole", "<p>短文</p>", "短文"],
    ["tags stripped, entities decoded", "<p><b>粗体</b>&amp;<i>斜体</i>&lt;号&gt;与更多文字</p>", "粗体&斜体<号>与更…"],
    ["emoji never cut in half", "一二三四五六七八九👨‍👩‍👧‍👦十一", "一二三四五六七八九👨‍👩‍👧‍👦…"],
    ["mixed text", "Apple发布iPhone 15新品", "Apple发布iPh…"],
    ["markdown rendered first", "**加粗**的*文字*和[链接](http://x.com)等等等", "加粗的文字和链接等等…"],
    ["text before <!--more-->", "<p>导语。</p>\n<!--more-->\n<p>正文很长很长很长很长很长</p>", "导语。"],
    ["scripts and comments dropped", "<script>var x = 1;</script><!-- c --><p>可见的文字内容很长很长</p>", "可见的文字内容很长很…"],
  ])("%s", (_, body, expected) => {
    expect(excerptOf(body)).toBe(expected);
  });

  it("prefers front matter excerpt:, then description:", () => {
    expect(excerptOf("<p>正文</p>", "title: T\nexcerpt: 摘要\ndescription: 描述")).toBe("摘要");
    expect(excerptOf("<p>正文</p>", "title: T\ndescription: 描述")).toBe("描述");
  });

  it("of a long markdown body equals the whole body's text, cut", () => {
    const body = Array.from({ length: 40 }, (_, i) => `第${i}段，内容。`).join("\n\n");
    const whole = truncate(htmlToText(createMarkdown({ siteUrl: "", basePath: "/" })(body)), 10);
    expect(excerptOf(body)).toBe(whole);
  });

  it("uses the whole document when reference links are defined later", () => {
    expect(excerptOf("[链接][r]很长很长很长的文字\n\n第二段\n\n[r]: http://x.com")).toBe("链接很长很长很长的文…");
  });
});

describe("length and reading time", () => {
  it("counts CJK characters and Latin words", () => {
    expect(textStats("中文字数 and three words")).toEqual({ chars: 4, words: 3, minutes: 1 });
    expect(textStats("字".repeat(801)).minutes).toBe(3);
  });

  it("skips tags and entities when counting HTML", () => {
    expect(textStats('<p class="lead">中文</p>&nbsp;<a href="x">word</a>', true)).toEqual({ chars: 2, words: 1, minutes: 1 });
  });
});

describe("heading anchors", () => {
  it("keep Chinese characters and are unique within a page", () => {
    const html = createMarkdown({ siteUrl: "", basePath: "/" })("## 稳住工业发展\n\n## 稳住工业发展\n\n### Hello, World!");
    expect(html).toContain('<h2 id="稳住工业发展">');
    expect(html).toContain('<h2 id="稳住工业发展-1">');
    expect(html).toContain('<h3 id="hello-world">');
    expect(headingSlug("！？")).toBe("section");
  });
});

describe("links to the site's own host", () => {
  it("become site-relative, with the base path", () => {
    const render = createMarkdown({ siteUrl: "https://finews.withounder.com", basePath: "/news/" });
    const html = render('[返回](//finews.withounder.com/category/a.html) <a href="https://finews.withounder.com/">首页</a> [外](https://other.com/x)');
    expect(html).toContain('href="/news/category/a.html"');
    expect(html).toContain('href="/news/"');
    expect(html).toContain('href="https://other.com/x"');
  });
});
