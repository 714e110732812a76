// Markdown → HTML through markdown-it, as the reference archive needs it: raw HTML kept, bare URLs
// and <autolinks> linked, headings given ids that keep their Chinese, and links to the site's own
// host made site-relative so they work in preview and under a base path.

import { createRequire } from "node:module";
import type { StateCore } from "markdown-it";

// markdown-it 14, through its one-file CommonJS build: its ESM entry is ~60 modules (88–105 ms to
// load here, against 45–54 ms), paid by every thread that parses, and by every rebuild after an edit.
// (14, not 15: 15's TypeScript build lowers class fields to a helper call per field of every token,
// and rendered the same 10,000 news bodies in 643 ms against 441 ms, with the same bytes.)
const MarkdownIt = createRequire(import.meta.url)("markdown-it") as typeof import("markdown-it").default;

/** What rendering depends on besides the text itself. */
export interface MarkdownSettings {
  /** The site's origin, e.g. `https://finews.withounder.com`. */
  readonly siteUrl: string;
  readonly basePath: string;
}

/** A markdown renderer for one site's settings. Create once and reuse: setup is the slow part. */
export function createMarkdown(settings: MarkdownSettings): (source: string) => string {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  // Link bare URLs that carry a scheme or www., not every word that looks like a domain ("2.0版",
  // "News.cn"): fewer false links in news text, and the costly fuzzy host scan is skipped.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  skipLinkifyWithoutCandidates(md);
  normalizePlainLinksDirectly(md);
  md.core.ruler.push("heading_ids", headingIds);
  const ownHost = ownHostPattern(settings.siteUrl);
  return (source) => {
    const html = md.render(source);
    return ownHost ? html.replace(ownHost, (_, attr: string, quote: string) => `${attr}=${quote}${settings.basePath}`) : html;
  };
}

// Where linkify could find a link: a scheme's `//`, `www.` or `mailto:`.
const LINK_CANDIDATE = /\/\/|www\.|mailto:/i;

/**
 * markdown-it's linkify rule runs linkify-it's full test (large host regexes) on every paragraph's
 * source, which in news archives always holds `<http://…>` autolinks and `[返回](//…)` back-links.
 * Links can only come from text outside links, so the rule runs only for documents that have such
 * text holding a candidate: the output is the same, and it saved a fifth of parsing.
 */
function skipLinkifyWithoutCandidates(md: InstanceType<typeof MarkdownIt>): void {
  const rule = (md.core.ruler as unknown as { __rules__: { name: string; fn: (state: StateCore) => void }[] }).__rules__.find((r) => r.name === "linkify");
  if (!rule) return;
  const linkify = rule.fn;
  md.core.ruler.at("linkify", (state: StateCore) => {
    if (state.tokens.some((token) => token.type === "inline" && hasCandidate(token.children ?? []))) linkify(state);
  });
}

function hasCandidate(children: readonly { type: string; content: string }[]): boolean {
  let inLink = 0;
  for (const child of children) {
    if (child.type === "link_open") inLink++;
    else if (child.type === "link_close") inLink--;
    else if (child.type === "text" && inLink === 0 && LINK_CANDIDATE.test(child.content)) return true;
  }
  return false;
}

// A link of a scheme and unreserved or delimiter characters only: no `@` (user info), no `:` after
// the scheme (ports, IPv6), nothing outside ASCII. For these markdown-it's URL parse, punycode pass
// and re-encoding give back exactly mdurl.encode(url) (tests/parse/markdown-links.test.ts checks it).
const PLAIN_URL = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?[A-Za-z0-9\-._~/?#&=+,;!$*()%]*$/;

/**
 * markdown-it normalizes every link's URL through a full URL parse and punycode, which was 3% of a
 * cold build: every news post holds a source autolink and two back-links. Plain URLs skip straight
 * to the result; any other URL takes markdown-it's own path.
 */
function normalizePlainLinksDirectly(md: InstanceType<typeof MarkdownIt>): void {
  const { encode } = md.utils.lib.mdurl;
  const normalizeLink = md.normalizeLink.bind(md);
  const normalizeLinkText = md.normalizeLinkText.bind(md);
  md.normalizeLink = (url) => (PLAIN_URL.test(url) ? encode(url) : normalizeLink(url));
  // As text, a plain URL shows as written unless it holds escapes to decode or a punycode host.
  md.normalizeLinkText = (url) => (PLAIN_URL.test(url) && !url.includes("%") && !/xn--/i.test(url) ? url : normalizeLinkText(url));
}

/** Matches href/src attributes pointing at the site's own host, with or without a scheme. */
function ownHostPattern(siteUrl: string): RegExp | undefined {
  let host: string;
  try {
    host = new URL(siteUrl).host;
  } catch {
    return undefined;
  }
  if (!host || host.startsWith("localhost")) return undefined;
  const escaped = host.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\b(href|src)=(["'])(?:https?:)?//${escaped}(?::\\d+)?/`, "gi");
}

/** Turns heading text into an id: letters and digits of every script kept, spaces become hyphens. */
export function headingSlug(text: string): string {
  const slug = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
  return slug || "section";
}

function headingIds(state: StateCore): void {
  const used = new Map<string, number>();
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "heading_open" || token.attrGet("id")) continue;
    const inline = tokens[i + 1];
    const text = (inline?.children ?? [])
      .filter((child) => child.type === "text" || child.type === "code_inline")
      .map((child) => child.content)
      .join("");
    const base = headingSlug(text);
    const count = used.get(base) ?? 0;
    used.set(base, count + 1);
    token.attrSet("id", count === 0 ? base : `${base}-${count}`);
  }
}
