// The posts folder as people and tools leave it: symlinks (and loops of them), editor droppings,
// files nobody may read, FIFOs, and names that differ only in case.

import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAt, reportsByFile } from "../helpers/outcome.js";
import { runProcess } from "../helpers/faults.js";
import { CLI, makeSite, readOut, type RunResult } from "../helpers/site.js";

const post = (title: string, date: string): string => `---\ntitle: ${title}\ndate: ${date}\n---\n${title} body\n`;

/** Every post page under an output folder (dated URLs), sorted. */
function postPages(out: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else if (/^\d{4}\/\d{2}\/\d{2}\/.+\.html$/.test(prefix + name)) pages.push(prefix + name);
    }
  };
  walk(out, "");
  return pages.sort();
}

describe("symlinks", () => {
  it("follows linked folders and files once, and reports loops and broken links", async () => {
    const root = makeSite({
      "posts/2022-01-01-a.md": post("a", "2022-01-01"),
      "elsewhere/2022-01-02-b.md": post("b", "2022-01-02"),
      "outside.md": post("c", "2022-01-03"),
    });
    const posts = path.join(root, "posts");
    symlinkSync("../elsewhere", path.join(posts, "linked")); // a folder outside posts/
    symlinkSync("../elsewhere", path.join(posts, "linked-again")); // the same folder twice
    mkdirSync(path.join(posts, "sub"));
    symlinkSync("..", path.join(posts, "sub", "loop")); // a loop back to posts/
    symlinkSync("../outside.md", path.join(posts, "2022-01-03-c.md")); // a linked file
    symlinkSync("2022-01-01-a.md", path.join(posts, "2022-01-01-same-as-a.md")); // a second name for a post
    symlinkSync("nowhere.md", path.join(posts, "2022-01-04-broken.md"));
    symlinkSync("2022-01-05-self.md", path.join(posts, "2022-01-05-self.md"));

    const run = await buildAt(root);
    expect(run.code).toBe(0);
    expect(postPages(run.out)).toEqual(["2022/01/01/a.html", "2022/01/02/b.html", "2022/01/03/c.html"]);
    expect(Object.fromEntries(run.reports)).toEqual({
      "posts/2022-01-01-same-as-a.md": "posts/2022-01-01-same-as-a.md  warning: the same file as posts/2022-01-01-a.md (a symlink); read once",
      "posts/2022-01-04-broken.md": "posts/2022-01-04-broken.md  warning: broken or looping symlink",
      "posts/2022-01-05-self.md": "posts/2022-01-05-self.md  warning: broken or looping symlink",
      "posts/linked-again": "posts/linked-again  warning: folder already read through another path (a symlink loop?); skipped",
      "posts/sub/loop": "posts/sub/loop  warning: folder already read through another path (a symlink loop?); skipped",
    });
  });
});

describe("symlinks in the theme folders", () => {
  it("skips broken and looping links in templates/ and public/ with a warning, and builds the rest", async () => {
    const root = makeSite({
      "posts/2022-01-01-a.md": post("a", "2022-01-01"),
      "templates/partials/footer.njk": "<footer>site footer</footer>",
      "public/logo.txt": "logo",
    });
    symlinkSync("nowhere.njk", path.join(root, "templates", "partials", "gone.njk"));
    symlinkSync("self.njk", path.join(root, "templates", "self.njk"));
    symlinkSync("..", path.join(root, "templates", "partials", "loop"));
    symlinkSync("missing.png", path.join(root, "public", "broken.png"));
    symlinkSync(".", path.join(root, "public", "again"));

    const run = await buildAt(root);
    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(0);
    expect(Object.fromEntries(run.reports)).toEqual({
      "templates/partials/gone.njk": "templates/partials/gone.njk  warning: broken or looping symlink; skipped",
      "templates/self.njk": "templates/self.njk  warning: broken or looping symlink; skipped",
      "templates/partials/loop": "templates/partials/loop  warning: folder already read through another path (a symlink loop?); skipped",
      "public/broken.png": "public/broken.png  warning: broken or looping symlink; skipped",
      "public/again": "public/again  warning: folder already read through another path (a symlink loop?); skipped",
    });
    // The rest of the theme is used: the site's own footer, its static file, the post.
    expect(readOut(run.out, "2022/01/01/a.html")).toContain("site footer");
    expect(readOut(run.out, "logo.txt")).toBe("logo");
  });
});

