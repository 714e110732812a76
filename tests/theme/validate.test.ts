// Every page the bundled theme renders for the sample site is valid HTML, as html-validate judges it
// with the repository's .htmlvalidate.json.

import { readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { readTree, REPO } from "../helpers/site.js";
import { buildSample, PAGE_KINDS } from "./sample.js";

const config = JSON.parse(readFileSync(path.join(REPO, ".htmlvalidate.json"), "utf8")) as ConfigData;
const validator = new HtmlValidate(new StaticConfigLoader(config));

/** html-validate's errors in one page, as `line:col rule message` lines. */
async function errors(html: string, file: string): Promise<string[]> {
  const report = await validator.validateString(html, file);
  return report.results.flatMap((result) => result.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

describe("html-validate", () => {
  let out: string;
  let pages: Map<string, Buffer>;
  beforeAll(async () => {
    out = await buildSample();
    pages = new Map([...readTree(out)].filter(([file]) => file.endsWith(".html") && !file.startsWith("pagefind/")));
  });

  it.each(Object.entries(PAGE_KINDS))("the %s page has no errors", async (_kind, file) => {
    const html = pages.get(file);
    expect(html, `${file} was built`).toBeDefined();
    expect(await errors(html!.toString("utf8"), file)).toEqual([]);
  });

  it("so does every other page of the sample site", async () => {
    expect(pages.size).toBeGreaterThan(50);
    const found: string[] = [];
    for (const [file, html] of pages) for (const error of await errors(html.toString("utf8"), file)) found.push(`${file}:${error}`);
    expect(found).toEqual([]);
  });

  it("reports an error in broken markup, so a clean result means something", async () => {
    expect(await errors("<!DOCTYPE html><html lang=\"zh\"><head><title>x</title></head><body><p><div></p></body></html>", "broken.html")).not.toEqual([]);
  });
});
