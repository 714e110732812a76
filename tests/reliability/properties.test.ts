// Properties over arbitrary input (fast-check): whatever titles, slugs, categories, tags and
// permalinks hold, every output path stays inside the output folder in segments of at most 255
// bytes, its href leads back to it, and no two inputs share a path unreported; whatever a post's
// text is, parsing it returns a post or throws a BuildError naming the file and a line.

import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { modelAndRoutes } from "../../src/stages/model.js";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { BuildError, type Problem } from "../../src/errors.js";
import { hrefFor, urlToFile } from "../../src/model/permalink.js";
import { postUrl } from "../../src/model/site.js";
import { createPostParser, type ParseSettings } from "../../src/parse/post.js";
import type { Post, SiteConfig } from "../../src/types.js";
import { outputPath } from "../../src/write/files.js";

const SETTINGS: ParseSettings = { timezone: "Asia/Shanghai", excerptLength: 120, encoding: "utf-8", siteUrl: "https://example.org", basePath: "/", jekyll: false };
const parser = createPostParser(SETTINGS);
const OUT = "/srv/site/dist";
const encoder = new TextEncoder();

// Pieces hostile to paths and URLs, mixed with any text at all.
const HOSTILE = [".", "..", "/", "\\", "%2e%2e", "%2f", "%", "C:", "c:\\", "\0", "\u0001", "\u007f", "\u202e", " ", "\t", "#", "?", "&", "+", "~", "index", "Index", "page", "2", "feed", "feed.xml", ".html", ".htm", "x.rss", "category", "tag", "archive", "2022", "😀", "中文", "\u0301", "ﬁ", "CON", "-"];
const text = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "binary", maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 80 })), { maxLength: 5 })
  .map((parts) => parts.join(""));
const permalink = fc.oneof(
  fc.constant(undefined),
  text,
  text.map((t) => `/${t}`),
  fc.tuple(fc.constantFrom("/:categories/", "/:year/:month/", "/", "", "/:slug/"), text, fc.constantFrom("", "/", ".html", ":title", ":title/", "/:title.html")).map((parts) => parts.join("")),
);
const postInput = fc.record({
  name: text,
  title: text,
  slug: fc.option(text, { nil: undefined }),
  permalink,
  categories: fc.array(text, { maxLength: 3 }),
  tags: fc.array(text, { maxLength: 3 }),
  day: fc.integer({ min: 0, max: 40 }),
});
type PostInput = typeof postInput extends fc.Arbitrary<infer T> ? T : never;

// YAML double-quoted strings take JSON's escapes.
const yaml = (value: string): string => JSON.stringify(value);

/** Parses a post written from the input, or undefined when the post is (rightly) rejected. */
function parseInput(input: PostInput, index: number): Post | undefined {
  const lines = ["---", `title: ${yaml(input.title)}`, `date: 2022-01-${String(1 + (input.day % 28)).padStart(2, "0")} 10:${String(input.day).padStart(2, "0")}`];
  if (input.slug !== undefined) lines.push(`slug: ${yaml(input.slug)}`);
  if (input.permalink !== undefined) lines.push(`permalink: ${yaml(input.permalink)}`);
  lines.push(`categories: [${input.categories.map(yaml).join(", ")}]`, `tags: [${input.tags.map(yaml).join(", ")}]`, "---", "body", "");
  // A file name as a file system allows it: no separators or NUL, unique in its folder.
  const id = `${input.name.replace(/[/\0]/g, "-")}-${index}.md`;
  try {
    return parser.parse({ id, display: `posts/${id}`, inDrafts: false }, encoder.encode(lines.join("\n")));
  } catch (error) {
    expect(error).toBeInstanceOf(BuildError);
    return undefined;
  }
}

/** Asserts an output file path is safe: inside the output, sane segments of at most 255 bytes. */
function expectSafeFile(file: string): void {
  const full = outputPath(OUT, file);
  expect(full.startsWith(`${OUT}/`)).toBe(true);
  expect(path.relative(OUT, full)).toBe(file);
  for (const segment of file.split("/")) {
    expect(segment).not.toBe("");
    expect(segment).not.toBe(".");
    expect(segment).not.toBe("..");
    expect(segment).not.toMatch(/[\\\0-\x1f\x7f]/);
    expect(encoder.encode(segment).length).toBeLessThanOrEqual(255);
  }
}

/** Asserts the href of a URL, resolved and decoded as a browser and a static host do, is its file. */
function expectRoundTrip(url: string, basePath: string): void {
  const href = hrefFor(basePath, url);
  const pathname = decodeURIComponent(new URL(href, "https://example.org").pathname);
  expect(pathname.startsWith(basePath)).toBe(true);
  const local = `/${pathname.slice(basePath.length)}`;
  expect(urlToFile(local)).toBe(urlToFile(url));
}

