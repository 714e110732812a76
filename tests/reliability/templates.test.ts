// Broken templates: a Nunjucks syntax error or an undefined value names the template file and line,
// stops the build (exit 1), and leaves the previous output exactly as it was, with nothing beside it.

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAt, treeDigest } from "../helpers/outcome.js";
import { makeSite, REPO, runCli, SHARED, tempDir } from "../helpers/site.js";

const bundled = (name: string): string => readFileSync(path.join(REPO, "templates", name), "utf8");

/** A site with a good first build; then `template` is overwritten with `source` and built again. */
async function breakTemplate(template: string, source: (original: string) => string, args: string[] = []) {
  const root = makeSite({
    "posts/2022-01-01-a.md": "---\ntitle: a\ncategories: news\n---\nbody\n",
    "posts/2022-01-02-b.md": "---\ntitle: b\n---\nbody\n",
    [`templates/${template}`]: bundled(template),
  });
  const first = await buildAt(root, args);
  expect(first.code).toBe(0);
  const before = treeDigest(first.out);
  writeFileSync(path.join(root, "templates", template), source(bundled(template)));
  const second = await buildAt(root, args);
  return { root, before, second, after: treeDigest(second.out), beside: readdirSync(root).sort() };
}

describe("template errors", () => {
  it("a syntax error names the template, line and column; the output is untouched", async () => {
    const run = await breakTemplate("post.njk", (source) => source.replace("{% if post.newer %}", "{% iff post.newer %}"));
    expect(run.second.code).toBe(1);
    const line = bundled("post.njk").split("\n").findIndex((l) => l.includes("{% if post.newer %}")) + 1;
    expect(run.second.stderr).toMatch(new RegExp(`^templates/post\\.njk:${line}:\\d+  unknown block tag: iff\\n`));
    expect(run.second.stderr).toContain("    hint: fix the template; the previous output is left as it was\nBuild failed: the output folder was left as it was.\n");
    expect(run.after).toBe(run.before);
    expect(run.beside).toEqual(["dist", "posts", "templates"]);
  });

  it("an undefined value names the template and line, in a partial too", async () => {
    const run = await breakTemplate("partials/item.njk", (source) => source.replace("{{ item.title }}", "{{ item.headline }}"));
    expect(run.second.code).toBe(1);
    const line = bundled("partials/item.njk").split("\n").findIndex((l) => l.includes("{{ item.title }}")) + 1;
    expect(run.second.stderr).toMatch(new RegExp(`^templates/partials/item\\.njk:${line}:\\d+  attempted to output null or undefined value\\n`));
    expect(run.second.stderr).toContain("hint: the template outputs a value that does not exist: check its name, or guard it with {% if %}");
    expect(run.after).toBe(run.before);
    expect(run.beside).toEqual(["dist", "posts", "templates"]);
  });

  it("an unknown filter is found in the templates, file and line", async () => {
    const run = await breakTemplate("base.njk", (source) => source.replace("{{ page.fullTitle }}", "{{ page.fullTitle | nosuchfilter }}"));
    expect(run.second.code).toBe(1);
    const line = bundled("base.njk").split("\n").findIndex((l) => l.includes("{{ page.fullTitle }}")) + 1;
    expect(run.second.stderr).toMatch(new RegExp(`^templates/base\\.njk:${line}:\\d+  filter not found: nosuchfilter\n`));
    expect(run.beside).toEqual(["dist", "posts", "templates"]);
    expect(run.after).toBe(run.before);
  });

  it("a template error in a worker thread stops the build the same way", async () => {
    // Enough posts for the pool to start threads.
    const posts = path.join(tempDir(), "posts");
    execFileSync(process.execPath, [path.join(SHARED, "corpus", "generate.mjs"), "--posts", "500", "--out", posts]);
    const root = makeSite({ "templates/post.njk": bundled("post.njk") });
    const out = path.join(root, "dist");
    const args = ["build", "--root", root, "--posts", posts, "--out", out, "--no-cache", "--workers", "2"];
    expect((await runCli(args, { cwd: root })).code).toBe(0);
    const before = treeDigest(out);
    writeFileSync(path.join(root, "templates", "post.njk"), bundled("post.njk").replace("{{ post.title }}", "{{ post.subtitle }}"));
    const run = await runCli(args, { cwd: root });
    expect(run.code).toBe(1);
    // After an {% include %}: Nunjucks itself names the included partial here.
    const line = bundled("post.njk").split("\n").findIndex((l) => l.includes("{{ post.title }}")) + 1;
    expect(run.stderr).toMatch(new RegExp(`^templates/post\\.njk:${line}:24  attempted to output null or undefined value\n`));
    expect(treeDigest(out)).toBe(before);
    expect(readdirSync(root).sort()).toEqual(["dist", "templates"]);
  });
});
