import { createRequire } from "node:module";
import fc from "fast-check";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { matter } from "../../src/parse/gray-matter.js";
import { splitFrontMatter } from "../../src/parse/front-matter.js";

const loaded = (): string[] => Object.keys(createRequire(import.meta.url).cache);

describe("gray-matter without its own YAML engine", () => {
  it("splits posts with broadsheet's engine (YAML core schema: dates stay text)", () => {
    const split = splitFrontMatter('---\ntitle: "江西: 7000亿元"\ndate: 2022-01-18 14:05:51 +0800\ntags: [a, b]\n---\n<p>正文</p>\n', "p.md");
    expect(split.data).toEqual({ title: "江西: 7000亿元", date: "2022-01-18 14:05:51 +0800", tags: ["a", "b"] });
    expect(split.body).toBe("<p>正文</p>\n");
  });

  it("never loads the js-yaml 3 and esprima gray-matter brings", () => {
    expect(loaded().some((file) => /[\\/]gray-matter[\\/]index\.js$/.test(file))).toBe(true);
    expect(loaded().filter((file) => /[\\/]esprima[\\/]|[\\/]gray-matter[\\/]node_modules[\\/]js-yaml[\\/]lib[\\/]/.test(file))).toEqual([]);
  });

  it("refuses, loudly, a call that forgets broadsheet's engine", () => {
    expect(() => matter("---\ntitle: x\n---\nbody")).toThrow(/gray-matter's own YAML engine is not loaded/);
  });

  it("splits as gray-matter splits the whole text, though it is handed only the front matter", () => {
    const engines = { yaml: (text: string): object => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object };
    // Lines that look like delimiters where they are not: `---x`, `--- `, `----`, and empty ones.
    const line = fc.oneof(fc.constantFrom("---", "--- ", "---x", "----", "", "\n", "title: 甲", "# note", "a: [1, 2]", "<p>正文</p>", "--"), fc.string({ maxLength: 8 }).filter((s) => !s.includes("\r")));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.constantFrom("---", "---  ", "---\t"), fc.array(line, { maxLength: 8 }), fc.boolean(), (head, closing, rest, newline) => {
        const text = `---\n${head.join("\n")}\n${closing}${newline ? "\n" : ""}${rest.join("\n")}`;
        let whole: { data: unknown; content: string } | undefined;
        try {
          whole = matter(text, { engines });
        } catch {
          whole = undefined;
        }
        let split: { data: unknown; body: string } | undefined;
        try {
          split = splitFrontMatter(text, "p.md");
        } catch {
          split = undefined;
        }
        if (!whole || !split) return; // bad YAML, or a block broadsheet does not close: errors, tested elsewhere
        if (whole.data !== null && typeof whole.data === "object" && !Array.isArray(whole.data)) expect(split.data).toStrictEqual(whole.data);
        expect(split.body).toBe(whole.content);
      }),
      { numRuns: 1000 },
    );
  });
});
