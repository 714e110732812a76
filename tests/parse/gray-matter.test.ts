import { createRequire } from "node:module";
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
});
