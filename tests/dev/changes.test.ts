// Which output files each kind of change touches: consecutive builds of one builder on a small site,
// compared through the files each build wrote and deleted (summary.changes), as the preview reloads them.

import { appendFileSync, cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { build, createBuilder, type Builder } from "../../src/build.js";
import type { BuildSummary } from "../../src/types.js";
import { makeSite, post, REPO, readOut, readTree, tempDir } from "../helpers/site.js";

// Six posts over two categories, one a day, so every post has neighbours and shares listings.
const POSTS: Record<string, string> = {
  "posts/2024-03-01-a1.md": post({ title: "甲一", date: "2024-03-01 09:00:00 +0800", categories: "alpha", tags: "[红]" }),
  "posts/2024-03-02-b1.md": post({ title: "乙一", date: "2024-03-02 09:00:00 +0800", categories: "beta", tags: "[蓝]" }),
  "posts/2024-03-03-a2.md": post({ title: "甲二", date: "2024-03-03 09:00:00 +0800", categories: "alpha", tags: "[红]" }),
  "posts/2024-03-04-b2.md": post({ title: "乙二", date: "2024-03-04 09:00:00 +0800", categories: "beta", tags: "[蓝]" }),
  "posts/2024-03-05-a3.md": post({ title: "甲三", date: "2024-03-05 09:00:00 +0800", categories: "alpha", tags: "[红]" }),
  "posts/2024-04-06-b3.md": post({ title: "乙三", date: "2024-04-06 09:00:00 +0800", categories: "beta", tags: "[蓝]" }),
  "site.yml": "title: 测试站\nurl: https://example.org\n",
};
const NOW = Date.parse("2024-06-01T00:00:00Z");

let root: string;
let builder: Builder;
// The search index (rebuilt whole by Pagefind whenever a post page changes) is left out: these tests are about pages.
const open = (options: { keepLastGood?: boolean } = {}): Builder => (builder = createBuilder({ root, out: path.join(root, "out"), cacheDir: false, workers: 0, now: NOW, search: false }, options));
const file = (name: string): string => path.join(root, name);
const edit = (name: string, from: string, to: string): void => writeFileSync(file(name), readFileSync(file(name), "utf8").replace(from, to));
const written = (summary: BuildSummary): Set<string> => new Set(summary.changes.written);
const postPage = (category: string, day: string, slug: string): string => `${category}/2024/${day}/${slug}.html`;

beforeEach(async () => {
  root = makeSite(POSTS, tempDir());
  cpSync(path.join(REPO, "templates"), file("templates"), { recursive: true });
  cpSync(path.join(REPO, "public"), file("public"), { recursive: true });
  open();
  await builder.build();
});
afterEach(async () => {
  await builder.close();
  rmSync(root, { recursive: true, force: true });
});

describe("a post edit", () => {
  it("rewrites its page, its neighbours, its listings and feeds, and leaves unrelated posts alone", async () => {
    edit("posts/2024-03-03-a2.md", "甲二", "甲二（更正）");
    const changes = written(await builder.build());
    for (const page of [
      postPage("alpha", "03/03", "a2"), // itself
      postPage("beta", "03/02", "b1"), // older in time
      postPage("beta", "03/04", "b2"), // newer in time
      "index.html",
      "category/alpha.html",
      "tag/红.html",
      "archive/2024/index.html",
      "archive/2024/03/index.html",
      "archive/2024/03/03/index.html",
      "feed.xml",
      "feed.json",
    ]) {
      expect(changes, page).toContain(page);
    }
    for (const page of [postPage("beta", "04/06", "b3"), "category/beta.html", "tag/蓝.html", "archive/2024/04/index.html", "style.css"]) expect(changes, page).not.toContain(page);
    expect(readOut(path.join(root, "out"), postPage("alpha", "03/03", "a2"))).toContain("甲二（更正）");
  });

  it("writes nothing when the file is saved unchanged", async () => {
    edit("posts/2024-03-03-a2.md", "甲二", "甲二");
    const summary = await builder.build();
    expect(summary.changes).toEqual({ written: [], deleted: [] });
  });
});

describe("a new post", () => {
  it("gets its page and appears in every listing it belongs to", async () => {
    writeFileSync(file("posts/2024-04-07-a4.md"), post({ title: "甲四", date: "2024-04-07 09:00:00 +0800", categories: "alpha", tags: "[红]" }));
    const summary = await builder.build();
    const changes = written(summary);
    for (const page of [postPage("alpha", "04/07", "a4"), postPage("beta", "04/06", "b3"), "index.html", "category/alpha.html", "tag/红.html", "archive/2024/04/index.html", "archive/2024/04/07/index.html", "feed.xml", "sitemap.xml"]) {
      expect(changes, page).toContain(page);
    }
    expect(changes).not.toContain(postPage("beta", "03/02", "b1")); // shares no term with it, and is no neighbour
    expect(summary.changes.deleted).toEqual([]);
    expect(readOut(path.join(root, "out"), "index.html")).toContain("甲四");
  });
});

describe("a deleted or renamed post", () => {
  it("deletes the page of a deleted post and updates the listings", async () => {
    rmSync(file("posts/2024-04-06-b3.md"));
    const summary = await builder.build();
    expect(summary.changes.deleted).toContain(postPage("beta", "04/06", "b3"));
    expect(summary.changes.deleted).toContain("archive/2024/04/06/index.html");
    expect(written(summary)).toContain("index.html");
    expect(written(summary)).toContain("category/beta.html");
    expect(readOut(path.join(root, "out"), "index.html")).not.toContain("乙三");
  });

  it("moves the page of a renamed post: the old URL deleted, the new one written", async () => {
    renameSync(file("posts/2024-03-05-a3.md"), file("posts/2024-03-05-a3-renamed.md"));
    const summary = await builder.build();
    expect(summary.changes.deleted).toEqual([postPage("alpha", "03/05", "a3")]);
    expect(written(summary)).toContain(postPage("alpha", "03/05", "a3-renamed"));
    expect(written(summary)).toContain("index.html");
  });
});

describe("a template change", () => {
  const posts = (changes: Set<string>): string[] => [...changes].filter((f) => /^(alpha|beta)\//.test(f));

  it("re-renders only the pages whose template includes the changed partial", async () => {
    appendFileSync(file("templates/partials/item.njk"), "\n<!-- item changed -->");
    const changes = written(await builder.build());
    expect(changes).toContain("index.html");
    expect(changes).toContain("category/alpha.html");
    expect(posts(changes)).toEqual([]);
  });

  it("re-renders every page when the base template they extend changes", async () => {
    edit("templates/base.njk", "</main>", "</main><!-- base changed -->");
    const changes = written(await builder.build());
    expect(posts(changes)).toHaveLength(6);
    for (const page of ["index.html", "404.html", "category/alpha.html", "archive/index.html"]) expect(changes).toContain(page);
    expect(readOut(path.join(root, "out"), "404.html")).toContain("<!-- base changed -->");
  });

  it("re-renders only post pages when post.njk changes", async () => {
    edit("templates/post.njk", "{% block main %}", "{% block main %}<!-- post changed -->");
    const changes = written(await builder.build());
    expect(posts(changes)).toHaveLength(6);
    expect([...changes].filter((f) => !/^(alpha|beta)\//.test(f))).toEqual([]);
  });
});

describe("a public/ file", () => {
  it("copies only that file", async () => {
    appendFileSync(file("public/style.css"), "\n/* changed */\n");
    writeFileSync(file("public/logo.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    const summary = await builder.build();
    expect([...summary.changes.written].sort()).toEqual(["logo.svg", "style.css"]);
    rmSync(file("public/logo.svg"));
    expect((await builder.build()).changes.deleted).toEqual(["logo.svg"]);
  });
});

describe("site.yml", () => {
  it("re-renders every page that shows the site's title", async () => {
    edit("site.yml", "title: 测试站", "title: 新站名");
    const summary = await builder.build();
    const changes = written(summary);
    expect([...changes].filter((f) => f.endsWith(".html")).length).toBe(summary.pages.post! + summary.pages.home! + summary.pages.category! + summary.pages.tag! + summary.pages.archive! + summary.pages.index! + 2);
    expect(changes).toContain("feed.xml");
  });
});

describe("a build told which posts changed (the watcher's hint)", () => {
  it("writes exactly what a build that walks the posts folder writes", async () => {
    const other = path.join(tempDir(), "site");
    cpSync(root, other, { recursive: true });
    const twin = createBuilder({ root: other, out: path.join(other, "out"), cacheDir: false, workers: 0, now: NOW, search: false });
    try {
      await twin.build();
      for (const site of [root, other]) {
        writeFileSync(path.join(site, "posts/2024-04-07-a4.md"), post({ title: "甲四", date: "2024-04-07 09:00:00 +0800", categories: "alpha" }));
        rmSync(path.join(site, "posts/2024-03-02-b1.md"));
        writeFileSync(path.join(site, "posts/notes.txt"), "not a post");
      }
      const hinted = await builder.build({ posts: ["2024-04-07-a4.md", "2024-03-02-b1.md", "notes.txt"].map((name) => file(`posts/${name}`)) });
      const walked = await twin.build();
      expect(hinted.changes).toEqual(walked.changes);
      expect(hinted.posts).toBe(6);
    } finally {
      await twin.close();
    }
  });
});

describe("a build told which pages are open", () => {
  it("commits those pages first, then the rest, and reports them all", async () => {
    const out = path.join(root, "out");
    writeFileSync(file("posts/2024-04-07-a4.md"), post({ title: "甲四", date: "2024-04-07 09:00:00 +0800", categories: "alpha", tags: "[红]" }));
    const early: { files: string[]; home: string; category: string }[] = [];
    const summary = await builder.build({
      open: new Set(["index.html", "no/such/page.html"]),
      committed: (files) => early.push({ files, home: readOut(out, "index.html"), category: readOut(out, "category/alpha.html") }),
    });
    expect(early).toHaveLength(1);
    expect(early[0]!.files).toEqual(["index.html"]);
    expect(early[0]!.home).toContain("甲四");
    expect(early[0]!.category).not.toContain("甲四"); // not yet: the rest comes after
    expect(written(summary)).toContain("index.html");
    expect(written(summary)).toContain("category/alpha.html");
    expect(readOut(out, "category/alpha.html")).toContain("甲四");
  });
});

describe("an open page in a build that replaces the whole output", () => {
  it("still goes first, and the output is then exactly a cold build's", async () => {
    edit("site.yml", "测试站", "新站名"); // every page changes: a full build into a staging folder
    const early: { files: string[]; home: string }[] = [];
    const summary = await builder.build({ open: new Set(["index.html"]), committed: (files) => early.push({ files, home: readOut(path.join(root, "out"), "index.html") }) });
    expect(early).toHaveLength(1);
    expect(early[0]!.files).toEqual(["index.html"]);
    expect(early[0]!.home).toContain("新站名");
    expect(written(summary)).toContain("index.html");
    const cold = path.join(tempDir(), "cold");
    await build({ root, out: cold, cacheDir: false, workers: 0, now: NOW, search: false });
    expect(readTree(path.join(root, "out"))).toEqual(readTree(cold));
  });
});

describe("a post that stops parsing (keepLastGood)", () => {
  it("keeps its last good page while reporting the error, and updates it once fixed", async () => {
    await builder.close();
    open({ keepLastGood: true });
    await builder.build();
    const page = postPage("alpha", "03/03", "a2");
    writeFileSync(file("posts/2024-03-03-a2.md"), "---\ntitle: [broken\ndate: 2024-03-03\n---\nbody\n");
    const broken = await builder.build();
    expect(broken.skipped.map((p) => [p.code, p.file?.endsWith("2024-03-03-a2.md"), typeof p.line])).toEqual([["yaml", true, "number"]]);
    expect(broken.changes).toEqual({ written: [], deleted: [] });
    expect(readOut(path.join(root, "out"), page)).toContain("甲二");
    writeFileSync(file("posts/2024-03-03-a2.md"), post({ title: "甲二修好", date: "2024-03-03 09:00:00 +0800", categories: "alpha", tags: "[红]" }));
    const fixed = await builder.build();
    expect(fixed.skipped).toEqual([]);
    expect(readOut(path.join(root, "out"), page)).toContain("甲二修好");
  });

  it("is skipped, its page deleted, without keepLastGood (the CLI build)", async () => {
    writeFileSync(file("posts/2024-03-03-a2.md"), "---\ntitle: [broken\n---\nbody\n");
    const summary = await builder.build();
    expect(summary.changes.deleted).toContain(postPage("alpha", "03/03", "a2"));
  });
});
