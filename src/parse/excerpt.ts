// Plain text from rendered HTML, and what is measured on it: excerpts cut on whole characters and
// lengths counted as Chinese readers count them.

import type { TextStats } from "../types.js";
import { removeComments, removeElements, replaceTags } from "./html-scan.js";

const BLOCK_TAG_START = /<\/?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|blockquote|pre|center|section|article|aside|figure|figcaption|header|footer|nav|img)\b/iy;
const TAG_START = /</y;
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
  const stripped = replaceTags(replaceTags(removeElements(removeComments(html)), BLOCK_TAG_START, " "), TAG_START, "");
  return decodeEntities(stripped).replace(/\s+/g, " ").trim();
}

// Made on first use: loading ICU's break data takes ~30 ms, and most text never needs it.
let segmenter: Intl.Segmenter | undefined;
// Characters that can make one visible character out of several code units.
const CLUSTERING = /[\uD800-\uDFFF\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u200C\u200D\u20D0-\u20FF\uFE00-\uFE0F\uFE20-\uFE2F\u0900-\u0DFF\u0E30-\u0E4E\u1100-\u11FF]/;

/** The first `length` characters (grapheme clusters: never half an emoji) of the text, with `…` when cut. */
export function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  const head = text.slice(0, length + 1);
  // Most text is one code unit per character: a plain cut is exact and far cheaper than segmenting.
  if (!CLUSTERING.test(head)) return `${text.slice(0, length).trimEnd()}…`;
  let result = "";
  let count = 0;
  // Segment a bounded prefix; a grapheme is rarely longer than a few code units.
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { segment } of segmenter.segment(text.slice(0, length * 8 + 64))) {
    if (count === length) return `${result.trimEnd()}…`;
    result += segment;
    count++;
  }
  return count === length && result.length < text.length ? `${result.trimEnd()}…` : result;
}

/** True for code units of CJK ideographs, kana and hangul (surrogate pairs of the supplementary ideograph planes count once). */
function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xd840 && code <= 0xd87f) // high surrogates of planes 2-3 (CJK extensions)
  );
}

const isWordUnit = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7);

/**
 * Characters of CJK text, words of Latin text, and reading minutes at 400 characters or 200 words a
 * minute. One pass, no allocation; with `html`, tags are skipped and an entity counts as a separator.
 */
export function textStats(text: string, html = false): TextStats {
  let chars = 0;
  let words = 0;
  let inWord = false;
  // The next `>`, found once for all the `<` before it: looking from each `<` of text that never
  // closes one scanned to the end every time (150 KB of `<a href="`: 0.2 s).
  let gt = -1;
  let noTagEnd = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (html && (code === 60 || code === 38)) {
      // Skip a tag (to its `>`) or an entity (to its `;`, within 11 characters).
      let end = -1;
      if (code === 38) {
        const semicolon = text.slice(i + 1, i + 12).indexOf(";");
        if (semicolon >= 0) end = i + 1 + semicolon;
      } else if (!noTagEnd) {
        if (gt < i) gt = text.indexOf(">", i);
        noTagEnd = gt < 0;
        end = gt;
      }
      if (end > i) {
        i = end;
        inWord = false;
        continue;
      }
    }
    if (isCjk(code)) {
      chars++;
      inWord = false;
    } else if (isWordUnit(code) || (inWord && (code === 39 || code === 0x2019 || code === 45) && isWordUnit(text.charCodeAt(i + 1)))) {
      if (!inWord) words++;
      inWord = true;
    } else inWord = false;
  }
  return { chars, words, minutes: Math.max(1, Math.ceil(chars / 400 + words / 200)) };
}

/** The excerpt separator authors put in a body. */
export const MORE = "<!--more-->";
