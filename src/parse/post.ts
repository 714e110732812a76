// A post file's bytes → Post (and its body's HTML): decode, split front matter, type it, date it,
// render the body, measure it. Pure: the same bytes and settings always give the same post.

import { hash } from "node:crypto";
import path from "node:path";
import { BuildError } from "../errors.js";
import type { Post, PostSummary } from "../types.js";
import { DateError, fileNameDate, parseDate } from "./dates.js";
import { htmlToText, MORE, truncate } from "./excerpt.js";
import { splitFrontMatter } from "./front-matter.js";
import { leadingHtmlBlock } from "./html-block.js";
import { normalizedText } from "./decode.js";
import { createMarkdown } from "./markdown.js";
import { readMeta } from "./meta.js";

/** Everything parsing depends on besides a file's bytes; part of the cache key. */
export interface ParseSettings {
  readonly timezone: string;
  readonly excerptLength: number;
  readonly encoding: string;
  readonly siteUrl: string;
  readonly basePath: string;
  /** Jekyll root: offset-less times are UTC for URLs, and a post file needs a date in its name. */
  readonly jekyll: boolean;
}

/** Where a file is, as parsing needs to know it. */
export interface PostFile {
  readonly id: string;
  readonly display: string;
  readonly inDrafts: boolean;
}

/** Parsing for one site's settings: a post's metadata, and (later, when its page is written) its body. */
export interface PostParser {
  /** Reads a post's front matter, date and excerpt. Throws BuildError. */
  readonly parse: (file: PostFile, bytes: Uint8Array) => Post;
  /** The post's body as HTML, from the same file's bytes. */
  readonly body: (post: PostSummary, bytes: Uint8Array) => string;
}

/** Makes a parser for one site's settings (the markdown renderer is built once). */
export function createPostParser(settings: ParseSettings): PostParser {
  const render = createMarkdown(settings);
  return {
    parse: (file, bytes) => parsePost(file, bytes, settings, render),
    body(post, bytes) {
      const text = normalizedText(bytes, post.source, settings.encoding);
      // The file changed since it was parsed (a scraper still writing): find its body again.
      const start = hashBytes(bytes) === post.hash ? post.bodyStart : text.length - splitFrontMatter(text, post.source).body.length;
      return render(text.slice(start));
    },
  };
}

/** Content hash of a file's bytes: what the cache and page signatures key on. */
export function hashBytes(bytes: Uint8Array): string {
  // The one-shot form: a post is hashed when parsed and again when its page is written, and a Hash
  // object per call cost about as much as hashing a news post's few kilobytes.
  return hash("sha1", bytes, "base64url").slice(0, 22);
}

function parsePost(file: PostFile, bytes: Uint8Array, settings: ParseSettings, render: (source: string) => string): Post {
  const text = normalizedText(bytes, file.display, settings.encoding);
  if (text.trim() === "") {
    throw new BuildError({ code: "empty", file: file.display, line: 1, message: "file is empty", hint: "write front matter and a body, or delete the file" });
  }
  const split = splitFrontMatter(text, file.display);
  const base = path.posix.basename(file.id).replace(/\.[^.]+$/, "");
  const named = fileNameDate(base);
  if (settings.jekyll && !named && !file.inDrafts) {
    throw new BuildError({
      code: "jekyll-name",
      file: file.display,
      message: "not a post: Jekyll reads only files named YYYY-MM-DD-title in _posts",
      hint: "rename it, e.g. 2022-01-18-title.md",
    });
  }
  const fileTitle = named ? named.title : base;
  const lineOf = (key: string): number | undefined => split.keyLines[key];
  const { meta, problems } = readMeta(split.data, { file: file.display, lineOf, fallbackTitle: fileTitle });
  const dateLine = (): number | undefined => lineOf("date");
  // YAML reads `date: +0800` as the number 800: a number is read (and reported) as the file wrote it.
  const rawDate = typeof split.data.date === "number" && dateLine() ? writtenValue(text, dateLine()!) : split.data.date;
  const { date, urlDate } = postDate(rawDate, named?.date, file, dateLine, settings);
  return {
    id: file.id,
    source: file.display,
    hash: hashBytes(bytes),
    meta,
    date,
    urlDate,
    fileTitle,
    inDrafts: file.inDrafts,
    excerpt: meta.excerpt ?? meta.description ?? excerptOf(split.body, settings.excerptLength, render),
    bodyStart: text.length - split.body.length,
    problems,
  };
}

// A reference-style link definition: only the whole document tells what `[text][ref]` renders as.
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/**
 * The excerpt: the text before `<!--more-->`, else the body's first characters. Only what the
 * excerpt needs is rendered: a leading raw HTML block is its own output, and otherwise a prefix
 * cut at a blank line (a block boundary, where markdown's output is the same as the whole
 * document's), unless reference links make the whole document matter.
 */
function excerptOf(body: string, length: number, render: (source: string) => string): string {
  const more = body.indexOf(MORE);
  if (more >= 0) return truncate(htmlToText(render(body.slice(0, more))), length);
  const block = leadingHtmlBlock(body);
  if (block !== undefined) {
    const text = htmlToText(block);
    if (text.length > length) return truncate(text, length);
  }

  if (!REFERENCE_DEFINITION.test(body)) {
    for (let want = length; want < body.length; want *= 4) {
      const cut = body.indexOf("\n\n", want);
      if (cut < 0) break;
      const text = htmlToText(render(body.slice(0, cut)));
      if (text.length > length) return truncate(text, length);
    }
  }
  return truncate(htmlToText(render(body)), length);
}

function writtenValue(text: string, line: number): string {
  const row = text.split("\n", line)[line - 1] ?? "";
  return row.slice(row.indexOf(":") + 1).trim();
}

function postDate(raw: unknown, named: string | undefined, file: PostFile, line: () => number | undefined, settings: ParseSettings): { date: number; urlDate: number } {
  const where = (message: string, hint: string, atLine = line()): BuildError =>
    new BuildError({ code: "date", file: file.display, line: atLine, column: atLine ? 1 : undefined, message, hint });
  const hint = "write e.g. date: 2022-01-18 14:05:51 +0800";
  if (raw !== undefined && raw !== null && raw !== "") {
    if (typeof raw !== "string" && typeof raw !== "number") throw where(`date must be text, got ${Array.isArray(raw) ? "a list" : typeof raw}`, hint);
    try {
      const parsed = parseDate(String(raw), settings.timezone);
      // Jekyll reads an offset-less time as UTC and shows it in the site zone; its URLs follow that reading.
      const urlDate = settings.jekyll && !parsed.hasOffset ? Date.UTC(parsed.local.year, parsed.local.month - 1, parsed.local.day, parsed.local.hour, parsed.local.minute, parsed.local.second) : parsed.ms;
      return { date: parsed.ms, urlDate };
    } catch (error) {
      if (error instanceof DateError) throw where(`bad date: ${error.message}`, hint);
      throw error;
    }
  }
  if (named) {
    try {
      const ms = parseDate(named, settings.timezone).ms;
      return { date: ms, urlDate: ms };
    } catch (error) {
      if (error instanceof DateError) throw where(`bad date in file name: ${error.message}`, "name the file YYYY-MM-DD-title.md", undefined);
      throw error;
    }
  }
  // No date anywhere: the front matter, from line 1, is where one belongs.
  throw where(
    raw === "" || raw === null ? "date is empty and the file name has no date" : "post has no date: none in front matter, none in the file name",
    `${hint}, or name the file YYYY-MM-DD-title.md`,
    line() ?? 1,
  );
}

