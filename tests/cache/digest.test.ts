// The page-signature digest: what it is fed in what order decides it, so that any change to a page's
// inputs changes its signature (a same digest would leave a stale page in the output).
import { describe, expect, it } from "vitest";
import { Digest, digestText } from "../../src/graph/digest.js";

describe("page-signature digest", () => {
  it("is 16 hex digits and the same for the same input", () => {
    expect(digestText("江西：2022年")).toMatch(/^[0-9a-f]{16}$/);
    expect(digestText("江西：2022年")).toBe(digestText("江西：2022年"));
    expect(new Digest().text("a").int(7).number(1642486151000).hex()).toBe(new Digest().text("a").int(7).number(1642486151000).hex());
  });

  it("tells apart texts that differ in one character, and where one text ends", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(digestText(`/news/2022/01/18/${i}.html`));
    expect(seen.size).toBe(20_000);
    expect(new Digest().text("ab").text("c").hex()).not.toBe(new Digest().text("a").text("bc").hex());
    expect(digestText("标题")).not.toBe(digestText("标题 "));
  });

  it("tells apart numbers, their order and large dates", () => {
    expect(new Digest().int(1).int(2).hex()).not.toBe(new Digest().int(2).int(1).hex());
    expect(new Digest().number(1642486151000).hex()).not.toBe(new Digest().number(1642486151001).hex());
    expect(new Digest().number(0.5).hex()).not.toBe(new Digest().number(1.5).hex());
  });

  it("goes on from a shared prefix as if it had been fed whole", () => {
    const prefix = new Digest().text("global").text("post.njk");
    expect(Digest.from(prefix).text("/a.html").hex()).toBe(new Digest().text("global").text("post.njk").text("/a.html").hex());
    // Going on from a prefix leaves the prefix as it was.
    Digest.from(prefix).text("/b.html");
    expect(Digest.from(prefix).text("/a.html").hex()).toBe(new Digest().text("global").text("post.njk").text("/a.html").hex());
  });
});
