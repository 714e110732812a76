// The one-pass HTML scanners give exactly what the regular expressions they replaced gave (kept here
// as the reference), on arbitrary HTML-ish text and on the shapes that made those expressions retry
// from every `<`: unclosed comments, elements and tags.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText, textStats } from "../../src/parse/excerpt.js";
import { removeComments, removeElements, replaceTags } from "../../src/parse/html-scan.js";

const BLOCK_TAG = /<\/?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|blockquote|pre|center|section|article|aside|figure|figcaption|header|footer|nav|img)\b[^>]*>/gi;
const BLOCK_TAG_START = /<\/?(?:p|div|br|hr|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th|blockquote|pre|center|section|article|aside|figure|figcaption|header|footer|nav|img)\b/iy;

const reference = {
  comments: (html: string): string => html.replace(/<!--[\s\S]*?-->/g, ""),
  elements: (html: string): string => html.replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ""),
  blockTags: (html: string): string => html.replace(BLOCK_TAG, " "),
  tags: (html: string): string => html.replace(/<[^>]*>/g, ""),
};

/** textStats as it was, searching from each `<` and `&`. */
function referenceStats(text: string): { chars: number; words: number } {
  const cjk = /[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\ud840-\ud87f]/;
  const word = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
  let chars = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 60 || code === 38) {
      const end = text.indexOf(code === 60 ? ">" : ";", i);
      if (end > i && (code === 60 || end - i < 12)) {
        i = end;
        inWord = false;
        continue;
      }
    }
    if (cjk.test(text[i]!)) {
      chars++;
      inWord = false;
    } else if (word(code) || (inWord && (code === 39 || code === 0x2019 || code === 45) && word(text.charCodeAt(i + 1)))) {
      if (!inWord) words++;
      inWord = true;
    } else inWord = false;
  }
  return { chars, words };
}

const PIECES = ["<", ">", "/", "<!--", "-->", "--", "<!-->", "<script>", "</script>", "</script >", "<SCRIPT", "</Script>", "<style", "</style>", "<template>", "</template>", "<scripts>", "<p>", "</p>", "<P class=x>", "<pre", "<b>", "</b>", "<br/>", "<img src=a>", "<a href=\"", "&amp;", "&#20013;", "&", ";", "&nbsp", "中文", "word", " ", "\n", "'", "-"];
const html = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(""));

describe("one-pass HTML scanners", () => {
  it("remove and replace exactly what the regular expressions did", () => {
    fc.assert(
      fc.property(html, (text) => {
        expect(removeComments(text)).toBe(reference.comments(text));
        expect(removeElements(text)).toBe(reference.elements(text));
        expect(replaceTags(text, BLOCK_TAG_START, " ")).toBe(reference.blockTags(text));
        expect(replaceTags(text, /</y, "")).toBe(reference.tags(text));
        const stats = textStats(text, true);
        expect({ chars: stats.chars, words: stats.words }).toEqual(referenceStats(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    // (The scripts' start tags go with the other tags; the first block tag leaves a space.)
    ["unclosed comments", "<!--".repeat(5000), "<!--".repeat(5000)],
    ["unclosed scripts before a closed style", `${"<script>".repeat(5000)}<style>x</style>after`, "after"],
    ["tags that never close", `${'<a href="'.repeat(5000)}tail`, `${'<a href="'.repeat(5000)}tail`],
    ["block tags that close only at the end", `${"<p ".repeat(5000)}>text`, " text"],
  ])("handles %s as the regular expressions did", (_, input, text) => {
    expect(reference.tags(reference.blockTags(reference.elements(reference.comments(input))))).toBe(text);
    expect(replaceTags(replaceTags(removeElements(removeComments(input)), BLOCK_TAG_START, " "), /</y, "")).toBe(text);
  });

  it("turns HTML into its visible text", () => {
    expect(htmlToText("<p>一<!-- 注 -->二</p><script>var x = '<p>';</script><div>三 &amp; <b>四</b></div><br>五")).toBe("一二 三 & 四 五");
  });
});