describe("properties of URLs and output paths", () => {
  it("a post's output path stays inside the output, in safe segments of at most 255 bytes, and its href leads back to it", () => {
    fc.assert(
      fc.property(postInput, (input) => {
        const post = parseInput(input, 0);
        if (!post) return;
        const url = postUrl(post, DEFAULT_CONFIG);
        expectSafeFile(urlToFile(url));
        expectRoundTrip(url, "/");
        expectRoundTrip(url, "/news/");
      }),
      { numRuns: 2000 },
    );
  });

  it("no two posts, terms or generated pages share a file or a file and a folder, and every post left out is named", () => {
    fc.assert(
      fc.property(fc.array(postInput, { minLength: 1, maxLength: 10 }), (inputs) => {
        const posts = inputs.map(parseInput).filter((post): post is Post => post !== undefined);
        const config: SiteConfig = { ...DEFAULT_CONFIG, pageSize: 2 };
        const { model, plan } = modelAndRoutes(posts, config, { now: Date.UTC(2030, 0, 1) });
        const files = plan.routes.map((route) => route.file);
        files.forEach(expectSafeFile);
        for (const route of plan.routes) expectRoundTrip(route.url, "/");
        // One file per route, and no file where another needs a folder.
        expect(new Set(files).size).toBe(files.length);
        const folders = new Set(files.flatMap((file) => file.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
        for (const file of files) expect(folders.has(file), file).toBe(false);
        // Every post is placed, or named as skipped with the reason.
        const placed = new Set(model.site.posts.map((entry) => entry.post.source));
        const named = new Set([...model.skipped, ...plan.displaced.values()].map((problem) => problem.file));
        for (const post of posts) expect(placed.has(post.source) || named.has(post.source), post.source).toBe(true);
        // Files that differ only in case are reported.
        const problems: Problem[] = [...model.problems, ...plan.warnings];
        const byFold = new Map<string, string[]>();
        for (const file of files) byFold.set(file.toLowerCase(), [...(byFold.get(file.toLowerCase()) ?? []), file]);
        const caseWarnings = problems.filter((problem) => problem.code === "case-collision");
        for (const group of byFold.values()) if (group.length > 1) expect(caseWarnings.length, group.join(" / ")).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe("properties of parsing", () => {
  const file = { id: "2022-01-18-post.md", display: "posts/2022-01-18-post.md", inDrafts: false };
  const lineCount = (bytes: Uint8Array): number => Buffer.from(bytes).toString("latin1").split(/\r\n|\r|\n/).length;

  /** Parses bytes: a post, or a BuildError naming the file and a line of it. */
  function expectPostOrError(bytes: Uint8Array): void {
    try {
      parser.parse(file, bytes);
    } catch (error) {
      expect(error, String(error)).toBeInstanceOf(BuildError);
      const problem = (error as BuildError).problem;
      expect(problem.file).toBe(file.display);
      expect(problem.line, problem.message).toBeGreaterThanOrEqual(1);
      expect(problem.line, problem.message).toBeLessThanOrEqual(lineCount(bytes) + 1);
      if (problem.column !== undefined) expect(problem.column).toBeGreaterThanOrEqual(1);
    }
  }

  // Front matter as people and scrapers break it: YAML's special characters, stray indentation, tabs, CRs.
  const yamlish = fc
    .array(
      fc.oneof(
        fc.constantFrom(":", ": ", "-", "- ", '"', "'", "[", "]", "{", "}", "#", "|", ">", "&", "*", "!", "%", "@", "`", ",", "?", "\t", "  ", "\n", "\r\n", "\r", "---", "...", "title", "date", "tags", "categories", "permalink", "2022-02-30", "+0800", "\\", "\u0000", "\ufeff", "<<"),
        fc.string({ unit: "grapheme", maxLength: 6 }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(""));

  it("front matter of any text parses to a post or to a BuildError with the file and a line", () => {
    fc.assert(
      fc.property(yamlish, fc.string({ maxLength: 20 }), (front, body) => expectPostOrError(encoder.encode(`---\n${front}\n---\n${body}`))),
      { numRuns: 3000 },
    );
  });

  it("any text at all, and any bytes, parse to a post or to a BuildError with the file and a line", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), (any) => expectPostOrError(encoder.encode(any))), { numRuns: 2000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => expectPostOrError(bytes)), { numRuns: 2000 });
  });
});
