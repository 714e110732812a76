// Where the build cache lives by default: in the site root, or beside the output when the root
// cannot be written to; never inside the output.
import { chmodSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFolder } from "../../src/cache/location.js";
import type { SitePaths } from "../../src/types.js";
import { makeSite, post, runCli, tempDir } from "../helpers/site.js";

const SITE = { "site.yml": "title: 缓存\nurl: https://news.example.com\n", "posts/a.md": post({ title: "甲", date: "2022-01-18 14:05:51 +0800", categories: "c" }) };

describe("the cache's default folder", () => {
  it("is <root>/.broadsheet-cache, also when --out is outside the root", async () => {
    const root = makeSite(SITE);
    const parent = tempDir();
    const out = path.join(parent, "site");
    const run = await runCli(["build", "--root", root, "--out", out, "--no-search", "--quiet"]);
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(root, ".broadsheet-cache")).length).toBeGreaterThan(0);
    expect(readdirSync(parent).sort()).toEqual(["site"]);
  });

  it("is beside the output when the root cannot be written to", () => {
    const root = makeSite(SITE);
    const out = path.join(tempDir(), "public");
    const paths = (outDir: string): SitePaths => ({ root, posts: path.join(root, "posts"), templates: [], public: [], out: outDir });
    // No write bit: read-only even for root, whom access() lets write anywhere (CI runs as root).
    chmodSync(root, 0o555);
    try {
      expect(cacheFolder(paths(out), undefined)).toBe(path.join(path.dirname(out), ".public.broadsheet-cache"));
      expect(cacheFolder(paths(path.join(root, "dist")), undefined)).toBe(path.join(root, ".broadsheet-cache"));
    } finally {
      chmodSync(root, 0o755);
    }
  });

  it("is not made at all with --no-cache", async () => {
    const root = makeSite(SITE);
    const out = path.join(tempDir(), "site");
    expect((await runCli(["build", "--root", root, "--out", out, "--no-cache", "--no-search", "--quiet"])).code).toBe(0);
    expect(existsSync(path.join(root, ".broadsheet-cache"))).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual(["site"]);
  });
});
