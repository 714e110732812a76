// The post walk's file facts come through Node's fs binding, not fs.statSync: they must be exactly what
// fs.statSync says, for every kind of entry, fail as it fails, and never make Node print a warning.
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { factsByBinding, fileFacts } from "../../src/file-facts.js";
import { makeSite, post, readTree, runCli, tempDir } from "../helpers/site.js";

describe("file facts", () => {
  it("are read through the binding on this Node, and equal fs.statSync's for every kind of entry", () => {
    expect(factsByBinding()).toBe(true);
    const dir = tempDir();
    writeFileSync(path.join(dir, "post.md"), "---\ntitle: 甲\n---\n正文");
    mkdirSync(path.join(dir, "folder"));
    symlinkSync(path.join(dir, "post.md"), path.join(dir, "link.md"));
    symlinkSync(path.join(dir, "folder"), path.join(dir, "link-folder"));
    execFileSync("mkfifo", [path.join(dir, "fifo")]);
    for (const entry of ["post.md", "folder", "link.md", "link-folder", "fifo", "/dev/null"]) {
      const full = path.resolve(dir, entry);
      const stats = statSync(full);
      expect(fileFacts(full), entry).toStrictEqual({ kind: stats.isFile() ? "file" : stats.isDirectory() ? "folder" : "other", size: stats.size, mtimeMs: stats.mtimeMs });
    }
  });

  it("fail as fs.statSync fails: missing files and broken links", () => {
    const dir = tempDir();
    symlinkSync(path.join(dir, "nowhere.md"), path.join(dir, "broken.md"));
    for (const entry of ["missing.md", "broken.md"]) {
      const full = path.join(dir, entry);
      let expected: unknown;
      try {
        statSync(full);
      } catch (error) {
        expected = error;
      }
      expect(() => fileFacts(full)).toThrow(expected as Error);
      expect(() => fileFacts(full)).toThrow(expect.objectContaining({ code: "ENOENT", path: full }));
    }
  });

  it("under --pending-deprecation take the public way: no warning, the same site", async () => {
    const root = makeSite({ "site.yml": "title: 事实\n", "posts/2022-01-18-a.md": post({ title: "甲", date: "2022-01-18 14:05:51 +0800", categories: "c" }) });
    const plain = path.join(tempDir(), "out");
    const pending = path.join(tempDir(), "out");
    const first = await runCli(["build", "--no-cache", "--no-search", "--root", root, "--out", plain]);
    const second = await runCli(["build", "--no-cache", "--no-search", "--root", root, "--out", pending], { env: { NODE_OPTIONS: "--pending-deprecation" } });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stderr + second.stderr).not.toMatch(/Deprecation|DEP0/);
    expect(readTree(pending)).toEqual(readTree(plain));
  });
});
