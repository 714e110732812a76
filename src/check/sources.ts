// Where in a post's source file a problem found in its output lies: the line of a front-matter key,
// or of a link as the author wrote it (which the build may have rewritten: own host made relative,
// non-ASCII percent-encoded).

import { readFileSync } from "node:fs";
import path from "node:path";
import type { SiteConfig } from "../types.js";

// The last file read: a page's broken links come one after another, and all are looked up in one file.
let last: { file: string; text: string | undefined } | undefined;

/** A source file's text as parsing saw it (BOM dropped, line ends LF); undefined if it is gone. */
function sourceText(file: string, encoding: string): string | undefined {
  if (last?.file === file) return last.text;
  let text: string | undefined;
  try {
    const bytes = readFileSync(path.resolve(file));
    text = new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  } catch {
    text = undefined;
  }
  last = { file, text };
  return text;
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

/** The 1-based line of the first of the given top-level front-matter keys. */
export function keyLine(file: string, keys: readonly string[], encoding: string): number | undefined {
  const text = sourceText(file, encoding);
  if (text === undefined) return undefined;
  const lines = text.split("\n", 200);
  for (let i = 1; i < lines.length && !/^---\s*$/.test(lines[i]!); i++) {
    if (keys.some((key) => lines[i]!.startsWith(`${key}:`))) return i + 1;
  }
  return undefined;
}

const decoded = (text: string): string => {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
};

/** The forms a link written in a body may have had, most specific first. */
function writtenForms(link: string, config: SiteConfig): string[] {
  const raw = link.replace(/&amp;/g, "&");
  const forms = [raw, decoded(raw)];
  // `//host/x` and `https://host/x` in a body become `<base>x` in the page.
  if (raw.startsWith(config.basePath)) {
    const host = new URL(config.url).host;
    const rest = raw.slice(config.basePath.length);
    forms.unshift(`${host}/${rest}`, decoded(`${host}/${rest}`));
  }
  return [...new Set(forms)].filter((form) => form.length > 1);
}

/**
 * The 1-based line in a post's file where a link of its page is written, searching the body only;
 * undefined when the body does not hold it (the link is the template's).
 */
export function linkLine(file: string, link: string, config: SiteConfig, bodyStart: number): number | undefined {
  const text = sourceText(file, config.encoding);
  if (text === undefined) return undefined;
  for (const form of writtenForms(link, config)) {
    const at = text.indexOf(form, bodyStart);
    if (at !== -1) return lineAt(text, at);
  }
  return undefined;
}
