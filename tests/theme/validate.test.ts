// Every page the bundled theme renders for the sample site is valid HTML, as html-validate judges it
// with the repository's .htmlvalidate.json.

import { readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate, StaticConfigLoader, type ConfigData } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/index.js";
import { makeSite, post, readOut, readTree, REPO, tempDir } from "../helpers/site.js";
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

  it("a post with a scraped image and a wide table has no errors either", async () => {
    const root = makeSite({
      "site.yml": "title: 表格站\nurl: https://news.example.com\n",
      "posts/2022-01-18-t.md": post({ title: "表", date: "2022-01-18 09:00:00 +0800", categories: "news" }, '<p><img src="/a.png" width="1600" height="900" alt="图"></p>\n<table border="1"><thead><tr><th>年份</th><th>营收</th></tr></thead><tbody><tr><td>2021</td><td>12.3</td></tr></tbody></table>'),
    });
    const site = path.join(tempDir(), "out");
    await build({ root, out: site, cacheDir: false, search: false });
    const html = readOut(site, "news/2022/01/18/t.html");
    expect(html).toContain('<section class="table-scroll" tabindex="0" aria-label="表格，可横向滚动"><table border="1">');
    expect(await errors(html, "t.html")).toEqual([]);
  });

  it("reports an error in broken markup, so a clean result means something", async () => {
    expect(await errors("<!DOCTYPE html><html lang=\"zh\"><head><title>x</title></head><body><p><div></p></body></html>", "broken.html")).not.toEqual([]);
  });
});
