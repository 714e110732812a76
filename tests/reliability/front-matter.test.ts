// Broken front matter, as scrapers and many hands write it: every case builds, and each bad post is
// either skipped with an error naming its file, line and column, or published with a warning.

import { beforeAll, describe, expect, it } from "vitest";
import { buildFiles, type Built } from "../helpers/outcome.js";
import { readOut } from "../helpers/site.js";

const FILES: Record<string, string> = {
  "posts/2022-01-01-colon.md": "---\ntitle: a: b\ndate: 2022-01-01\n---\nbody\n",
  "posts/2022-01-02-quote.md": '---\nlayout: post\ntitle: "He said \\"no\ndate: 2022-01-02\n---\nbody\n',
  "posts/2022-01-03-indent.md": "---\ntitle: x\ndate: 2022-01-03\n  tags: a\n---\nbody\n",
  "posts/2022-01-04-tab.md": "---\ntitle: x\n\tdate: 2022-01-04\n---\nbody\n",
  "posts/2022-01-05-unclosed.md": "---\ntitle: never closed\ndate: 2022-01-05\nthe body starts here\n",
  "posts/2022-01-06-no-front-matter.md": "Just a body that a scraper saved without front matter.\n",
  "posts/2022-01-07-front-matter-only.md": "---\ntitle: Only front matter\ndate: 2022-01-07\n---\n",
  "posts/2022-01-08-empty-title.md": '---\ntitle: ""\ndate: 2022-01-08\n---\nbody\n',
  "posts/2022-01-09-null-title.md": "---\ntitle:\ndate: 2022-01-09\n---\nbody\n",
  "posts/2022-01-10-no-title.md": "---\ndate: 2022-01-10\n---\nbody\n",
  "posts/2022-01-11-empty-date.md": "---\ntitle: Empty date, dated name\ndate:\n---\nbody\n",
  "posts/empty-date.md": "---\ntitle: Empty date\ndate:\n---\nbody\n",
  "posts/partial-date.md": "---\ntitle: Partial date\ndate:  +0800\n---\nbody\n",
  "posts/impossible-date.md": "---\ntitle: Impossible date\ndate: 2022-02-30\n---\nbody\n",
  "posts/time-only.md": "---\ntitle: Time only\ndate: '14:05:51'\n---\nbody\n",
  "posts/no-date.md": "---\ntitle: No date anywhere\n---\nbody\n",
  "posts/2022-01-12-tags-mapping.md": "---\ntitle: x\ndate: 2022-01-12\ntags: {a: 1}\n---\nbody\n",
  "posts/2022-01-13-title-list.md": "---\ntitle: [1, 2]\ndate: 2022-01-13\n---\nbody\n",
  "posts/2022-01-14-numbers.md": "---\ntitle: 2022\ndate: 2022-01-14\ncategories: 42\ntags: [1, true, 2.5, null]\n---\nbody\n",
  "posts/2022-01-15-boolean.md": "---\ntitle: true\ndate: 2022-01-15\n---\nbody\n",
  "posts/2022-01-16-list-front-matter.md": "---\n- a\n- b\n---\nbody\n",
  "posts/2022-01-17-draft-flag.md": "---\ntitle: x\ndate: 2022-01-17\ndraft: maybe\n---\nbody\n",
  "posts/2022-01-18-date-list.md": "---\ntitle: x\ndate: [2022-01-18]\n---\nbody\n",
  "posts/2022-01-19-good.md": "---\ntitle: A good post\ndate: 2022-01-19 10:00 +0800\n---\nbody\n",
  // A "billion laughs": nine lines of aliases that stand for 387 million values.
  "posts/2022-01-20-aliases.md": `---\ntitle: x\ndate: 2022-01-20\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${"bcdefghi"
    .split("")
    .map((key, i) => `${key}: &${key} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`)
    .join("\n")}\n---\nbody\n`,
};

let built: Built;
beforeAll(async () => {
  built = await buildFiles(FILES);
});

/** The reported line for a file. */
const report = (file: string): string | undefined => built.reports.get(`posts/${file}`);