describe("droppings", () => {
  it("ignores hidden files, editor backups and OS litter without a word", async () => {
    const good = post("a", "2022-01-01");
    const root = makeSite({
      "posts/2022-01-01-a.md": good,
      "posts/.#2022-01-01-a.md": good, // Emacs lock
      "posts/#2022-01-01-a.md#": good, // Emacs autosave
      "posts/2022-01-01-a.md~": good, // backup
      "posts/.2022-01-01-a.md.swp": "b0VIM 8.2\0", // Vim swap
      "posts/.DS_Store": Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]),
      "posts/Thumbs.db": Buffer.from([0xd0, 0xcf, 0x11, 0xe0]),
      "posts/desktop.ini": "[.ShellClassInfo]\n",
      "posts/.hidden/2022-01-02-b.md": post("b", "2022-01-02"),
      "posts/.git/2022-01-03-c.md": post("c", "2022-01-03"),
    });
    const run = await buildAt(root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(postPages(run.out)).toEqual(["2022/01/01/a.html"]);
  });

  it("never opens a FIFO or device named like a post (it would block the build)", async () => {
    const root = makeSite({ "posts/2022-01-01-a.md": post("a", "2022-01-01") });
    execFileSync("mkfifo", [path.join(root, "posts", "2022-01-02-fifo.md")]);
    symlinkSync("/dev/zero", path.join(root, "posts", "2022-01-03-zero.md"));
    const run = await buildAt(root);
    expect(run.code).toBe(0);
    expect(postPages(run.out)).toEqual(["2022/01/01/a.html"]);
  });
});

describe("permissions", () => {
  // Tests run as root, whom no permission stops: the build runs as `nobody` in a site it owns.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const chownTree = (dir: string): void => {
    if (!("uid" in asNobody)) return;
    chownSync(dir, 65534, 65534);
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) chownTree(full);
      else chownSync(full, 65534, 65534);
    }
  };
  const run = (root: string): Promise<RunResult> => runProcess(process.execPath, [CLI, "build", "--no-cache", "--workers", "0", "--no-search"], { cwd: root, ...asNobody });

  it("reports files and folders it may not read, and builds the rest", async () => {
    const root = makeSite({
      "posts/2022-01-01-a.md": post("a", "2022-01-01"),
      "posts/2022-01-02-secret.md": post("secret", "2022-01-02"),
      "posts/closed/2022-01-03-c.md": post("c", "2022-01-03"),
    });
    chownTree(root);
    chmodSync(path.join(root, "posts", "2022-01-02-secret.md"), 0o000);
    chmodSync(path.join(root, "posts", "closed"), 0o000);
    const result = await run(root);
    expect(result.code).toBe(0);
    const reports = reportsByFile(result.stderr);
    expect(reports.get("posts/2022-01-02-secret.md")).toBe("posts/2022-01-02-secret.md  permission denied (skipped)");
    expect(reports.get("posts/closed")).toBe("posts/closed  cannot read folder: permission denied");
    expect(result.stdout).toMatch(/^Built 1 post .* skipped 1 post \(1 unreadable\) · 1 error · /m);
    expect(postPages(path.join(root, "dist"))).toEqual(["2022/01/01/a.html"]);
  });
});

describe("names that differ only in case", () => {
  it("builds both posts and warns that their URLs collide on case-insensitive file systems", async () => {
    const root = makeSite({
      "posts/2022-01-05-TechWeb.md": "---\ntitle: One\ncategories: [TechWeb]\n---\nbody\n",
      "posts/2022-01-05-Techweb.md": "---\ntitle: Two\ncategories: [Techweb]\n---\nbody\n",
    });
    const run = await buildAt(root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "posts/2022-01-05-Techweb.md  warning: URL /techweb/2022/01/05/Techweb.html differs only in case from that of posts/2022-01-05-TechWeb.md; they collide on case-insensitive file systems\n" +
        "    hint: give one of them a different slug: in its front matter",
    );
    expect(run.stderr).toContain(
      'posts/2022-01-05-Techweb.md  warning: category "Techweb" and "TechWeb" (posts/2022-01-05-TechWeb.md) get URLs that differ only in case; they collide on case-insensitive file systems (macOS, Windows)',
    );
    expect(readOut(run.out, "techweb/2022/01/05/TechWeb.html")).toContain("One");
    expect(readOut(run.out, "techweb/2022/01/05/Techweb.html")).toContain("Two");
  });
});
