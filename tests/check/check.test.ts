// `broadsheet check`: every problem of a site as `file:line  message`, a count, exit 1 if any; and
// never a write into the site (no dist/, no cache).

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSite, readTree, runCli, SHARED } from "../helpers/site.js";

const SITE_YML = `url: https://finews.withounder.com
categories:
  zhongguodianzibao: 中国电子报新闻
  emnews: 东方财富网新闻
tags:
  中国电子报新闻: 中国电子报
`;
const post = (front: string, body = "正文"): string => `---\nlayout: post\n${front}\n---\n${body}\n`;

const GOOD = post('title: "好"\ndate: 2022-01-18 10:00:00 +0800\ncategories: zhongguodianzibao\ntags: 中国电子报新闻', "正文\n\n[返回](//finews.withounder.com/category/zhongguodianzibao.html)｜[首页](//finews.withounder.com/)");

const BROKEN: Record<string, string> = {
  "site.yml": SITE_YML,
  "posts/2022-01-18-good.md": GOOD,
  "posts/2022-01-18-links.md": post(
    'title: "链接"\ndate: 2022-01-18 11:00:00 +0800\ncategories: emnews',
    [
      "第一段",
      "[坏链接](//finews.withounder.com/category/nope.html)",
      "![图](/images/missing.png)",
      '<img srcset="/img/a.png 1x, /img/b.png 2x" src="https://example.com/x.png">',
      "[相对](../../gone/)",
      "[中文](/category/不存在.html)",
      "[外部](https://example.com/nope) [好的](/category/emnews.html) [锚点](#x)",
      "```\n<a href=/in/a/code/block>\n```",
    ].join("\n\n"),
  ),
  "posts/2022-01-18-yaml.md": post("title: a: b\ndate: 2022-01-18"),
  "posts/2022-01-18-date.md": post('title: "坏日期"\ndate: 2022-13-45'),
  "posts/2022-01-19-dup.md": post('title: "重复"\ndate: 2022-01-19 10:00:00 +0800\nslug: same'),
  "posts/2022-01-19-dup2.md": post('title: "重复2"\ndate: 2022-01-19 11:00:00 +0800\nslug: same'),
  "posts/2022-01-20-unknown.md": post('title: "未知"\ndate: 2022-01-20 10:00:00 +0800\ncategories: zhongguodianzibo\ntags: 中国电子报'),
  "templates/partials/footer.njk": '<footer><a href="{{ site.home }}about.html">关于</a></footer>\n',
};

describe("broadsheet check", () => {
  it("reports nothing for a sound site, exits 0, and writes nothing into it", async () => {
    const root = makeSite({ "site.yml": SITE_YML, "posts/2022-01-18-good.md": GOOD });
    const before = [...readTree(root).keys()];
    const run = await runCli(["check"], { cwd: root });
    expect(run.stdout).toMatch(/^No problems: 1 post, \d+ pages checked in \d+\.\d\d s\n$/);
    expect(run.code).toBe(0);
    expect([...readTree(root).keys()]).toEqual(before);
  });

  it("reports every problem as file:line, broken links at the line of the post that holds them, and a count", async () => {
    const root = makeSite(BROKEN);
    const before = [...readTree(root).keys()];
    const run = await runCli(["check"], { cwd: root });
    expect(run.code).toBe(1);
    const heads = run.stdout.split("\n").filter((line) => line && !line.startsWith("    hint:"));
    expect(heads).toEqual([
      expect.stringMatching(/^\/\S+\.html:\d+  broken link "\/about.html" in a generated page \(and \d+ more\): no page about.html$/),
      'posts/2022-01-18-date.md:4:1  bad date: month 13 does not exist in "2022-13-45"',
      'posts/2022-01-18-links.md:9  broken link "/category/nope.html": no page category/nope.html',
      'posts/2022-01-18-links.md:11  broken link "/images/missing.png": no page images/missing.png',
      'posts/2022-01-18-links.md:13  broken link "/img/a.png": no page img/a.png',
      'posts/2022-01-18-links.md:13  broken link "/img/b.png": no page img/b.png',
      'posts/2022-01-18-links.md:15  broken link "../../gone/": no page emnews/2022/gone/index.html',
      'posts/2022-01-18-links.md:17  broken link "/category/%E4%B8%8D%E5%AD%98%E5%9C%A8.html": no page category/不存在.html',
      "posts/2022-01-18-yaml.md:3:9  front matter is not valid YAML: bad indentation of a mapping entry",
      "posts/2022-01-19-dup2.md  URL /2022/01/19/same.html is already taken by posts/2022-01-19-dup.md; this post is skipped",
      'posts/2022-01-20-unknown.md:5  warning: category "zhongguodianzibo" is not registered; closest: zhongguodianzibao (中国电子报新闻)',
      'posts/2022-01-20-unknown.md:6  warning: tag "中国电子报" is not registered; closest: 中国电子报新闻 (中国电子报)',
      expect.stringMatching(/^12 problems \(10 errors, 2 warnings\): 4 posts, \d+ pages checked in \d+\.\d\d s$/),
    ]);
    // Every page has the footer: reported once, with the number of other pages that have it.
    expect(Number(heads[0]!.match(/and (\d+) more/)![1])).toBeGreaterThan(10);
    expect(run.stdout).toContain("    hint: the link comes from a template (templates/) or public/: correct it there");
    expect([...readTree(root).keys()]).toEqual(before);
  });

  it("reports a template that does not compile, with its file and line", async () => {
    const root = makeSite({ "posts/2022-01-18-good.md": GOOD, "templates/post.njk": '{% extends "base.njk" %}\n{% block main %}\n{% if post.title %}\n{% endblock %}\n' });
    const run = await runCli(["check"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^templates\/post\.njk:\d+:\d+  .+\n/);
    expect(run.stdout).toMatch(/\n1 problem \(1 error, 0 warnings\): 0 posts, 0 pages checked in/);
  });

  it("checks the real finews sample in place without writing into it, mapping its broken links to their lines", async () => {
    const sample = path.join(SHARED, "real", "finews-sample");
    const before = [...readTree(sample).keys()];
    const run = await runCli(["check"], { cwd: sample });
    expect(run.code).toBe(1);
    // Links that were already broken on the published site: `/emnews/` has no page, and `../` from a post's folder.
    expect(run.stdout).toContain('_posts/2021-12-08-202112082206891339.md:13  broken link "/emnews/": no page emnews/index.html\n');
    expect(run.stdout).toContain('_posts/2021-12-08-202112082206935178.md:13  broken link "../emnews/": no page emnews/2021/12/emnews/index.html\n');
    expect(readFileSync(path.join(sample, "_posts/2021-12-08-202112082206935178.md"), "utf8").split("\n")[12]).toBe("[返回东财滚动新闻](../emnews/)");
    expect(run.stdout).toContain('_posts/2021-12-01-init.md:5  warning: category "sitenews" is not registered; nothing registered is close in spelling\n');
    expect(run.stdout).toMatch(/\n77 problems \(75 errors, 2 warnings\): 45 posts, \d+ pages checked in/);
    expect([...readTree(sample).keys()]).toEqual(before);
  });

  it("prints help, and rejects unknown flags (exit 2)", async () => {
    const help = await runCli(["check", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: broadsheet check [options]");
    const bad = await runCli(["check", "--out", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("broadsheet: Unknown option '--out'");
  });
});
