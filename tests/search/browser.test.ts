// The search page in a real headless Chromium: the sample site built, served, and searched as a
// reader searches it, in Chinese, under a base path, and with a hostile title.

import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/chromium.mjs";
import { makeSite, post, REPO, runCli, tempDir } from "../helpers/site.js";
import { serveFolder, type StaticServer } from "../helpers/static-server.mjs";

const JIANGXI = "江西：2022年力争电子信息和装备工业突破7000亿元";
const BATTERY = "江南储能新型电池产线投产 首批产品供应两轮电动车"; // posts/2022-01-06-202201061132058841.md

/** Builds a site into a new folder and serves it at the base path. */
async function buildAndServe(root: string, basePath = "/"): Promise<StaticServer> {
  const out = path.join(tempDir(), "dist");
  const args = ["build", "--root", root, "--out", out, "--no-cache", "--quiet"];
  if (basePath !== "/") args.push("--base-url", basePath);
  const result = await runCli(args);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return serveFolder(out, basePath);
}

/** Waits until the search page has finished the search now in its box. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getElementById("search")?.getAttribute("aria-busy") === "false" && /找到|没有找到/.test(document.getElementById("search-status")?.textContent ?? ""));
}

/** Types a query into the search page as a reader does and waits for its results. */
async function type(page: Page, words: string): Promise<void> {
  await page.fill("#search-q", "");
  await page.locator("#search-q").pressSequentially(words);
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, words);
  await settled(page);
}

const titles = (page: Page): Promise<string[]> => page.locator(".search-result-title a").allTextContents();

describe("the search page", () => {
  let browser: Browser;
  let site: StaticServer;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    [site, browser] = await Promise.all([buildAndServe(REPO), launchChromium()]);
    const context = await browser.newContext();
    context.on("request", (request) => requests.push(request.url()));
    page = await context.newPage();
    await page.goto(`${site.url}search.html`);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("puts the Jiangxi article first for 电子信息, the hit marked in its excerpt", async () => {
    await type(page, "电子信息");
    expect((await titles(page))[0]).toBe(JIANGXI);
    const first = page.locator(".search-result").first();
    expect(await first.locator("mark").allTextContents()).toContain("电子");
    expect(await first.locator("time").getAttribute("datetime")).toBe("2022-01-18T14:05:51+08:00");
    expect(await first.locator(".category").allTextContents()).toEqual(["中国电子报新闻"]);
  });

  it("finds a post by words only in its body", async () => {
    expect(BATTERY).not.toContain("钠离子");
    await type(page, "钠离子电池");
    expect(await titles(page)).toEqual([BATTERY]);
    await page.locator(".search-result-title a").click();
    await expect(page.locator("h1").textContent()).resolves.toBe(BATTERY);
    await page.goBack();
    await settled(page);
  });

  it("narrows the results to one category", async () => {
    await type(page, "亿元");
    const all = await titles(page);
    await page.selectOption("#search-category", "中国电子报新闻");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("category") === "中国电子报新闻");
    await settled(page);
    const narrowed = await titles(page);
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(all.length);
    expect(narrowed.every((title) => all.includes(title))).toBe(true);
    const categories = await page.locator(".search-result-meta").evaluateAll((metas) => metas.map((meta) => [...meta.querySelectorAll(".category")].map((c) => c.textContent)));
    expect(categories.every((names) => names.includes("中国电子报新闻"))).toBe(true);
    await page.selectOption("#search-category", "");
    await settled(page);
  });

  it("sorts by newest first", async () => {
    await page.selectOption("#search-sort", "newest");
    await type(page, "亿元");
    const dates = await page.locator(".search-result time").evaluateAll((times) => times.map((time) => time.getAttribute("datetime") ?? ""));
    expect(dates.length).toBeGreaterThan(2);
    expect(dates).toEqual([...dates].sort().reverse());
    await page.selectOption("#search-sort", "");
    await settled(page);
  });

  it("searches for the ?q= the header's search box submits", async () => {
    await page.goto(site.url);
    await page.fill("#site-search", "电子信息");
    await page.press("#site-search", "Enter");
    await page.waitForURL(/search\.html\?q=/);
    await settled(page);
    expect(await page.inputValue("#search-q")).toBe("电子信息");
    expect((await titles(page))[0]).toBe(JIANGXI);
  });

  it("requests nothing from any other host", () => {
    const origin = new URL(site.url).origin;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(requests.some((url) => url.includes("/pagefind/"))).toBe(true);
  });

  it("says it needs JavaScript when JavaScript is off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${site.url}search.html?q=电子信息`);
    await expect(plain.locator("#search-needs-js").isVisible()).resolves.toBe(true);
    expect(await plain.locator("#search-needs-js").textContent()).toContain("需要启用 JavaScript");
    // With JavaScript the note gives way to the search.
    await expect(page.locator("#search-needs-js").isVisible()).resolves.toBe(false);
    await context.close();
  });
});

describe("the search page under a base path", () => {
  it("finds posts and links to them under /news/", async () => {
    const [site, browser] = await Promise.all([buildAndServe(REPO, "/news/"), launchChromium()]);
    try {
      const page = await browser.newPage();
      await page.goto(`${site.url}search.html`);
      await type(page, "电子信息");
      const link = page.locator(".search-result-title a").first();
      expect(await link.textContent()).toBe(JIANGXI);
      expect(await link.getAttribute("href")).toMatch(/^\/news\/zhongguodianzibao\/2022\/01\/18\/.+\.html$/);
      await link.click();
      await expect(page.locator("h1").textContent()).resolves.toBe(JIANGXI);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});

describe("a post whose title holds markup", () => {
  it("shows the title as text in the results, running nothing", async () => {
    const title = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">恶意标题";
    const root = makeSite({
      "posts/2022-01-01-bad.md": post({ title, date: "2022-01-01 10:00:00 +0800", categories: "news" }, "<p>正文提到恶意标题。</p>"),
      "posts/2022-01-02-good.md": post({ title: "普通新闻", date: "2022-01-02 10:00:00 +0800", categories: "news" }),
    });
    const [site, browser] = await Promise.all([buildAndServe(root), launchChromium()]);
    try {
      const page = await browser.newPage();
      await page.goto(`${site.url}search.html`);
      await type(page, "恶意标题");
      expect(await titles(page)).toEqual([title]);
      expect(await page.locator("#search-results script, #search-results img").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
