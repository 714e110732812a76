// Plain text from rendered HTML, and what is measured on it: excerpts cut on whole characters and
// lengths counted as Chinese readers count them.

import type { TextStats } from "../types.js";

const BLOCK_TAG = /<\/?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|blockquote|pre|center|section|article|aside|figure|figcaption|header|footer|nav|img)\b[^>]*>/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", hellip: "…", mdash: "—", ndash: "–", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", middot: "·", copy: "©", reg: "®", times: "×", yen: "¥" };

/** Decodes the entities HTML text commonly holds; unknown named entities are kept as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\uFFFD";
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The visible text of an HTML fragment, whitespace collapsed; comments, scripts and styles dropped. */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(BLOCK_TAG, " ")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(stripped).replace(/\s+/g, " ").trim();
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The first `length` characters (grapheme clusters: never half an emoji) of the text, with `…` when cut. */
export function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  let result = "";
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (count === length) return `${result.trimEnd()}…`;
    result += segment;
    count++;
  }
  return result;
}

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{N}]+(?:['’-][\p{Script=Latin}\p{N}]+)*/gu;

/** Characters of CJK text, words of Latin text, and reading minutes at 400 characters or 200 words a minute. */
export function textStats(text: string): TextStats {
  const chars = text.match(HAN)?.length ?? 0;
  const words = text.replace(HAN, " ").match(LATIN_WORD)?.length ?? 0;
  return { chars, words, minutes: Math.max(1, Math.ceil(chars / 400 + words / 200)) };
}

/** The excerpt separator authors put in a body. */
export const MORE = "<!--more-->";
