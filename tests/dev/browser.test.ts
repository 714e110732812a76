// `broadsheet dev` in a real browser (headless Chromium through playwright-core): pages follow edits
// on disk without a manual reload, the overlay shows a broken post's file and line and goes away
// once it is fixed, a deleted post's URL answers 404, and Ctrl-C ends the process cleanly.

import type { ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSite, post, startCli } from "../helpers/site.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const WAIT = { timeout: 20_000 };

const FIRST = "posts/2024-03-01-first.md";
const first = (title: string): string => post({ title, date: "2024-03-01 09:00:00 +0800", categories: "news", tags: "[要闻]" });

describe("broadsheet dev in a browser", () => {
  let root: string;
  let dev: ChildProcess;
  let base: string;
  let stderr = "";
  let browser: Browser;
  let page: Page;
  const postUrl = (): string => `${base}news/2024/03/01/first.html`;

  beforeAll(async () => {
    root = makeSite({
      [FIRST]: first("最初的标题"),
      "posts/2024-03-02-second.md": post({ title: "第二篇", date: "2024-03-02 09:00:00 +0800", categories: "news" }),
      "public/style.css": "body { margin: 0 }\n",
      "site.yml": "title: 预览测试\nurl: https://example.org\n",
    });
    dev = startCli(["dev", "--root", root, "--port", "0"]);
    dev.stderr!.on("data", (chunk) => (stderr += chunk));
    base = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      dev.stdout!.on("data", (chunk) => {
        stdout += chunk;
        const match = /at (http:\/\/localhost:\d+\/) /.exec(stdout);
        if (match) resolve(match[1]!);
      });
      dev.once("exit", (code) => reject(new Error(`dev exited (${code}): ${stdout}${stderr}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (dev && dev.exitCode === null) dev.kill("SIGKILL");
  });

  it("shows a title edited on disk without a manual reload", async () => {
    const response = await page.goto(postUrl());
    expect(response?.status()).toBe(200);
    await page.locator("h1", { hasText: "最初的标题" }).waitFor(WAIT);
    writeFileSync(path.join(root, FIRST), first("改过的标题"));
    await page.locator("h1", { hasText: "改过的标题" }).waitFor(WAIT);
  });

  it("swaps the stylesheet on a CSS change without reloading the page", async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    appendFileSync(path.join(root, "public/style.css"), "h1 { color: rgb(1, 2, 3) }\n");
    await page.waitForFunction(() => getComputedStyle(document.querySelector("h1")!).color === "rgb(1, 2, 3)", undefined, WAIT);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  it("lists a new post on the home page", async () => {
    await page.goto(base);
    await page.locator("main", { hasText: "第二篇" }).waitFor(WAIT);
    writeFileSync(path.join(root, "posts/2024-03-03-third.md"), post({ title: "新来的第三篇", date: "2024-03-03 09:00:00 +0800", categories: "news" }));
    await page.locator("main a", { hasText: "新来的第三篇" }).first().waitFor(WAIT);
  });

  it("finds a new post in search once the index has caught up", async () => {
    // The index is refreshed after the rebuild, off the reload's path: poll until it has the post.
    const search = `${base}search.html?q=${encodeURIComponent("第三篇")}`;
    await expect
      .poll(
        async () => {
          await page.goto(search);
          await page.waitForLoadState("networkidle");
          return page.locator("main").innerText();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain("新来的第三篇");
  });

  it("shows a broken post's file and line in an overlay, and removes it once fixed", async () => {
    await page.goto(postUrl());
    writeFileSync(path.join(root, FIRST), `---\nlayout: post\ntitle: "改过的标题"\ndate: 2024-03-01 09:00:00 +0800\ncategories: [news\n---\n正文\n`);
    const overlay = page.locator("#broadsheet-overlay");
    await overlay.waitFor(WAIT);
    const text = await overlay.innerText();
    const where = /\S*2024-03-01-first\.md:\d+:\d+ {2}front matter is not valid YAML[^\n]*/.exec(text)?.[0];
    expect(where).toBeDefined();
    // The same text in the terminal, and the last good page stays under the overlay.
    expect(stderr).toContain(where);
    expect(await page.locator("h1").innerText()).toContain("改过的标题");
    writeFileSync(path.join(root, FIRST), first("修好的标题"));
    await overlay.waitFor({ state: "detached", ...WAIT });
    await page.locator("h1", { hasText: "修好的标题" }).waitFor(WAIT);
  });

  it("answers 404 at a deleted post's URL (the open page follows)", async () => {
    await page.goto(postUrl());
    rmSync(path.join(root, FIRST));
    await page.locator("h1", { hasText: "页面不存在" }).waitFor(WAIT);
    const response = await page.goto(postUrl());
    expect(response?.status()).toBe(404);
  });

  it("stops cleanly on Ctrl-C, leaving dist/ untouched", async () => {
    const exited = new Promise<number | null>((resolve) => dev.once("exit", (code) => resolve(code)));
    dev.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(existsSync(path.join(root, "dist"))).toBe(false);
    expect(existsSync(path.join(root, ".broadsheet-dev", "site", "index.html"))).toBe(true);
  });
});
