// Where in a post's source file a problem found in its output lies: the line of a front-matter key,
// or of a link as the author wrote it (which the build may have rewritten: own host made relative,
// non-ASCII percent-encoded).

import { readFileSync } from "node:fs";
import path from "node:path";
import type { SiteConfig } from "../types.js";

/** Finds lines in a site's post files. */
export interface SourceLocator {
  /** The 1-based line of the first of the given top-level front-matter keys. */
  keyLine(file: string, keys: readonly string[]): number | undefined;
  /**
   * The 1-based line where a link of the post's page is written, searching the body only;
   * undefined when the body does not hold it (the link is the template's).
   */
  linkLine(file: string, link: string, bodyStart: number): number | undefined;
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split("\n").length;

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

/** A locator for one site; it keeps the last file read (a page's broken links come one after another). */
export function sourceLocator(config: SiteConfig): SourceLocator {
  let last: { file: string; text: string | undefined } | undefined;
  // The text as parsing saw it (BOM dropped, line ends LF); undefined if the file is gone.
  const textOf = (file: string): string | undefined => {
    if (last?.file === file) return last.text;
    let text: string | undefined;
    try {
      text = new TextDecoder(config.encoding).decode(readFileSync(path.resolve(file))).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
    } catch {
      text = undefined;
    }
    last = { file, text };
    return text;
  };
  return {
    keyLine(file, keys) {
      const lines = textOf(file)?.split("\n", 200) ?? [];
      for (let i = 1; i < lines.length && !/^---\s*$/.test(lines[i]!); i++) {
        if (keys.some((key) => lines[i]!.startsWith(`${key}:`))) return i + 1;
      }
      return undefined;
    },
    linkLine(file, link, bodyStart) {
      const text = textOf(file);
      if (text === undefined) return undefined;
      for (const form of writtenForms(link, config)) {
        const at = text.indexOf(form, bodyStart);
        if (at !== -1) return lineAt(text, at);
      }
      return undefined;
    },
  };
}
