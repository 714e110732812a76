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

// A start tag's name, then its attributes one after another, each value consumed whole: a tag is read
// from its name on so that neither markup shown as text (`&lt;a href=x&gt;` in a code block) nor an
// attribute value that quotes markup (a description holding `href=`) is taken for a link.
const TAG = /<[a-zA-Z][^\s<>\/]*/g;
const ATTRIBUTE = /[\s\/]*([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
const LINK_ATTRIBUTES = new Set(["href", "src", "srcset", "poster"]);

/** The links of one page with the offset each was found at (`srcset` holds several). */
export function pageLinks(html: string): { link: string; at: number }[] {
  const links: { link: string; at: number }[] = [];
  for (const tag of html.matchAll(TAG)) {
    ATTRIBUTE.lastIndex = tag.index + tag[0].length;
    for (let match = ATTRIBUTE.exec(html); match; match = ATTRIBUTE.exec(html)) {
      const name = match[1]!.toLowerCase();
      if (!LINK_ATTRIBUTES.has(name)) continue;
      const value = match[2] ?? match[3] ?? match[4] ?? "";
      if (name !== "srcset") links.push({ link: value, at: match.index });
      else for (const candidate of value.split(",")) links.push({ link: candidate.trim().split(/\s+/)[0] ?? "", at: match.index });
    }
  }
  return links;
}

function htmlFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      if (entry.isDirectory()) return htmlFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      return /\.html?$/.test(entry.name) ? [`${prefix}${entry.name}`] : [];
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
  const resolved = new Map<string, string | undefined>();
  for (const page of htmlFiles(outDir)) {
    const text = readFileSync(path.join(outDir, page), "utf8");
    let line = 1;
    let counted = 0;
    for (const { link, at } of pageLinks(text)) {
      // Most links (navigation, terms, neighbours) are absolute and repeat on every page: resolve each once.
      let target = resolved.get(link);
      if (target === undefined && !resolved.has(link)) {
        target = linkTarget(link, page, scope);
        if (/^\s*(?:\/|[a-z][a-z0-9+.-]*:)/i.test(link)) resolved.set(link, target);
      }
      if (target === undefined || exists(target)) continue;
      for (let i = text.indexOf("\n", counted); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) line++;
      counted = at;
      broken.push({ page, line, link, target });
    }
  }
  return broken;
}
