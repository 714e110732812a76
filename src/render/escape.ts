// Escaping for every place untrusted text lands outside Nunjucks' autoescaped HTML: XML, JSON, and
// JSON inside a <script> element.

// Characters XML 1.0 forbids outright (C0 controls but tab and newlines, lone surrogates, U+FFFE/F).
const XML_INVALID = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;

// A cheap test for anything XML_INVALID could match; the full pattern runs only when it hits.
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const XML_SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text with the characters XML 1.0 forbids removed. */
export function xmlClean(text: string): string {
  return SUSPECT.test(text) ? text.replace(XML_INVALID, "") : text;
}

/** Text safe inside an XML element or attribute value. */
export function xmlEscape(text: string): string {
  return xmlClean(text).replace(XML_SPECIAL, (char) => ENTITY[char]!);
}

/** Text with control characters removed (for JSON feeds, which readers parse into HTML). */
export function stripControls(text: string): string {
  return SUSPECT.test(text) ? text.replace(CONTROL, "").replace(XML_INVALID, "") : text;
}

/** JSON that can sit inside `<script type="application/ld+json">`: no `</script>`, `<!--` or line separators can break out. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
