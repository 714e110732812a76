// The sample site (the repository's posts and site.yml, the bundled theme) built for the theme's tests,
// with four posts a page so every page kind, paginated pages included, is there to check.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "../../src/index.js";
import { REPO, tempDir } from "../helpers/site.js";

/** One page of each kind of the sample site, by kind (paths in the output folder). */
export const PAGE_KINDS = {
  home: "index.html",
  "home page 2": "page/2.html",
  post: "zhongguodianzibao/2022/01/18/202201182251841262.html",
  category: "category/zhongguodianzibao.html",
  "category page 2": "category/zhongguodianzibao/page/2.html",
  tag: "tag/中国电子报新闻.html",
  year: "archive/2022/index.html",
  month: "archive/2022/01/index.html",
  day: "archive/2022/01/18/index.html",
  categories: "category/index.html",
  tags: "tag/index.html",
  archive: "archive/index.html",
  search: "search.html",
  "404": "404.html",
} as const;

/** Builds the sample site into a new folder and returns it. */
export async function buildSample(options: { search?: boolean } = {}): Promise<string> {
  const root = tempDir("broadsheet-theme-");
  const config = readFileSync(path.join(REPO, "site.yml"), "utf8").replace(/^page_size: \d+$/m, "page_size: 4");
  writeFileSync(path.join(root, "site.yml"), config);
  const out = path.join(root, "dist");
  const summary = await build({ root, posts: path.join(REPO, "posts"), out, cacheDir: false, search: options.search ?? true });
  if (!summary.ok) throw new Error(`the sample site did not build: ${JSON.stringify(summary.problems)}`);
  return out;
}
