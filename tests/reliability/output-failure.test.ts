// A full disk, a file size limit, an output folder that cannot be written: a clear error naming the
// path (exit 1), the previous output exactly as it was, and nothing left beside it once space is back.

import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { corpus, countCalls, faultLibrary, leftovers, runProcess, withFault } from "../helpers/faults.js";
import { treeDigest } from "../helpers/outcome.js";
import { CLI, makeSite, runCli, tempDir } from "../helpers/site.js";

/** A site over a generated corpus with a first complete build; `change()` edits one post. */
async function builtSite(count = 60) {
  const root = tempDir();
  const posts = corpus(root, count);
  const out = path.join(root, "dist");
  const args = ["build", "--root", root, "--posts", posts, "--out", out, "--workers", "0", "--quiet", "--no-search"];
  expect((await runCli(args, { cwd: root })).code).toBe(0);
  const first = path.join(posts, readdirSync(posts).sort()[0]!);
  let edits = 0;
  const change = (): void => writeFileSync(first, `---\ntitle: edit ${++edits}\ndate: 2021-12-01 22:00:00 +0800\n---\nchanged\n`);
  return { root, posts, out, args, change, before: treeDigest(out) };
}

const spread = (calls: number, count: number): number[] => Array.from({ length: count }, (_, i) => Math.max(1, Math.round(((i + 1) * calls) / count)));

describe("a disk that fills up during a build", () => {
  beforeAll(() => {
    expect(faultLibrary()).toMatch(/\.so$/);
  });

  it.each([
    ["full build", (site: Awaited<ReturnType<typeof builtSite>>) => writeFileSync(path.join(site.root, "site.yml"), `title: new ${Date.now()}\n`)],
    ["incremental build", (site: Awaited<ReturnType<typeof builtSite>>) => site.change()],
  ])("%s: a clear error, the previous output intact, nothing left beside it", { timeout: 120_000 }, async (_, change) => {
    const site = await builtSite();
    change(site);
    const writes = await countCalls(site.args, site.root, "write");
    let failures = 0;
    for (const nth of spread(writes, 6)) {
      const before = treeDigest(site.out);
      change(site);
      const run = await withFault(site.args, site.root, `write:${nth}:ENOSPC`);
      if (run.code === 0) {
        // Only the cache could not be saved: the output is whole and new; the next build is a full one.
        expect(treeDigest(site.out)).not.toBe(before);
      } else {
        failures++;
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^\S+  cannot write the output: no space left on the device \(ENOSPC in write\)\n    hint: free some space and build again; the previous output is left as it was\nBuild failed: the output folder was left as it was\.\n$/);
        expect(treeDigest(site.out)).toBe(before);
        expect(leftovers(site.out)).toEqual([]);
      }
      // Space is back: the next build completes and leaves nothing beside the output.
      const next = await runCli(site.args, { cwd: site.root });
      expect(next.code).toBe(0);
      expect(leftovers(site.out)).toEqual([]);
      site.change();
      expect((await runCli(site.args, { cwd: site.root })).code).toBe(0);
    }
    expect(failures).toBeGreaterThan(1); // the last writes are the cache's
  });

  it("a commit that fails half way says so, and the next build completes it", async () => {
    const site = await builtSite();
    site.change();
    const reference = path.join(site.root, "reference");
    expect((await runCli([...site.args, "--out", reference, "--no-cache"], { cwd: site.root })).code).toBe(0);
    // Renames: the journal, the first changed file, then the third fails, and every one after it.
    const run = await withFault(site.args, site.root, "rename:3:EIO");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^\S+  cannot write the output: input\/output error \(EIO in rename\)\n    hint: check the disk, then build again: the output is partly updated and the next build completes it\nBuild failed: the output folder is partly updated; the next build completes it\.\n$/,
    );
    expect(leftovers(site.out)).toContain(".dist.journal");
    expect((await runCli(site.args, { cwd: site.root })).code).toBe(0);
    expect(treeDigest(site.out)).toBe(treeDigest(reference));
    expect(leftovers(site.out)).toEqual([]);
  });
});

describe("a file size limit", () => {
  it("stops the build with the limit named (EFBIG), the previous output intact", async () => {
    const site = await builtSite();
    writeFileSync(path.join(site.root, "site.yml"), "title: over the limit\n");
    // 8 KiB: post pages are larger.
    const run = await runProcess("bash", ["-c", 'ulimit -f 8 && exec "$0" "$@"', process.execPath, CLI, ...site.args], { cwd: site.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot write the output: a file is larger than the file system or the process's file size limit allows (EFBIG in write)");
    expect(treeDigest(site.out)).toBe(site.before);
    expect(leftovers(site.out)).toEqual([]);
  });
});

describe("an output folder that cannot be written", () => {
  it.each([
    ["whose parent is a file", "file.txt/dist", "file.txt  cannot write the output: a file stands where a folder should be (EEXIST in mkdir)"],
    ["under a file system that cannot hold it (/proc)", "/proc/broadsheet/dist", "/proc/broadsheet  cannot write the output: a folder on the way does not exist (ENOENT in mkdir)"],
  ])("%s", async (_, out, message) => {
    const root = makeSite({ "posts/a.md": "---\ntitle: a\ndate: 2022-01-01\n---\nbody\n", "file.txt": "not a folder" });
    const run = await runCli(["build", "--no-cache", "--out", out], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`${message}\n    hint: check the --out path: its folder must be a writable folder\nBuild failed: the output folder was left as it was.\n`);
  });

  it("in a folder the user may not write: the previous output is intact", async () => {
    const root = tempDir();
    const site = path.join(root, "site");
    makeSite({ "posts/a.md": "---\ntitle: a\ndate: 2022-01-01\n---\nbody\n" }, site);
    const shared = path.join(root, "www");
    mkdirSync(shared);
    expect((await runCli(["build", "--no-cache", "--out", path.join(shared, "dist")], { cwd: site })).code).toBe(0);
    const before = treeDigest(path.join(shared, "dist"));
    // Tests run as root, whom no permission stops: this build runs as `nobody`, owning the site but not www/.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if ("uid" in asNobody) for (const dir of [root, site, path.join(site, "posts"), path.join(site, "posts", "a.md")]) chownSync(dir, 65534, 65534);
    const run = await runProcess(process.execPath, [CLI, "build", "--no-cache", "--out", path.join(shared, "dist")], { cwd: site, ...asNobody });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/  cannot write the output: permission denied \(EACCES in open\)\n    hint: check the --out path: its folder must be a writable folder\n/);
    expect(treeDigest(path.join(shared, "dist"))).toBe(before);
    expect(existsSync(path.join(shared, ".dist.lock"))).toBe(false);
  });
});
