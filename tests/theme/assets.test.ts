// The theme's stylesheets: small, self-contained (nothing imported or fetched, no web fonts), with a
// system font stack that covers Chinese.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/site.js";

const css = (name: string): string => readFileSync(path.join(REPO, "public", name), "utf8");
const STYLESHEETS = ["style.css", "search.css"];

describe("the theme's CSS", () => {
  it("is under 20 KB, the search page's included", () => {
    const bytes = STYLESHEETS.reduce((sum, name) => sum + Buffer.byteLength(css(name)), 0);
    expect(bytes).toBeLessThan(20 * 1024);
  });

  it.each(STYLESHEETS)("%s fetches nothing: no @import, no url(), no web font", (name) => {
    expect(css(name)).not.toMatch(/@import|url\(|@font-face/i);
  });

  it("sets a system font stack with Chinese fonts for every platform, and a dark scheme", () => {
    const style = css("style.css");
    const font = /--font:([^;]+);/.exec(style)?.[1] ?? "";
    for (const family of ["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"]) expect(font).toContain(family);
    expect(style).toContain("@media (prefers-color-scheme: dark)");
    expect(style).toContain("@media print");
  });
});
