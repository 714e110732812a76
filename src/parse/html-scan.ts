// Removing comments, elements and tags from scraped HTML in one pass each. The regular expressions
// these replace (`/<!--[\s\S]*?-->/g`, `/<(script|…)\b[\s\S]*?<\/\1\s*>/gi`, `/<[^>]*>/g`) retry
// from every `<` and scan to the end when nothing closes it: 150 KB of unclosed `<!--` or `<a href="`
// took 15–24 s a post. Same results (tests/parse/html-scan.test.ts compares them), in linear time.

/** The text without `<!-- … -->` comments; an unclosed one is left as written. */
export function removeComments(html: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const open = html.indexOf("<!--", at);
    if (open < 0) break;
    const close = html.indexOf("-->", open + 4);
    // With no `-->` after this comment's start, none follows any later start either.
    if (close < 0) break;
    out += html.slice(at, open);
    at = close + 3;
  }
  return at === 0 ? html : out + html.slice(at);
}

const ELEMENT_OPEN = /<(script|style|template)\b/gi;

/** The text without script, style and template elements (start tag to end tag); an unclosed one is left as written. */
export function removeElements(html: string): string {
  let out = "";
  let at = 0;
  // Names with no end tag after some start: none follows a later start either.
  const unclosed = new Set<string>();
  ELEMENT_OPEN.lastIndex = 0;
  for (let open = ELEMENT_OPEN.exec(html); open; open = ELEMENT_OPEN.exec(html)) {
    const name = open[1]!.toLowerCase();
    if (unclosed.has(name)) continue;
    const end = new RegExp(`</${name}\\s*>`, "gi");
    end.lastIndex = ELEMENT_OPEN.lastIndex;
    const close = end.exec(html);
    if (!close) {
      unclosed.add(name);
      continue;
    }
    out += html.slice(at, open.index);
    at = close.index + close[0].length;
    ELEMENT_OPEN.lastIndex = at;
  }
  return at === 0 ? html : out + html.slice(at);
}

/**
 * Replaces every tag whose start `start` (a sticky pattern from the `<`, holding no `>`) accepts,
 * from its `<` to the next `>`, with `by`: what `/start[^>]*>/g` does. Each `>` is looked for once.
 */
export function replaceTags(html: string, start: RegExp, by: string): string {
  let out = "";
  let at = 0;
  let from = 0;
  let gt = -1;
  for (;;) {
    const lt = html.indexOf("<", from);
    if (lt < 0) break;
    if (gt < lt) {
      gt = html.indexOf(">", lt);
      if (gt < 0) break; // no `>` after this `<`: no tag ends after it
    }
    start.lastIndex = lt;
    if (start.test(html)) {
      out += html.slice(at, lt) + by;
      at = from = gt + 1;
    } else {
      from = lt + 1;
    }
  }
  return at === 0 ? html : out + html.slice(at);
}
