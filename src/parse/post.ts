// A post file's bytes → Post (and its body's HTML): decode, split front matter, type it, date it,
// render the body, measure it. Pure: the same bytes and settings always give the same post.

import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import path from "node:path";
import { BuildError } from "../errors.js";
import type { Post, PostSummary } from "../types.js";
import { DateError, fileNameDate, parseDate } from "./dates.js";
import { htmlToText, MORE, truncate } from "./excerpt.js";
import { splitFrontMatter } from "./front-matter.js";
import { leadingHtmlBlock } from "./html-block.js";
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
  return createHash("sha1").update(bytes).digest("base64url").slice(0, 22);
}

function normalizedText(bytes: Uint8Array, file: string, encoding: string): string {
  const text = decode(bytes, file, encoding).replace(/^\uFEFF/, "");
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
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

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array, file: string, encoding: string): string {
  const utf8Site = encoding === "utf-8" || encoding === "utf8";
  if (utf8Site && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    // A UTF-16 byte-order mark: text full of NUL bytes that would otherwise pass for binary.
    throw new BuildError({ code: "encoding", file, line: 1, message: "not UTF-8: the file is UTF-16", hint: "save it as UTF-8 (iconv -f utf-16 -t utf-8)" });
  }
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).filter((byte) => byte === 10).length + 1;
    throw new BuildError({ code: "binary", file, line, message: "binary file, not a post", hint: "move images and other files out of posts/ (into public/)" });
  }
  // Checking and decoding in native code (simdutf) is several times faster than a fatal TextDecoder.
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  // A declared legacy encoding is the fallback: archives converted piecemeal mix it with UTF-8, and
  // Chinese text in GB18030 is practically never valid UTF-8.
  if (!utf8Site) return new TextDecoder(encoding).decode(bytes);
  throw new BuildError({
    code: "encoding",
    file,
    line: lineOfFirstBadByte(bytes),
    message: "not UTF-8: the file holds bytes of another encoding (often GBK/GB18030 from older Chinese sites)",
    hint: "convert it (iconv -f gb18030 -t utf-8), or declare the archive's encoding in site.yml: encoding: gb18030",
  });
}

function lineOfFirstBadByte(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 10) {
      try {
        utf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}

/** The value part of a `key: value` line as written. */
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

