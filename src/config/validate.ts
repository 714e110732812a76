// site.yml's raw YAML value → SiteConfig: defaults merged, every key checked, errors name the key's path.

import { BuildError } from "../errors.js";
import type { Permalinks, SiteConfig, TermInfo } from "../types.js";
import { DEFAULT_CONFIG } from "./defaults.js";

/** A key that is wrong: its dotted path and what was expected. */
class ConfigIssue extends Error {
  constructor(readonly path: string, message: string, readonly hint?: string) {
    super(message);
  }
}

type Rule<T> = (value: unknown, path: string) => T;

const describe = (value: unknown): string =>
  Array.isArray(value) ? "a list" : value === null ? "nothing" : typeof value === "object" ? "a mapping" : JSON.stringify(value);

const text: Rule<string> = (value, path) => {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ConfigIssue(path, `expected text, got ${describe(value)}`);
};

const wholeNumber: Rule<number> = (value, path) => {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
  throw new ConfigIssue(path, `expected a whole number of at least 1, got ${describe(value)}`);
};

const yesNo: Rule<boolean> = (value, path) => {
  if (typeof value === "boolean") return value;
  throw new ConfigIssue(path, `expected true or false, got ${describe(value)}`);
};

const absoluteUrl: Rule<string> = (value, path) => {
  const raw = text(value, path);
  try {
    const url = new URL(raw);
    if (url.protocol === "http:" || url.protocol === "https:") return raw.replace(/\/+$/, "");
  } catch {
    // reported below
  }
  throw new ConfigIssue(path, `expected an absolute http(s) URL, got ${JSON.stringify(raw)}`, "for example: url: https://news.example.com");
};

// Looking a zone up in ICU's list takes ~4 ms; making a formatter for it ~30 ms (ICU's zone data),
// which a build that finds nothing changed would spend on this check alone. The list holds canonical
// names only, so another name (UTC, an alias) is checked by making a formatter.
let zoneNames: ReadonlySet<string> | undefined;
const timezone: Rule<string> = (value, path) => {
  const zone = text(value, path);
  zoneNames ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (zoneNames.has(zone)) return zone;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    throw new ConfigIssue(path, `unknown time zone ${JSON.stringify(zone)}`, "use an IANA name such as Asia/Shanghai or UTC");
  }
};

const encoding: Rule<string> = (value, path) => {
  const name = text(value, path).toLowerCase();
  try {
    new TextDecoder(name);
    return name;
  } catch {
    throw new ConfigIssue(path, `unknown encoding ${JSON.stringify(name)}`, "use utf-8, gb18030, gbk, big5 or shift_jis");
  }
};

/** `/`, `/news/`: always a leading and a trailing slash. */
export function normalizeBasePath(raw: string): string {
  const trimmed = raw.trim().replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

const basePath: Rule<string> = (value, path) => normalizeBasePath(text(value, path));

function mapping(value: unknown, path: string): Record<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new ConfigIssue(path, `expected a mapping of keys, got ${describe(value)}`);
}

/** A registry of terms: `slug: Display name` or `slug: {name, description}`. */
const registry: Rule<Record<string, TermInfo>> = (value, path) => {
  if (value === null) return {};
  const entries: Record<string, TermInfo> = {};
  for (const [slug, entry] of Object.entries(mapping(value, path))) {
    const at = `${path}.${slug}`;
    if (typeof entry === "string" || typeof entry === "number") {
      entries[slug] = { name: String(entry) };
      continue;
    }
    const fields = mapping(entry, at);
    checkKeys(fields, at, ["name", "description"]);
    const name = fields.name === undefined ? slug : text(fields.name, `${at}.name`);
    const description = fields.description === undefined ? undefined : text(fields.description, `${at}.description`);
    entries[slug] = description === undefined ? { name } : { name, description };
  }
  return entries;
};

function checkKeys(fields: Record<string, unknown>, path: string, known: readonly string[]): void {
  for (const key of Object.keys(fields)) {
    if (!known.includes(key)) {
      throw new ConfigIssue(path ? `${path}.${key}` : key, "unknown key", `known keys${path ? ` of ${path}` : ""}: ${known.join(", ")}`);
    }
  }
}

