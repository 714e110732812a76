// Front matter: the YAML block at the top of a post, read with gray-matter and js-yaml's core schema
// (no timestamps: dates stay text for parse/dates.ts). Errors carry the line and column in the file.

import type { GrayMatterFile } from "gray-matter";
import yaml from "js-yaml";
import { BuildError } from "../errors.js";
import { matter } from "./gray-matter.js";

/** A post split into its front matter and body. */
export interface Split {
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
  /** 1-based line of the body's first line in the file. */
  readonly bodyLine: number;
  /** 1-based line of each top-level key, for messages about a key's value. */
  readonly keyLines: Readonly<Record<string, number>>;
}

const engines = { yaml: (text: string): object => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object };

/** Splits a post's (BOM-free, LF) text. A post without front matter has no data and all of its text as body. */
export function splitFrontMatter(text: string, file: string): Split {
  if (!/^---[ \t]*\n/.test(text)) return { data: {}, body: text, bodyLine: 1, keyLines: {} };
  const close = /\n---[ \t]*(?:\n|$)/.exec(text.slice(3));
  if (!close) {
    throw new BuildError({
      code: "front-matter",
      file,
      line: 1,
      column: 1,
      message: "front matter is not closed: no line `---` after the opening one",
      hint: "end the front matter with a line holding only ---",
    });
  }
  // gray-matter is handed the text up to the closing line only: it copies its whole input into a
  // Buffer (file.orig) that nothing reads, and the body is most of a post. It stops at the first
  // `\n---`, never past ours, so its data and the start of its content are the same as for the whole text.
  const end = 3 + close.index + close[0].length;
  let parsed: GrayMatterFile<string>;
  try {
    // Options are always passed: without them gray-matter caches by content and returns {} on the second sight of bad YAML.
    parsed = matter(text.slice(0, end), { engines });
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? (error as Error).message;
    // An unclosed quote is reported at the end of the block; the quote that opened it is more use.
    const quote = /within a (?:double|single) quoted scalar/.test(reason) ? unclosedQuote(text, close.index) : undefined;
    throw new BuildError(
      {
        code: "yaml",
        file,
        // gray-matter hands js-yaml the block from the newline after `---`: its line 0 is the file's line 1.
        line: quote?.line ?? (mark ? mark.line + 1 : 1),
        column: quote?.column ?? (mark ? mark.column + 1 : 1),
        message: `front matter is not valid YAML: ${quote ? "the quoted value that starts here is never closed" : reason}`,
        hint: 'quote values that hold a colon, #, or start with [ { * & ! | > \' " % @ (e.g. title: "A: B")',
      },
      { cause: error },
    );
  }
  const data = parsed.data as unknown;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new BuildError({
      code: "front-matter",
      file,
      line: 2,
      column: 1,
      message: "front matter must be `key: value` lines",
      hint: "write e.g. title: \"…\" and date: 2022-01-18 14:05:51 +0800",
    });
  }
  // Lines up to and including the closing `---`, so the body starts on the next one.
  const bodyLine = text.slice(0, end).split("\n").length;
  // Key lines matter only for messages: found on first use, not for every post.
  let lines: Record<string, number> | undefined;
  const lineOf = (): Record<string, number> => (lines ??= keyLines(text, bodyLine));
  const oversized = oversizedKey(data as Record<string, unknown>);
  if (oversized !== undefined) {
    throw new BuildError({
      code: "yaml",
      file,
      line: lineOf()[oversized] ?? 2,
      column: 1,
      message: `front matter is too large: its YAML aliases (*name) expand to more than ${MAX_VALUES.toLocaleString("en")} values`,
      hint: "write the values out without &anchors and *aliases, or remove the key",
    });
  }
  return {
    data: data as Record<string, unknown>,
    body: parsed.content + text.slice(end),
    bodyLine,
    get keyLines() {
      return lineOf();
    },
  };
}

/**
 * YAML aliases share one value, so a few lines (`b: [*a, *a, …]`, nested nine deep) can stand for
 * hundreds of millions of values, which any copy of the data (the cache's JSON) writes out in full:
 * a "billion laughs" took a two-post build 34 s and gigabytes. Past this many values a post is refused.
 */
const MAX_VALUES = 100_000;

/** The top-level key at which the data, aliases expanded, passes MAX_VALUES; undefined when it stays within. */
function oversizedKey(data: Record<string, unknown>): string | undefined {
  let budget = MAX_VALUES;
  // Counts values depth first and stops as soon as the budget runs out: never more than MAX_VALUES steps.
  const spend = (value: unknown): boolean => {
    if (--budget < 0) return false;
    if (value === null || typeof value !== "object") return true;
    for (const item of Array.isArray(value) ? value : Object.values(value)) if (!spend(item)) return false;
    return true;
  };
  for (const [key, value] of Object.entries(data)) if (!spend(value)) return key;
  return undefined;
}

/** The first line of the block whose value opens a quote it does not close (1-based line and column). */
function unclosedQuote(text: string, blockEnd: number): { line: number; column: number } | undefined {
  const rows = text.slice(0, 3 + blockEnd).split("\n");
  for (let i = 1; i < rows.length; i++) {
    const open = /^(\s*(?:-\s+|[^\s:#][^:]*:\s+))(["'])/.exec(rows[i]!);
    if (!open) continue;
    const rest = rows[i]!.slice(open[0].length);
    const closed = open[2] === '"' ? /^(?:[^"\\]|\\.)*"/.test(rest) : /^(?:[^']|'')*'/.test(rest);
    if (!closed) return { line: i + 1, column: open[1]!.length + 1 };
  }
  return undefined;
}

function keyLines(text: string, bodyLine: number): Record<string, number> {
  const lines: Record<string, number> = {};
  const rows = text.split("\n", bodyLine);
  for (let i = 1; i < rows.length; i++) {
    const match = /^([^\s:#][^:]*?)\s*:/.exec(rows[i]!);
    if (match && !(match[1]! in lines)) lines[match[1]!.replace(/^["']|["']$/g, "")] = i + 1;
  }
  return lines;
}
