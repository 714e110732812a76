// Front-matter data → typed PostMeta: every known key checked, values coerced the way Jekyll does,
// unknown keys kept in `extra`. Wrong types are errors that name the key and its line.

import { BuildError, type Problem } from "../errors.js";
import type { PostMeta } from "../types.js";

const KNOWN = new Set(["title", "date", "categories", "category", "tags", "tag", "layout", "slug", "permalink", "published", "draft", "excerpt", "description"]);

/** Where the front matter came from, for messages. */
export interface MetaSource {
  readonly file: string;
  /** The line of a top-level key (found only when a message needs it). */
  readonly lineOf: (key: string) => number | undefined;
  /** Title to fall back on when the front matter has none. */
  readonly fallbackTitle: string;
}

const kindOf = (value: unknown): string => (Array.isArray(value) ? "a list" : value === null ? "empty" : typeof value === "object" ? "a mapping" : typeof value);

function typeError(source: MetaSource, key: string, expected: string, value: unknown): BuildError {
  return new BuildError({
    code: "front-matter-type",
    file: source.file,
    line: source.lineOf(key),
    column: source.lineOf(key) ? 1 : undefined,
    message: `${key} must be ${expected}, got ${kindOf(value)}`,
    hint: expected === "text" ? `write ${key}: "…" on one line` : expected.includes("list") ? `write ${key}: a b, or ${key}: [a, b]` : `write ${key}: true, or ${key}: false`,
  });
}

// Control characters (but tab and line breaks): no meaning in a title or tag, invalid in XML, and
// parse errors in HTML. Scrapers leave them; front-matter text is cleaned of them here, once.
const CONTROLS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;

/** Text, from text or a number or boolean (YAML reads `title: 2022` as a number). */
function scalar(source: MetaSource, key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.replace(CONTROLS, "");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw typeError(source, key, "text", value);
}

/** A list of values from a YAML list, or a string holding several separated by spaces (Jekyll). */
function values(source: MetaSource, key: string, value: unknown, split: boolean): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (item === null || item === undefined) return [];
      const text = scalar(source, key, item)!;
      return [text.trim()].filter(Boolean);
    });
  }
  if (typeof value === "object") throw typeError(source, key, "text or a list of text", value);
  const text = scalar(source, key, value);
  if (text === undefined) return [];
  return split ? text.split(/\s+/).filter(Boolean) : [text.trim()].filter(Boolean);
}

function flag(source: MetaSource, key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "yes") return true;
  if (value === "false" || value === "no") return false;
  throw typeError(source, key, "true or false", value);
}

const unique = (items: string[]): string[] => [...new Set(items)];

/** Types a post's front matter. Throws BuildError for wrong types; returns warnings alongside. */
export function readMeta(data: Readonly<Record<string, unknown>>, source: MetaSource): { meta: PostMeta; problems: Problem[] } {
  const problems: Problem[] = [];
  let title = scalar(source, "title", data.title)?.trim() ?? "";
  if (title === "") {
    title = source.fallbackTitle;
    problems.push({
      severity: "warning",
      code: "no-title",
      file: source.file,
      line: source.lineOf("title"),
      message: `post has no title; using its file name "${title}"`,
      hint: 'add title: "…" to the front matter',
    });
  }
  // fromEntries defines own properties: a key `__proto__` stays a key and never becomes a prototype.
  const extra: Record<string, unknown> = Object.fromEntries(Object.entries(data).filter(([key]) => !KNOWN.has(key)));
  const optional = (key: string): string | undefined => scalar(source, key, data[key])?.trim() || undefined;
  const meta: PostMeta = {
    title,
    // Jekyll: `categories: a b` is two categories, `category: a b` is one.
    categories: unique([...values(source, "categories", data.categories, true), ...values(source, "category", data.category, false)]),
    tags: unique([...values(source, "tags", data.tags, true), ...values(source, "tag", data.tag, false)]),
    layout: optional("layout"),
    slug: optional("slug"),
    permalink: optional("permalink"),
    published: flag(source, "published", data.published, true),
    draft: flag(source, "draft", data.draft, false),
    excerpt: optional("excerpt"),
    description: optional("description"),
    extra,
  };
  return { meta, problems };
}
