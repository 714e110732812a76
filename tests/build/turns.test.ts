// A long file assembled on the main thread gives its event loop turns (the worker threads' next
// batches are handed out there), and comes out the same as joined at once.
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/turns.js";

describe("assemble", () => {
  it("joins the pieces in order, letting the event loop run between them", async () => {
    const pieces = Array.from({ length: 12_345 }, (_, i) => `<url>${i}</url>\n`);
    let turns = 0;
    const count = (): void => {
      turns++;
      if (turns < 100) setImmediate(count);
    };
    setImmediate(count);
    const text = await assemble(pieces);
    expect(text).toBe(pieces.join(""));
    // Two turns at least (after 5,000 and 10,000 pieces); joined in one go, none would have come.
    expect(turns).toBeGreaterThanOrEqual(2);
  });

  it("takes a generator, as the sitemaps give their lines", async () => {
    function* lines(): Generator<string> {
      for (let i = 0; i < 3; i++) yield `${i};`;
    }
    expect(await assemble(lines())).toBe("0;1;2;");
  });
});
