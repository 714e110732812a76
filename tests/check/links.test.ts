// Which links the checker sees in a page: attributes of real tags only, quoted or bare, srcset's
// every candidate (a `>` inside a quoted value does not end the tag); never markup shown as text or
// quoted inside another attribute's value.

import { describe, expect, it } from "vitest";
import { linkTarget, pageLinks } from "../../src/check/links.js";

describe("pageLinks", () => {
  it.each([
    ['<a href="/a.html">x</a>', ["/a.html"]],
    ["<a href='/a.html'>x</a>", ["/a.html"]],
    ["<a class=x href=/a.html>x</a>", ["/a.html"]],
    ['<A HREF="/a.html">x</A>', ["/a.html"]],
    ['<img src="/i.png" srcset="/i1.png 1x, /i2.png 2x">', ["/i.png", "/i1.png", "/i2.png"]],
    ['<video poster="/p.jpg"></video>', ["/p.jpg"]],
    ['<link rel="stylesheet" href="/style.css">', ["/style.css"]],
    ["<pre><code>&lt;a href=/in/code&gt;</code></pre>", []],
    ['<meta name="description" content="see &lt;a href=/x&gt; and href=/y">', []],
    ['<a data-href="/no" title="href=/no">x</a>', []],
    ['<a title="a > b" href="/after.html">x</a>', ["/after.html"]],
    ["<p>a < b and c > d</p><a href=/z>", ["/z"]],
  ])("%s → %j", (html, links) => {
    expect(pageLinks(html).map((l) => l.link)).toEqual(links);
  });
});

describe("linkTarget", () => {
  const scope = { basePath: "/news/", url: "https://finews.withounder.com" };
  it.each([
    ["/news/a.html", "x/y.html", "a.html"],
    ["/news/", "x/y.html", "index.html"],
    ["b.html", "x/y.html", "x/b.html"],
    ["../c/", "x/y.html", "c/index.html"],
    ["//finews.withounder.com/news/d.html", "y.html", "d.html"],
    ["https://finews.withounder.com/news/e.html?q=1#top", "y.html", "e.html"],
    ["/news/%E4%B8%AD%E6%96%87.html", "y.html", "中文.html"],
    ["/other/f.html", "y.html", "/other/f.html"],
    ["https://example.com/g.html", "y.html", undefined],
    ["#anchor", "y.html", undefined],
    ["mailto:a@b.c", "y.html", undefined],
    ["data:image/png;base64,xx", "y.html", undefined],
  ])("%s on %s → %s", (link, page, target) => {
    expect(linkTarget(link, page, scope)).toBe(target);
  });
});