function section<T extends object>(rules: { [K in keyof T]: Rule<T[K]> }, defaults: T): Rule<T> {
  return (value, path) => {
    const fields = mapping(value, path);
    checkKeys(fields, path, Object.keys(rules));
    const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [key, rule] of Object.entries(rules) as [string, Rule<unknown>][]) {
      if (fields[key] !== undefined) result[key] = rule(fields[key], `${path}.${key}`);
    }
    return result as T;
  };
}

/** One of a fixed set of words. */
const oneOf =
  <T extends string>(...choices: T[]): Rule<T> =>
  (value, path) => {
    if (typeof value === "string" && (choices as string[]).includes(value)) return value as T;
    throw new ConfigIssue(path, `expected one of ${choices.join(", ")}, got ${describe(value)}`);
  };

const permalink: Rule<string> = (value, path) => {
  const pattern = text(value, path).trim();
  if (pattern === "") throw new ConfigIssue(path, "a permalink pattern cannot be empty");
  return pattern;
};

/** site.yml's top-level keys, each with its rule and the SiteConfig field it sets. */
const TOP_LEVEL: Record<string, [keyof SiteConfig, Rule<unknown>]> = {
  title: ["title", text],
  description: ["description", text],
  url: ["url", absoluteUrl],
  base_path: ["basePath", basePath],
  language: ["language", text],
  timezone: ["timezone", timezone],
  author: ["author", text],
  permalinks: [
    "permalinks",
    section<Permalinks>(
      { post: permalink, category: permalink, tag: permalink, page: permalink, year: permalink, month: permalink, day: permalink },
      DEFAULT_CONFIG.permalinks,
    ),
  ],
  page_size: ["pageSize", wholeNumber],
  categories: ["categories", registry],
  tags: ["tags", registry],
  feeds: ["feeds", section<SiteConfig["feeds"]>({ limit: wholeNumber, tags: yesNo }, DEFAULT_CONFIG.feeds)],
  excerpt_length: ["excerptLength", wholeNumber],
  nav_categories: ["navCategories", wholeNumber],
  encoding: ["encoding", encoding],
  search: ["search", yesNo],
  new_slug: ["newSlug", oneOf("pinyin", "title", "id")],
};

/** The site.yml keys, for help texts and hints. */
export const CONFIG_KEYS = Object.keys(TOP_LEVEL);

/**
 * Merges a parsed site.yml over the defaults. `file` and `source` let errors point at the key's line.
 * Throws BuildError (code `config`) naming the key's path.
 */
export function validateConfig(raw: unknown, file: string, source: string, base: SiteConfig = DEFAULT_CONFIG): SiteConfig {
  try {
    if (raw === null || raw === undefined) return base;
    const fields = mapping(raw, "");
    checkKeys(fields, "", CONFIG_KEYS);
    const result: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(fields)) {
      const [field, rule] = TOP_LEVEL[key]!;
      if (value !== undefined) result[field] = rule(value, key);
    }
    // `url: https://host/news` is an origin and a base path, as Hugo's baseURL is.
    const url = new URL(result.url as string);
    if (url.pathname !== "/" && fields.base_path === undefined) result.basePath = normalizeBasePath(url.pathname);
    result.url = url.origin;
    return result as unknown as SiteConfig;
  } catch (error) {
    if (!(error instanceof ConfigIssue)) throw error;
    const at = locateKey(source, error.path);
    throw new BuildError({
      code: "config",
      file,
      line: at?.line,
      column: at?.column,
      message: error.path ? `${error.path}: ${error.message}` : error.message,
      hint: error.hint ?? "see the site.yml section of the README",
    });
  }
}

/** Finds the line and column of a dotted key path in YAML text, by indentation; undefined if not found. */
export function locateKey(source: string, path: string): { line: number; column: number } | undefined {
  if (!path) return undefined;
  const lines = source.split(/\r?\n/);
  let from = 0;
  let parentIndent = -1;
  let found: { line: number; column: number } | undefined;
  for (const key of path.split(".")) {
    found = undefined;
    for (let i = from; i < lines.length; i++) {
      const match = /^(\s*)(["']?)(.*?)\2\s*:(\s|$)/.exec(lines[i]!);
      if (!match) continue;
      const indent = match[1]!.length;
      if (indent <= parentIndent) break;
      if (match[3] === key) {
        found = { line: i + 1, column: indent + 1 };
        from = i + 1;
        parentIndent = indent;
        break;
      }
    }
    if (!found) return undefined;
  }
  return found;
}