describe("a site full of broken front matter", () => {
  it("still builds: bad posts are skipped, exit code 0", () => {
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^Built 9 posts → .* skipped 16 posts \(.*\) · 4 warnings · /m);
    expect(readOut(built.out, "2022/01/19/good.html")).toContain("A good post");
  });

  it.each([
    // YAML syntax errors: the line and column in the file, not in the YAML block.
    ["2022-01-01-colon.md", "posts/2022-01-01-colon.md:2:9  front matter is not valid YAML: bad indentation of a mapping entry (skipped)"],
    ["2022-01-02-quote.md", 'posts/2022-01-02-quote.md:3:8  front matter is not valid YAML: the quoted value that starts here is never closed (skipped)'],
    ["2022-01-03-indent.md", "posts/2022-01-03-indent.md:4:7  front matter is not valid YAML: bad indentation of a mapping entry (skipped)"],
    ["2022-01-04-tab.md", "posts/2022-01-04-tab.md:3:1  front matter is not valid YAML: tab characters must not be used in indentation (skipped)"],
    ["2022-01-05-unclosed.md", "posts/2022-01-05-unclosed.md:1:1  front matter is not closed: no line `---` after the opening one (skipped)"],
    ["2022-01-16-list-front-matter.md", "posts/2022-01-16-list-front-matter.md:2:1  front matter must be `key: value` lines (skipped)"],
    ["2022-01-20-aliases.md", "posts/2022-01-20-aliases.md:9:1  front matter is too large: its YAML aliases (*name) expand to more than 100,000 values (skipped)"],
    // Dates.
    ["empty-date.md", "posts/empty-date.md:3:1  date is empty and the file name has no date (skipped)"],
    ["partial-date.md", 'posts/partial-date.md:3:1  bad date: cannot read "+0800" as a date (skipped)'],
    ["impossible-date.md", "posts/impossible-date.md:3:1  bad date: day 30 does not exist in 2022-02 (skipped)"],
    ["time-only.md", 'posts/time-only.md:3:1  bad date: cannot read "14:05:51" as a date (skipped)'],
    ["no-date.md", "posts/no-date.md:1:1  post has no date: none in front matter, none in the file name (skipped)"],
    ["2022-01-18-date-list.md", "posts/2022-01-18-date-list.md:3:1  date must be text, got a list (skipped)"],
    // Keys of the wrong type.
    ["2022-01-12-tags-mapping.md", "posts/2022-01-12-tags-mapping.md:4:1  tags must be text or a list of text, got a mapping (skipped)"],
    ["2022-01-13-title-list.md", "posts/2022-01-13-title-list.md:2:1  title must be text, got a list (skipped)"],
    ["2022-01-17-draft-flag.md", "posts/2022-01-17-draft-flag.md:4:1  draft must be true or false, got string (skipped)"],
  ])("%s is skipped with its line and column", (file, expected) => {
    expect(report(file)).toBe(expected);
  });

  it("names what to do under each message", () => {
    expect(built.stderr).toContain(
      "posts/2022-01-12-tags-mapping.md:4:1  tags must be text or a list of text, got a mapping (skipped)\n    hint: write tags: a b, or tags: [a, b]",
    );
    expect(built.stderr).toContain("posts/impossible-date.md:3:1  bad date: day 30 does not exist in 2022-02 (skipped)\n    hint: write e.g. date: 2022-01-18 14:05:51 +0800");
  });

  it("gives a post without a title its file name, with a warning", () => {
    expect(report("2022-01-08-empty-title.md")).toBe('posts/2022-01-08-empty-title.md:2  warning: post has no title; using its file name "empty-title"');
    expect(report("2022-01-09-null-title.md")).toBe('posts/2022-01-09-null-title.md:2  warning: post has no title; using its file name "null-title"');
    expect(report("2022-01-10-no-title.md")).toBe('posts/2022-01-10-no-title.md  warning: post has no title; using its file name "no-title"');
    expect(readOut(built.out, "2022/01/10/no-title.html")).toContain('<h1 class="post-title">no-title</h1>');
  });

  it("reads a file without front matter as a body, titled and dated by its name", () => {
    expect(report("2022-01-06-no-front-matter.md")).toBe(
      'posts/2022-01-06-no-front-matter.md  warning: post has no title; using its file name "no-front-matter"',
    );
    expect(readOut(built.out, "2022/01/06/no-front-matter.html")).toContain("<p>Just a body that a scraper saved without front matter.</p>");
  });

  it("publishes front matter with an empty body, without complaint", () => {
    expect(report("2022-01-07-front-matter-only.md")).toBeUndefined();
    const page = readOut(built.out, "2022/01/07/front-matter-only.html");
    expect(page).toMatch(/<div class="post-content">\s*<\/div>/);
  });

  it("takes the file name's date when front matter has an empty date", () => {
    expect(report("2022-01-11-empty-date.md")).toBeUndefined();
    expect(readOut(built.out, "2022/01/11/empty-date.html")).toContain('datetime="2022-01-11T00:00:00+08:00"');
  });

  it("reads numbers and booleans as text in titles, categories and tags", () => {
    expect(report("2022-01-14-numbers.md")).toBeUndefined();
    expect(readOut(built.out, "42/2022/01/14/numbers.html")).toContain('<h1 class="post-title">2022</h1>');
    for (const [tag, slug] of [["1", "1"], ["true", "true"], ["2.5", "2-5"]]) expect(readOut(built.out, `tag/${slug}.html`)).toContain(`<h1>${tag}</h1>`);
    expect(readOut(built.out, "2022/01/15/boolean.html")).toContain('<h1 class="post-title">true</h1>');
  });

  it("fails under --strict with every problem listed and nothing written", async () => {
    const strict = await buildFiles(FILES, ["--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("--strict: 20 problem(s); nothing was written");
    expect(strict.reports.size).toBe(20);
    expect(strict.stdout).toMatch(/^Not built: /);
    const { existsSync } = await import("node:fs");
    expect(existsSync(strict.out)).toBe(false);
  });
});
