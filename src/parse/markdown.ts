// Markdown → HTML through markdown-it, as the reference archive needs it: raw HTML kept, bare URLs
// and <autolinks> linked, headings given ids that keep their Chinese, and links to the site's own
// host made site-relative so they work in preview and under a base path.

import MarkdownIt from "markdown-it";
import type { StateCore } from "markdown-it";

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
  md.core.ruler.push("heading_ids", headingIds);
  const ownHost = ownHostPattern(settings.siteUrl);
  return (source) => {
    const html = md.render(source);
    return ownHost ? html.replace(ownHost, (_, attr: string, quote: string) => `${attr}=${quote}${settings.basePath}`) : html;
  };
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
