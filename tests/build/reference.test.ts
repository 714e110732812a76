// The repository's own site, built end to end: the reference post from the shared examples.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLinks } from "../../src/check/links.js";
import { readOut, REPO, runCli, SHARED, tempDir } from "../helpers/site.js";

const REFERENCE = "zhongguodianzibao/2022/01/18/202201182251841262.html";
let out: string;
let stdout: string;

beforeAll(async () => {
  out = path.join(tempDir(), "site");
  const run = await runCli(["build", "--out", out, "--no-search"], { cwd: REPO });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  stdout = run.stdout;
});

describe("the sample site", () => {
  it("ships the reference post byte for byte", () => {
    expect(readFileSync(path.join(REPO, "posts/2022-01-18-202201182251841262.md"))).toEqual(readFileSync(path.join(SHARED, "examples/jiangxi.md")));
  });

  it("writes the reference post at Jekyll's URL with its title, time and body", () => {
    const html = readOut(out, REFERENCE);
    expect(html).toContain("<title>江西：2022年力争电子信息和装备工业突破7000亿元 - 金融消息</title>");
    expect(html).toContain('<time datetime="2022-01-18T14:05:51+08:00">2022-01-18 14:05</time>');
    expect(html).toContain("稳住工业发展“基本盘” 挺进高质量发展“快车道”");
    // The <http://…> autolink and the back-links render as links; links to the site's own host become site-relative.
    expect(html).toContain('<a href="http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201182251841262">');
    expect(html).toContain('<a href="/category/zhongguodianzibao.html">返回中国电子报新闻</a>');
    expect(html).toContain('<a href="/">返回首页</a>');
    expect(html).toContain('<a class="category" href="/category/zhongguodianzibao.html">中国电子报新闻</a>');
    expect(html).toContain('href="/tag/%E4%B8%AD%E5%9B%BD%E7%94%B5%E5%AD%90%E6%8A%A5%E6%96%B0%E9%97%BB.html">中国电子报新闻</a>');
  });

  it("lists the reference post on its category, tag and home pages", () => {
    const link = `href="/${REFERENCE}"`;
    const category = readOut(out, "category/zhongguodianzibao.html");
    expect(category).toContain("<h1>中国电子报新闻");
    expect(category).toContain(link);
    expect(readOut(out, "tag/中国电子报新闻.html")).toContain(link);
    expect(readOut(out, "index.html")).toContain(link);
  });

  it("lists posts newest first on a category page", () => {
    const category = readOut(out, "category/zhongguodianzibao.html");
    const dates = [...category.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]!);
    expect(dates.length).toBeGreaterThan(2);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("copies public/ and leaves no broken internal link", () => {
    expect(readOut(out, "style.css")).toContain("--font");
    expect(checkLinks(out, { basePath: "/", url: "https://finews.withounder.com" })).toEqual([]);
  });

  it("ends with a summary line of pages by kind", () => {
    const last = stdout.trim().split("\n").pop()!;
    expect(last).toMatch(/^Built 15 posts → \d+ pages \(15 post, 1 home, 4 category, \d+ tag, \d+ archive, .*\) in .* · \d+\.\d\d s$/);
  });
});

describe("a base path", () => {
  it("prefixes every internal link, so the site works from a subfolder", async () => {
    const sub = path.join(tempDir(), "site");
    const run = await runCli(["build", "--out", sub, "--no-search", "--base-url", "/news/"]);
    expect(run.code).toBe(0);
    const html = readOut(sub, REFERENCE);
    expect(html).toContain('href="/news/category/zhongguodianzibao.html"');
    expect(html).toContain('href="/news/style.css"');
    expect(html).not.toMatch(/href="\/(?!news\/)[^"/]/);
    expect(checkLinks(sub, { basePath: "/news/", url: "https://finews.withounder.com" })).toEqual([]);
  });
});
