// A new post's file in the house format (the reference post's): quoted title, a date with its offset,
// categories and tags, `layout: post`, then an empty body. Pure; `cli/new.ts` writes the result.

import yaml from "js-yaml";
import { localTime } from "../parse/dates.js";

/** What `broadsheet new` writes into a post. */
export interface NewPost {
  readonly title: string;
  /** The post's instant, ms since the epoch. */
  readonly date: number;
  readonly timezone: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `2022-01-18 14:05:51 +0800`: the instant as a wall time in the zone, with the zone's offset then. */
export function frontMatterDate(ms: number, timezone: string): string {
  const t = localTime(ms, timezone);
  const sign = t.offset < 0 ? "-" : "+";
  const abs = Math.abs(t.offset);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** `2022-01-18`: the post's calendar day in the zone, as its file name starts. */
export function fileDay(ms: number, timezone: string): string {
  const t = localTime(ms, timezone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

// What js-yaml refuses in a stream (C0 and C1 controls, DEL, U+FFFE/U+FFFF, lone surrogates), and
// line and paragraph separators, which some tools treat as line ends.
const NEEDS_ESCAPE = /[\x00-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a YAML double-quoted scalar that reads back exactly: `\` and `"` escaped, controls as `\uXXXX`. */
export function yamlString(text: string): string {
  const escaped = text.replace(/[\\"]/g, (c) => `\\${c}`).replace(NEEDS_ESCAPE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  return `"${escaped}"`;
}

/** A value that YAML reads back as the same text when written bare, and that has no space to split on. */
function isPlain(value: string): boolean {
  if (!/^[\p{L}\p{N}_][\p{L}\p{N}_.\-()（）]*$/u.test(value)) return false;
  try {
    return yaml.load(value, { schema: yaml.CORE_SCHEMA }) === value;
  } catch {
    return false;
  }
}

/**
 * Categories or tags as a front-matter value: `a b` (Jekyll's space-separated form, the house
 * format) when every value can stand bare, else a YAML list of quoted values (`["A 股", "2022"]`).
 */
export function yamlValues(values: readonly string[]): string {
  return values.every(isPlain) ? values.join(" ") : `[${values.map(yamlString).join(", ")}]`;
}

/** A title on one line: runs of whitespace (newlines included) become one space. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** The post's text: front matter in the house format and an empty body. */
export function postText(post: NewPost): string {
  const lines = ["---", "layout: post", `title: ${yamlString(oneLine(post.title))}`, `date: ${frontMatterDate(post.date, post.timezone)}`];
  if (post.categories.length > 0) lines.push(`categories: ${yamlValues(post.categories)}`);
  if (post.tags.length > 0) lines.push(`tags: ${yamlValues(post.tags)}`);
  lines.push("---", "", "");
  return lines.join("\n");
}

/**
 * The post's file name: `2022-01-18-slug.md`, `2022-01-18-slug-2.md` for the second of a day. A draft
 * in a Jekyll root has no date in its name (`_drafts/slug.md`), as Jekyll names drafts.
 */
export function postFileName(post: Pick<NewPost, "date" | "timezone">, slug: string, n: number, dated = true): string {
  const name = n > 1 ? `${slug}-${n}` : slug;
  return dated ? `${fileDay(post.date, post.timezone)}-${name}.md` : `${name}.md`;
}
