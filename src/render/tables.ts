// Wide tables in post bodies: scraped pages hold tables wider than any phone. Each one is wrapped in a
// labelled, focusable box that scrolls sideways, so the page itself never does and a keyboard can
// scroll the table too (the `scroll_tables` filter; the theme's post.njk applies it to post.content).

import { xmlEscape } from "./escape.js";

const OPEN = /<table\b/gi;
const CLOSE = /<\/table\s*>/gi;

/** The body with every `<table>…</table>` inside `<section class="table-scroll">`; left as it is when its tables do not balance. */
export function wrapTables(html: string, label: string): string {
  const opens = html.match(OPEN)?.length ?? 0;
  if (opens === 0 || opens !== (html.match(CLOSE)?.length ?? 0)) return html;
  const box = `<section class="table-scroll" tabindex="0" aria-label="${xmlEscape(label)}">`;
  return html.replace(OPEN, (tag) => box + tag).replace(CLOSE, (tag) => `${tag}</section>`);
}
