// wrapTables: every table of a body in a focusable, labelled scroll box, or the body untouched.
import { describe, expect, it } from "vitest";
import { wrapTables } from "../../src/render/tables.js";

const BOX = '<section class="table-scroll" tabindex="0" aria-label="表格">';

describe("wrapTables", () => {
  it.each([
    ["no table", "<p>正文</p>", "<p>正文</p>"],
    ["one table", "<p>a</p><table><tr><td>1</td></tr></table>", `<p>a</p>${BOX}<table><tr><td>1</td></tr></table></section>`],
    ["attributes and capitals", '<TABLE border="1"><tr><td>1</td></tr></TABLE >', `${BOX}<TABLE border="1"><tr><td>1</td></tr></TABLE ></section>`],
    ["two tables", "<table></table><table></table>", `${BOX}<table></table></section>${BOX}<table></table></section>`],
    ["a nested table", "<table><tr><td><table></table></td></tr></table>", `${BOX}<table><tr><td>${BOX}<table></table></section></td></tr></table></section>`],
    ["an unclosed table is left alone", "<table><tr><td>1</td></tr>", "<table><tr><td>1</td></tr>"],
    ["a word that only starts like one", "<tablet>x</tablet>", "<tablet>x</tablet>"],
  ])("%s", (_name, html, expected) => {
    expect(wrapTables(html, "表格")).toBe(expected);
  });

  it("escapes the label", () => {
    expect(wrapTables("<table></table>", '"><script>')).toContain('aria-label="&quot;&gt;&lt;script&gt;"');
  });
});
