// The internal link checker: every href and src in every page of a built site that points into the
// site must name a file that was written. Used by `broadsheet check` and by the tests on whole builds.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** A link that leads nowhere. */
export interface BrokenLink {
  /** The page, relative to the output folder. */
  readonly page: string;
  readonly line: number;
  readonly link: string;
  /** The file it should have been, relative to the output folder. */
  readonly target: string;
}

/** Where the site is published, to tell internal links from external ones. */
export interface LinkScope {
  readonly basePath: string;
  /** The site's origin; absolute links to it count as internal. */
  readonly url: string;
}

const ATTRIBUTE = /\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

function htmlFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return htmlFiles(full, `${prefix}${name}/`);
      return /\.html?$/.test(name) ? [`${prefix}${name}`] : [];
    });
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** The output file an internal link resolves to, or undefined for an external link (or one outside the site). */
export function linkTarget(link: string, page: string, scope: LinkScope): string | undefined {
  const raw = decodeEntities(link.trim());
  if (raw === "" || raw.startsWith("#") || /^(?:mailto|tel|data|javascript):/i.test(raw)) return undefined;
  const origin = new URL(scope.url);
  let resolved: URL;
  try {
    resolved = new URL(raw, new URL(scope.basePath + page, origin));
  } catch {
    return undefined;
  }
  if (resolved.host !== origin.host || !/^https?:$/.test(resolved.protocol)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(resolved.pathname);
  } catch {
    pathname = resolved.pathname;
  }
  if (!pathname.startsWith(scope.basePath)) return pathname; // inside the host, outside the site: reported as missing
  const rest = pathname.slice(scope.basePath.length);
  return rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest;
}

/** Every broken internal link of a built site. */
export function checkLinks(outDir: string, scope: LinkScope): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const seen = new Map<string, boolean>();
  const exists = (target: string): boolean => {
    let known = seen.get(target);
    if (known === undefined) {
      const full = path.join(outDir, target);
      known = existsSync(full) && (statSync(full).isFile() || existsSync(path.join(full, "index.html")));
      seen.set(target, known);
    }
    return known;
  };
  for (const page of htmlFiles(outDir)) {
    const text = readFileSync(path.join(outDir, page), "utf8");
    for (const match of text.matchAll(ATTRIBUTE)) {
      const link = match[1] ?? match[2] ?? "";
      const target = linkTarget(link, page, scope);
      if (target === undefined || exists(target)) continue;
      const line = text.slice(0, match.index).split("\n").length;
      broken.push({ page, line, link, target });
    }
  }
  return broken;
}
