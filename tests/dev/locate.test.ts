// Request paths → output files: the base path, decoding, folders, and refused escapes.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { candidateFiles, locate, siteSegments } from "../../src/dev/locate.js";
import { tempDir } from "../helpers/site.js";

describe("siteSegments", () => {
  it.each([
    ["/", "/", [""]],
    ["/a/b.html?x=1#top", "/", ["a", "b.html"]],
    [`/${encodeURIComponent("新闻")}/x.html`, "/", ["新闻", "x.html"]],
    ["/news/a/", "/news/", ["a", ""]],
    ["/news", "/news/", []],
    ["/other/a", "/news/", undefined],
    [`/${encodeURIComponent("新闻")}/a`, "/新闻/", ["a"]],
    ["/../etc/passwd", "/", null],
    ["/%2e%2e/etc", "/", null],
    ["/a%2f..%2f..%2fetc", "/", null],
    ["/a%5c..", "/", null],
    ["/a%00b", "/", null],
    ["/%E0%A4%A", "/", null],
  ])("%s under %s → %j", (raw, base, expected) => {
    expect(siteSegments(raw, base)).toEqual(expected);
  });
});

describe("candidateFiles", () => {
  it.each([
    [[""], ["index.html"]],
    [["a", ""], ["a/index.html"]],
    [["a", "b.html"], ["a/b.html", "a/b.html/index.html"]],
    [["about"], ["about", "about.html", "about/index.html"]],
  ])("%j → %j", (segments, files) => {
    expect(candidateFiles(segments)).toEqual(files);
  });
});

describe("locate", () => {
  const out = tempDir();
  mkdirSync(path.join(out, "新闻"), { recursive: true });
  writeFileSync(path.join(out, "index.html"), "home");
  writeFileSync(path.join(out, "about.html"), "about");
  writeFileSync(path.join(out, "新闻", "index.html"), "news");

  it.each([
    ["/", { kind: "file", file: "index.html" }],
    ["/about", { kind: "file", file: "about.html" }],
    [`/${encodeURIComponent("新闻")}/`, { kind: "file", file: "新闻/index.html" }],
    [`/${encodeURIComponent("新闻")}?q=1`, { kind: "redirect", to: `/${encodeURIComponent("新闻")}/?q=1` }],
    ["/missing.html", { kind: "missing", files: ["missing.html", "missing.html/index.html"] }],
    ["/../secret", { kind: "refused" }],
  ])("%s", (raw, expected) => {
    expect(locate(out, "/", raw)).toMatchObject(expected);
  });
});
