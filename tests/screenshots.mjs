// `npm run screenshots`: builds the sample site, serves it and photographs the theme in headless
// Chromium, at a phone's and a desktop's width, light and dark, into screenshots/ (ignored by git),
// so anyone can look at the theme after a change. Pages: node tests/screenshots.mjs [name ...].

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./helpers/chromium.mjs";
import { serveFolder } from "./helpers/static-server.mjs";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const OUT = path.join(REPO, "screenshots");

/** The pages photographed: the three the theme is judged on, then the pages with charts. */
const PAGES = {
  home: "",
  post: "zhongguodianzibao/2022/01/18/202201182251841262.html",
  category: "category/zhongguodianzibao.html",
  archive: "archive/",
  year: "archive/2022/",
  categories: "category/",
};
const WIDTHS = [375, 1280];
const SCHEMES = ["light", "dark"];

const wanted = process.argv.slice(2);
for (const name of wanted) if (!(name in PAGES)) throw new Error(`unknown page ${name}; pages: ${Object.keys(PAGES).join(", ")}`);
const names = wanted.length ? wanted : Object.keys(PAGES);

const fonts = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
if (!fonts.stdout?.trim()) console.warn("warning: no Chinese font installed, Chinese text will show as boxes (apt-get install fonts-noto-cjk)");

const site = mkdtempSync(path.join(tmpdir(), "broadsheet-screenshots-"));
execFileSync(process.execPath, [path.join(REPO, "lib", "bin", "cli.js"), "build", "--root", REPO, "--out", site, "--no-cache", "--quiet"], { stdio: "inherit" });
const server = await serveFolder(site);
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const name of names) {
        await page.goto(server.url + PAGES[name]);
        const file = path.join(OUT, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(path.relative(REPO, file));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(site, { recursive: true, force: true });
}
