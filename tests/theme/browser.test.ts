// The theme in a real headless Chromium: axe-core finds no serious or critical accessibility problem,
// light or dark; no page asks any host but its own for anything; the pages read without JavaScript;
// phones from 320 px never scroll sideways; print leaves the article alone.

import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.mjs";
import { makeSite, post, readTree, tempDir } from "../helpers/site.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.mjs";
import { build } from "../../src/index.js";
import { buildSample, PAGE_KINDS } from "./sample.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const AUDITED = ["home", "post", "category", "tag", "archive", "year", "categories", "search", "404"] as const;

/** axe-core's serious and critical violations on the page, as `rule: selectors` lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.targets.join(", ")}`);
}

describe("the theme in a browser", () => {
  let out: string;
  let server: StaticServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    out = await buildSample();
    [server, browser] = await Promise.all([serveFolder(out), launchChromium()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    it.each(AUDITED)(`axe finds nothing serious on the %s page (${scheme})`, async (kind) => {
      const page = await open({ colorScheme: scheme });
      await page.goto(server.url + PAGE_KINDS[kind]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it.each(["light", "dark"] as const)("axe finds nothing serious in search results (%s)", async (colorScheme) => {
    const page = await open({ colorScheme });
    await page.goto(`${server.url}search.html?q=${encodeURIComponent("电子")}`);
    await page.locator(".search-result mark").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("axe does report what it should (an image without alt text, an empty link)", async () => {
    const page = await open();
    await page.goto(server.url + PAGE_KINDS["404"]);
    await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<img src="/none.png" width="10" height="10"><a href="/"></a>'));
    expect(await seriousViolations(page)).toEqual([expect.stringMatching(/^image-alt: /), expect.stringMatching(/^link-name: /)]);
  });

  it("the dark scheme follows the reader's setting", async () => {
    const background = async (colorScheme: "light" | "dark"): Promise<string> => {
      const page = await open({ colorScheme });
      await page.goto(server.url);
      return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    };
    const [light, dark] = await Promise.all([background("light"), background("dark")]);
    const lightness = (rgb: string): number => rgb.match(/\d+/g)!.slice(0, 3).reduce((sum, n) => sum + Number(n), 0);
    expect(lightness(light)).toBeGreaterThan(600);
    expect(lightness(dark)).toBeLessThan(150);
  });

  it("no page of the sample site requests anything from another host", async () => {
    const page = await open();
    const hosts = new Set<string>();
    page.context().on("request", (request) => hosts.add(new URL(request.url()).host));
    const files = [...readTree(out).keys()].filter((file) => file.endsWith(".html") && !file.startsWith("pagefind/"));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) await page.goto(server.url + file, { waitUntil: "load" });
    // The search page with a query runs the search script and loads the index, all from the site.
    await page.goto(`${server.url}search.html?q=${encodeURIComponent("电子")}`, { waitUntil: "networkidle" });
    await page.locator(".search-result").first().waitFor();
    expect([...hosts]).toEqual([new URL(server.url).host]);
  });

  it("pages read without JavaScript", async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(server.url + PAGE_KINDS.post);
    expect(await page.locator("h1").textContent()).toBe("江西：2022年力争电子信息和装备工业突破7000亿元");
    expect(await page.locator(".post-content").innerText()).toContain("稳住工业发展“基本盘”");
    await page.goto(server.url);
    expect(await page.locator(".item").count()).toBe(4);
  });

  it.each([320, 375, 768, 1280, 1920])("nothing scrolls sideways at %i px", async (width) => {
    const page = await open({ viewport: { width, height: 800 } });
    const overflowing: string[] = [];
    for (const [kind, file] of Object.entries(PAGE_KINDS)) {
      await page.goto(server.url + file);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) overflowing.push(`${kind}: ${scrollWidth}px`);
    }
    expect(overflowing).toEqual([]);
  });

  it("print keeps the article and drops navigation", async () => {
    const page = await open();
    await page.goto(server.url + PAGE_KINDS.post);
    await page.emulateMedia({ media: "print" });
    const shown = (selector: string): Promise<boolean> => page.locator(selector).first().isVisible();
    expect(await shown(".post-content")).toBe(true);
    expect(await shown(".post-title")).toBe(true);
    for (const selector of [".site-nav", ".search-box", ".site-footer", ".post-nav", ".related", ".breadcrumbs"]) expect(await shown(selector), selector).toBe(false);
    const color = await page.evaluate(() => getComputedStyle(document.querySelector(".post-content")!).color);
    expect(color).toBe("rgb(0, 0, 0)");
  });

  it("the year page's calendar links each day with posts, named for screen readers", async () => {
    const page = await open();
    await page.goto(server.url + PAGE_KINDS.year);
    const day = page.getByRole("link", { name: "1月18日：1 篇" });
    expect(await day.getAttribute("href")).toBe("/archive/2022/01/18/");
    await day.click();
    expect(path.posix.normalize(new URL(page.url()).pathname)).toBe("/archive/2022/01/18/");
  });
});

describe("scraped bodies in the theme", () => {
  const WIDE_TABLE = `<table><tr>${Array.from({ length: 12 }, (_, i) => `<th>第${i + 1}列</th>`).join("")}</tr><tr>${Array.from({ length: 12 }, (_, i) => `<td>${123_456_789 * (i + 1)}.00</td>`).join("")}</tr></table>`;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    const root = makeSite({
      "site.yml": "title: 图表站\nurl: https://news.example.com\n",
      "public/wide.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#888"/></svg>',
      "posts/2022-01-18-wide.md": post({ title: "宽图和宽表", date: "2022-01-18 09:00:00 +0800", categories: "news" }, `<p>图：</p><p><img src="/wide.svg" width="1600" height="900" alt="一张很宽的图"></p>\n${WIDE_TABLE}\n<p>完。</p>`),
    });
    const out = path.join(tempDir(), "out");
    await build({ root, out, cacheDir: false, search: false });
    [server, browser] = await Promise.all([serveFolder(out), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([320, 1280])("at %i px images with fixed widths fit the column and wide tables scroll inside it", async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}news/2022/01/18/wide.html`);
    const box = await page.evaluate(() => {
      const column = document.querySelector(".post-content")!.getBoundingClientRect();
      const image = document.querySelector(".post-content img")!.getBoundingClientRect();
      const scroller = document.querySelector(".post-content .table-scroll")!;
      return { column: column.width, image: image.width, imageHeight: image.height, table: scroller.getBoundingClientRect().width, tableScroll: scroller.scrollWidth, page: document.documentElement.scrollWidth };
    });
    expect(box.page).toBeLessThanOrEqual(width);
    expect(box.image).toBeLessThanOrEqual(box.column);
    expect(box.image).toBeGreaterThan(box.column * 0.9);
    expect(box.imageHeight / box.image).toBeCloseTo(900 / 1600, 2);
    expect(box.table).toBeLessThanOrEqual(box.column);
    expect(box.tableScroll).toBeGreaterThan(box.column);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
