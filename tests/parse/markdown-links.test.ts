// Plain link URLs skip markdown-it's URL parse and punycode pass (src/parse/markdown.ts). The
// rendered HTML must be exactly what markdown-it gives on its own path: compared here with a plain
// markdown-it set up the same way, on links, autolinks and bare URLs built from URL pieces,
// including the shapes that parse and format do not give back unchanged (user info, ports, IPv6,
// punycode hosts, escapes).

import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../src/parse/markdown.js";

// The site's own host is made site-relative by createMarkdown: localhost turns that off.
const render = createMarkdown({ siteUrl: "http://localhost:4000", basePath: "/" });
const reference = new MarkdownIt({ html: true, linkify: true, typographer: false });
reference.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

const pieces = fc.constantFrom(
  "http:", "https:", "HTTP:", "mailto:", "ftp:", "//", "/", "?", "#", "@", ":", "%", "%2", "%20", "%E4%B8%AD", "%zz",
  "xn--", "xn--fiqs8s", "a", "B", ".", "[", "]", "::1", "www.", "example.com", "EXAMPLE.COM", "中国", "é", "\\",
  "'", "(", ")", "*", "&", "=", "+", ",", ";", "!", "$", "~", "{", "|", "}", "^", "`", "8080", "-", "_", "user:pw@",
);
const url = fc.oneof(
  fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ unit: "binary-ascii", maxLength: 30 }).filter((s) => !/[\s<>]/.test(s)),
);
const document = fc
  .array(
    fc.oneof(
      url.map((u) => `[链接](${u})`),
      url.map((u) => `![图](${u} "t")`),
      url.map((u) => `<${u}>`),
      url.map((u) => `见 http://${u} 与 https://www.${u}。`),
      url.map((u) => `[ref]\n\n[ref]: ${u}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((blocks) => blocks.join("\n\n"));

describe("plain link URLs", () => {
  it("render as markdown-it renders them", () => {
    fc.assert(
      fc.property(document, (source) => {
        expect(render(source)).toBe(reference.render(source));
      }),
      { numRuns: 5000 },
    );
  });

  it("keep the news archive's links, encoded as markdown-it encodes them", () => {
    const source = [
      "<http://news.example.com/html_News/NewsShare.html?infoCode=NW2022010922000000434>",
      "[返回新闻](//finews.withounder.com/category/rongying.html)｜[返回首页](//finews.withounder.com/)",
      "[中文](https://例子.中国/路径?q=新闻#段) [port](http://a.com:8080/x) [user](ftp://u:p@h.com/) [esc](/a%20b/%zz)",
    ].join("\n\n");
    expect(render(source)).toBe(reference.render(source));
    expect(render(source)).toContain('href="https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84?q=%E6%96%B0%E9%97%BB#%E6%AE%B5"');
  });
});
