// Bad input: one bad post never stops the news; collisions are resolved the same way whatever the
// order; --strict turns every problem into a failure that leaves the output untouched.
import { mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { treeDigest } from "../helpers/outcome.js";
import { makeSite, post, readOut, readTree, runCli, tempDir } from "../helpers/site.js";

const good = (n: number) => post({ title: `好消息${n}`, date: `2022-01-1${n} 10:00:00 +0800`, categories: "news" });

describe("a bad post among good ones", () => {
  const files = {
    "posts/2022-01-11-a.md": good(1),
    "posts/2022-01-12-b.md": good(2),
    "posts/2022-01-13-bad.md": "---\ntitle: 坏: 冒号\ndate: 2022-01-13 10:00:00 +0800\n---\nbody",
    "posts/2022-01-14-baddate.md": "---\ntitle: 日期\ndate: 2022-02-30\n---\nbody",
  };

  it("is skipped and named with line, column and hint; the others are built", async () => {
    const root = makeSite(files);
    const run = await runCli(["build", "--no-search", "--no-cache"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("posts/2022-01-13-bad.md:2:9  front matter is not valid YAML: bad indentation of a mapping entry (skipped)\n    hint: quote values");
    expect(run.stderr).toContain("posts/2022-01-14-baddate.md:3:1  bad date: day 30 does not exist in 2022-02 (skipped)\n    hint: write e.g. date: 2022-01-18 14:05:51 +0800");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).toMatch(/Built 2 posts .* skipped 2 posts \(1 yaml, 1 date\)/);
    expect(readOut(path.join(root, "dist"), "index.html")).toContain("好消息1");
    expect(readOut(path.join(root, "dist"), "index.html")).toContain("好消息2");
  });

  it("fails the build under --strict and leaves dist/ untouched", async () => {
    const root = makeSite({ "posts/2022-01-11-a.md": good(1) });
    expect((await runCli(["build", "--no-search"], { cwd: root })).code).toBe(0);
    const before = readTree(path.join(root, "dist"));
    makeSite({ "posts/2022-01-13-bad.md": files["posts/2022-01-13-bad.md"], "posts/2022-01-12-b.md": good(2) }, root);
    const run = await runCli(["build", "--no-search", "--strict"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("posts/2022-01-13-bad.md:2:9  front matter is not valid YAML");
    expect(run.stderr).toContain("--strict: 1 problem(s); nothing was written");
    expect(readTree(path.join(root, "dist"))).toEqual(before);
  });

  it("turns warnings into failures under --strict", async () => {
    const root = makeSite({ "posts/2022-01-11-a.md": "---\ndate: 2022-01-11 10:00:00 +0800\n---\nno title" });
    const loose = await runCli(["build", "--no-search"], { cwd: root });
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain('posts/2022-01-11-a.md  warning: post has no title; using its file name "a"');
    const strict = await runCli(["build", "--no-search", "--strict"], { cwd: root });
    expect(strict.code).toBe(1);
  });
});

describe("two posts with one URL", () => {
  const older = post({ title: "旧", date: "2022-01-18 09:00:00 +0800", categories: "news" });
  const newer = post({ title: "新", date: "2022-01-18 10:00:00 +0800", categories: "news", extra: "slug: same" });

  it.each([
    ["newer read first", { "posts/a.md": newer, "posts/z.md": older.replace("categories: news", "categories: news\nslug: same") }],
    ["older read first", { "posts/a.md": older.replace("categories: news", "categories: news\nslug: same"), "posts/z.md": newer }],
  ])("the older keeps the URL and both files are named (%s)", async (_, files) => {
    const root = makeSite(files);
    const run = await runCli(["build", "--no-search", "--no-cache"], { cwd: root });
    expect(run.code).toBe(0);
    const newerFile = Object.entries(files).find(([, text]) => text.includes("title: \"新\""))![0];
    const olderFile = Object.entries(files).find(([, text]) => text.includes("title: \"旧\""))![0];
    expect(run.stderr).toContain(`${newerFile}  URL /news/2022/01/18/same.html is already taken by ${olderFile}; this post is skipped (skipped)`);
    expect(readOut(path.join(root, "dist"), "news/2022/01/18/same.html")).toContain("<h1 class=\"post-title\">旧</h1>");
  });

  it("a post and a generated page: the page keeps the URL, the post is named", async () => {
    const root = makeSite({
      "posts/2022-01-18-a.md": post({ title: "占位", date: "2022-01-18 09:00:00 +0800", categories: "news", extra: "permalink: /category/news.html" }),
    });
    const run = await runCli(["build", "--no-search", "--no-cache"], { cwd: root });
    expect(run.stderr).toContain('posts/2022-01-18-a.md  URL /category/news.html is also the category page of "news"; this post is skipped (skipped)');
    expect(run.code).toBe(0);
  });

  it("fails under --strict", async () => {
    const root = makeSite({ "posts/a.md": newer, "posts/z.md": older.replace("categories: news", "categories: news\nslug: same") });
    expect((await runCli(["build", "--no-search", "--strict"], { cwd: root })).code).toBe(1);
    expect(readdirSync(root)).not.toContain("dist");
  });
});

describe("fatal errors", () => {
  it("a template error names the template and line, and leaves dist/ as it was", async () => {
    const root = makeSite({ "posts/2022-01-11-a.md": good(1) });
    expect((await runCli(["build", "--no-search"], { cwd: root })).code).toBe(0);
    const before = readTree(path.join(root, "dist"));
    makeSite({ "templates/post.njk": '{% extends "base.njk" %}\n{% block main %}\n{{ post.titel }}\n{% endblock %}\n' }, root);
    const run = await runCli(["build", "--no-search"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("templates/post.njk:3:1  attempted to output null or undefined value\n    hint: the template outputs a value that does not exist");
    expect(run.stderr).toContain("Build failed: the output folder was left as it was.");
    expect(readTree(path.join(root, "dist"))).toEqual(before);
  });

  it("a bad site.yml names the key", async () => {
    const root = makeSite({ "posts/a.md": good(1), "site.yml": "title: X\npermalinks:\n  postt: /x/\n" });
    const run = await runCli(["build"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("site.yml:3:3  permalinks.postt: unknown key\n    hint: known keys of permalinks: post, category, tag, page, year, month, day");
  });

  it.each([
    [".", "/ROOT  the output folder is the site folder"],
    ["..", "/PARENT  the output folder holds the site folder /ROOT"],
    ["posts", "posts  the output folder is the posts folder"],
    ["posts/2022", "posts/2022  the output folder is inside the posts folder posts"],
    ["templates", "templates  the output folder is the templates folder"],
    ["public/assets", "public/assets  the output folder is inside the public folder public"],
    ["_drafts", "_drafts  the output folder is the drafts folder"],
    ["site.yml", "site.yml  the output folder is a file"],
    ["category", "category  the output folder is the category pages folder"],
    // A symlink beside the site that leads to it.
    ["/ROOT-link", "/ROOT-link  the output folder is the site folder"],
  ])("--out %s is refused, and the site is left exactly as it was", async (out, message) => {
    // The site sits one level inside a folder of its own: should the check ever fail, `..` replaces that folder, not the system's temp folder.
    const root = makeSite({ "posts/2022-01-11-a.md": good(1), "templates/partials/footer.njk": "<footer>f</footer>", "public/assets/x.txt": "x", "_drafts/d.md": good(2), "site.yml": "title: T\n", "category/news.md": "---\nlayout: category\ncategory: news\ntitle: 新闻\n---\n" }, path.join(tempDir(), "site"));
    symlinkSync(root, `${root}-link`);
    const before = treeDigest(root);
    const run = await runCli(["build", "--no-search", "--out", out.replace("/ROOT", root)], { cwd: root });
    expect(run.code).toBe(1);
    const shown = message.replace("/ROOT", root).replace("/PARENT", path.dirname(root));
    expect(run.stderr).toContain(`${shown}; a build replaces its whole output folder\n    hint: write the site to a folder of its own, e.g. --out dist (the default)`);
    expect(treeDigest(root)).toBe(before);
  });

  it.each([
    ["a folder of other files", { "notes.txt": "precious" }],
    ["another generator's site", { "index.html": "<h1>hi</h1>", "feed.xml": '<?xml version="1.0"?><feed><generator>Hugo</generator></feed>' }],
  ])("--out to %s is refused, and its files are kept", async (_, files) => {
    const root = makeSite({ "posts/2022-01-11-a.md": good(1) });
    const out = path.join(tempDir(), "www");
    makeSite(files, out);
    const before = treeDigest(out);
    const run = await runCli(["build", "--no-search", "--no-cache", "--out", out], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${out}  the output folder holds files no broadsheet build wrote (it has no feed.xml or rss.xml of ours); a build replaces its whole output folder\n    hint: build into a new or empty folder`);
    expect(treeDigest(out)).toBe(before);
    // An empty folder, and then the output of a build, are replaced as before.
    const empty = path.join(tempDir(), "empty");
    mkdirSync(empty);
    expect((await runCli(["build", "--no-search", "--no-cache", "--out", empty], { cwd: root })).code).toBe(0);
    writeFileSync(path.join(root, "posts/2022-01-12-b.md"), good(2));
    expect((await runCli(["build", "--no-search", "--no-cache", "--out", empty], { cwd: root })).code).toBe(0);
    expect(readOut(empty, "index.html")).toContain("好消息2");
    // Its Atom feed deleted by hand, the output is still ours (its RSS feed says so), and rebuilt whole.
    rmSync(path.join(empty, "feed.xml"));
    expect((await runCli(["build", "--no-search", "--no-cache", "--out", empty], { cwd: root })).code).toBe(0);
    expect(readOut(empty, "feed.xml")).toContain("好消息2");
  });

  it.each([
    ["dist/.cache", "is inside"],
    ["dist", "is"],
    ["dist-link/cache", "is inside"],
  ])("--cache-dir %s (in the output folder: replaced by a full build, published with the site) is refused", async (cacheDir, how) => {
    const root = makeSite({ "posts/2022-01-11-a.md": good(1) });
    expect((await runCli(["build", "--no-search", "--no-cache"], { cwd: root })).code).toBe(0);
    symlinkSync(path.join(root, "dist"), path.join(root, "dist-link"));
    const before = treeDigest(root);
    const run = await runCli(["build", "--no-search", "--cache-dir", cacheDir], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${cacheDir}  the cache folder ${how} the output folder dist; a build replaces that folder whole, and publishes what is in it\n    hint: keep the cache outside the output`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(treeDigest(root)).toBe(before);
  });

  it("--posts . (posts in the site folder itself) still builds into dist/ inside it", async () => {
    const root = makeSite({ "2022-01-11-a.md": good(1) });
    const run = await runCli(["build", "--no-search", "--posts", "."], { cwd: root });
    expect(run.code).toBe(0);
    expect(readOut(path.join(root, "dist"), "news/2022/01/11/a.html")).toContain("好消息1");
  });

  it("a site.yml that is a folder is a config error, not a crash", async () => {
    const root = makeSite({ "posts/a.md": good(1), "site.yml/x": "y" });
    const run = await runCli(["build", "--no-search"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("site.yml  site.yml is a folder, not a file\n    hint: make site.yml a YAML file of settings, or remove it to use the defaults");
  });

  it("a wrong type in site.yml names the key", async () => {
    const root = makeSite({ "posts/a.md": good(1), "site.yml": "page_size: many\n" });
    const run = await runCli(["build"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('site.yml:1:1  page_size: expected a whole number of at least 1, got "many"');
  });
});

describe("an interrupted build", () => {
  it("leaves the previous dist/ complete (killed mid-build)", async () => {
    const root = makeSite({});
    const posts: Record<string, string> = {};
    for (let i = 0; i < 600; i++) posts[`posts/2022-01-01-p${i}.md`] = post({ title: `第${i}篇`, date: "2022-01-01 10:00:00 +0800", categories: `c${i % 7}` }, "<p>正文</p>".repeat(50));
    makeSite(posts, root);
    expect((await runCli(["build", "--no-search", "--no-cache"], { cwd: root })).code).toBe(0);
    const before = readTree(path.join(root, "dist"));
    writeFileSync(path.join(root, "posts/2022-01-01-p0.md"), post({ title: "改了", date: "2022-01-01 10:00:00 +0800" }));
    renameSync(path.join(root, "posts/2022-01-01-p1.md"), path.join(root, "posts/2022-01-01-renamed.md"));
    const { startCli } = await import("../helpers/site.js");
    const child = startCli(["build", "--no-search", "--no-cache"], { cwd: root });
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    expect(readTree(path.join(root, "dist"))).toEqual(before);
    expect((await runCli(["build", "--no-search"], { cwd: root })).code).toBe(0);
    expect(readdirSync(root).filter((name) => /staging|patch|journal/.test(name))).toEqual([]);
    expect(readOut(path.join(root, "dist"), "2022/01/01/p0.html")).toContain("改了");
  });
});
