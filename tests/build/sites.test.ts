// Site folders: a bare folder of posts, a read-only root, another folder's posts, the library API.
import { chmodSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSite, post, readOut, REPO, runCli, SHARED, tempDir } from "../helpers/site.js";

describe("a site folder that holds only posts/", () => {
  it("falls back to the bundled templates, public files and defaults", async () => {
    const root = makeSite({ "posts/2022-01-18-a.md": post({ title: "孤零零", categories: "x" }) });
    const run = await runCli(["build", "--root", root, "--no-search"]);
    expect(run.code).toBe(0);
    const out = path.join(root, "dist");
    expect(readOut(out, "x/2022/01/18/a.html")).toContain("孤零零");
    expect(readOut(out, "style.css")).toBe(readFileSync(path.join(REPO, "public/style.css"), "utf8"));
  });

  it("uses its own templates and public files first", async () => {
    const root = makeSite({
      "posts/2022-01-18-a.md": post({ title: "A" }),
      "templates/partials/footer.njk": "<footer>自己的页脚</footer>",
      "public/style.css": "body{}",
    });
    expect((await runCli(["build", "--root", root, "--no-search"])).code).toBe(0);
    expect(readOut(path.join(root, "dist"), "index.html")).toContain("自己的页脚");
    expect(readOut(path.join(root, "dist"), "style.css")).toBe("body{}");
  });
});

describe("a static file where broadsheet generates a page", () => {
  it("is not copied, and a warning names it; --strict fails", async () => {
    const root = makeSite({ "posts/2022-01-18-a.md": post({ title: "A" }), "public/404.html": "<p>mine</p>", "public/feed.xml": "<feed/>", "public/logo.txt": "ok" });
    const run = await runCli(["build", "--root", root, "--no-search"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/public\/404\.html {2}warning: is not copied: broadsheet generates 404\.html itself/);
    expect(run.stderr).toContain("public/feed.xml");
    const out = path.join(root, "dist");
    expect(readOut(out, "404.html")).not.toContain("mine");
    expect(readOut(out, "logo.txt")).toBe("ok");
    expect((await runCli(["build", "--root", root, "--no-search", "--strict"])).code).toBe(1);
  });
});

describe("a read-only root with --out elsewhere", () => {
  it("gets nothing written into it: no cache, no lock, no temporary files", async () => {
    const root = makeSite({ "posts/2022-01-18-a.md": post({ title: "A" }), "site.yml": "title: 只读\n" });
    const before = readdirSync(root, { recursive: true }).sort();
    chmodSync(root, 0o555);
    try {
      const out = path.join(tempDir(), "out");
      const first = await runCli(["build", "--root", root, "--out", out, "--no-search"]);
      expect(first.code).toBe(0);
      const second = await runCli(["build", "--root", root, "--out", out, "--no-search"]);
      expect(second.code).toBe(0);
      expect(readdirSync(root, { recursive: true }).sort()).toEqual(before);
      expect(readOut(out, "index.html")).toContain("只读");
    } finally {
      chmodSync(root, 0o755);
    }
  });
});

describe("--posts from another folder", () => {
  it("builds every post of the real archive sample, none skipped", async () => {
    const out = path.join(tempDir(), "real");
    const posts = path.join(SHARED, "real/finews-sample/_posts");
    const run = await runCli(["build", "--posts", posts, "--out", out, "--no-search"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const count = readdirSync(posts).filter((name) => name.endsWith(".md")).length;
    expect(count).toBe(45);
    expect(run.stdout).toMatch(new RegExp(`^Built ${count} posts → .*\\(${count} post,`, "m"));
    expect(run.stdout).not.toContain("skipped");
    expect(readOut(out, "emnews/2021/12/08/202112082206704122.html")).toContain("华尔街最高！大摩上调苹果目标价至200美元 VR和自动驾驶将发力");
  });
});

describe("the library", () => {
  it("runs the same build from code and returns the summary", async () => {
    // The package imports itself by name, as a user's code would.
    const { build } = await import("broadsheet");
    const out = path.join(tempDir(), "lib");
    const summary = await build({ root: REPO, out, search: false, cacheDir: false });
    expect(summary.ok).toBe(true);
    expect(summary.posts).toBe(15);
    expect(summary.pages.post).toBe(15);
    expect(readOut(out, "zhongguodianzibao/2022/01/18/202201182251841262.html")).toContain("江西");
  });

  it("rejects with a BuildError carrying the problem", async () => {
    const { build, BuildError } = await import("broadsheet");
    const error = await build({ root: "/nonexistent" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as InstanceType<typeof BuildError>).problem).toMatchObject({ code: "no-root", severity: "error" });
  });
});
