// The raw HTML block a body may open with: markdown-it passes such a block through unchanged, so its
// text is known without rendering. Scraped news bodies are mostly that (`<p>…</p>` paragraphs).

// CommonMark's block-level tag names (markdown-it's html_blocks list): a line opening with one of
// them starts an HTML block that runs to the next blank line.
const BLOCK_NAMES =
  "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul";
const BLOCK_START = new RegExp(`^ {0,3}</?(?:${BLOCK_NAMES})(?=[\\s/>]|$)`, "i");

/** The body's first block when it is raw block-level HTML (output verbatim by markdown), else undefined. */
export function leadingHtmlBlock(body: string): string | undefined {
  const start = body.replace(/^(?:[ \t]*\n)+/, "");
  if (!BLOCK_START.test(start)) return undefined;
  const end = start.search(/\n[ \t]*(?:\n|$)/);
  return end < 0 ? start : start.slice(0, end);
}
