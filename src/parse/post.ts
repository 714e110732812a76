// A post file's bytes → Post (and its body's HTML): decode, split front matter, type it, date it,
// render the body, measure it. Pure: the same bytes and settings always give the same post.

import { createHash } from "node:crypto";
import path from "node:path";
import { BuildError, type Problem } from "../errors.js";
import type { Post } from "../types.js";
import { DateError, fileNameDate, parseDate } from "./dates.js";
import { htmlToText, MORE, textStats, truncate } from "./excerpt.js";
import { splitFrontMatter } from "./front-matter.js";
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

/** A parsed post and its body's HTML (kept apart: listings never need the HTML). */
export interface ParsedPost {
  readonly post: Post;
  readonly html: string;
}

/** Makes a parser for one site's settings (the markdown renderer is built once). */
export function createPostParser(settings: ParseSettings): (file: PostFile, bytes: Uint8Array) => ParsedPost {
  const render = createMarkdown(settings);
  return (file, bytes) => parsePost(file, bytes, settings, render);
}

/** Content hash of a file's bytes: what the cache and page signatures key on. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha1").update(bytes).digest("base64url").slice(0, 22);
}

function parsePost(file: PostFile, bytes: Uint8Array, settings: ParseSettings, render: (source: string) => string): ParsedPost {
  const text = decode(bytes, file.display, settings.encoding).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (text.trim() === "") {
    throw new BuildError({ code: "empty", file: file.display, message: "file is empty", hint: "write front matter and a body, or delete the file" });
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
  const { meta, problems } = readMeta(split.data, { file: file.display, keyLines: split.keyLines, fallbackTitle: fileTitle });
  const { date, urlDate } = postDate(split.data.date, named?.date, file, split.keyLines.date, settings);
  const html = render(split.body);
  const excerptHtml = html.includes(MORE) ? html.slice(0, html.indexOf(MORE)) : html;
  const bodyText = htmlToText(html);
  const excerpt = meta.excerpt ?? meta.description ?? truncate(html.includes(MORE) ? htmlToText(excerptHtml) : bodyText, settings.excerptLength);
  const post: Post = {
    id: file.id,
    source: file.display,
    hash: hashBytes(bytes),
    meta,
    date,
    urlDate,
    fileTitle,
    inDrafts: file.inDrafts,
    excerpt,
    stats: textStats(bodyText),
    problems,
  };
  return { post, html };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array, file: string, encoding: string): string {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    throw new BuildError({ code: "binary", file, message: "binary file, not a post", hint: "move images and other files out of posts/ (into public/)" });
  }
  if (encoding !== "utf-8" && encoding !== "utf8") return new TextDecoder(encoding).decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    const line = lineOfFirstBadByte(bytes);
    throw new BuildError({
      code: "encoding",
      file,
      line,
      message: "not UTF-8: the file holds bytes of another encoding (often GBK/GB18030 from older Chinese sites)",
      hint: "convert it (iconv -f gb18030 -t utf-8), or declare the archive's encoding in site.yml: encoding: gb18030",
    });
  }
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

function postDate(raw: unknown, named: string | undefined, file: PostFile, line: number | undefined, settings: ParseSettings): { date: number; urlDate: number } {
  const where = (message: string, hint: string, atLine = line): BuildError =>
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
  throw where(
    raw === "" || raw === null ? "date is empty and the file name has no date" : "post has no date: none in front matter, none in the file name",
    `${hint}, or name the file YYYY-MM-DD-title.md`,
  );
}

/** Problems a parsed post carries, plus the error that stopped it: what the summary reports. */
export type ParseOutcome = { readonly ok: true; readonly parsed: ParsedPost } | { readonly ok: false; readonly problem: Problem };
