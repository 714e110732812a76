// Bytes as they arrive: byte-order marks, CRLF, legacy Chinese encodings, binary files, empty files
// and very large posts. Clean-equivalent input gives byte-identical output; the rest is named.

import { describe, expect, it } from "vitest";
import { buildAt, buildFiles, treeDigest } from "../helpers/outcome.js";
import { makeSite, readOut } from "../helpers/site.js";

const CLEAN = "---\ntitle: 标题\ndate: 2022-01-18 14:05:51 +0800\ncategories: cls\ntags: [财经, 科技]\n---\n第一段。\n\n第二段，*强调*。\n";
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// "中文标题" and "正文" in GB18030, the encoding of many older Chinese sites.
const GB_TITLE = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xb1, 0xea, 0xcc, 0xe2]);
const GB_BODY = Buffer.from([0xd5, 0xfd, 0xce, 0xc4]);
const gbPost = Buffer.concat([Buffer.from("---\ntitle: "), GB_TITLE, Buffer.from("\ndate: 2022-01-03\n---\n"), GB_BODY, Buffer.from("\n")]);

describe("byte-order marks and line endings", () => {
  it("builds a post with a UTF-8 BOM and CRLF line endings exactly as the clean post", async () => {
    const clean = await buildFiles({ "posts/2022-01-18-a.md": CLEAN });
    const bom = await buildFiles({ "posts/2022-01-18-a.md": Buffer.concat([BOM, Buffer.from(CLEAN)]) });
    const crlf = await buildFiles({ "posts/2022-01-18-a.md": CLEAN.replace(/\n/g, "\r\n") });
    const both = await buildFiles({ "posts/2022-01-18-a.md": Buffer.concat([BOM, Buffer.from(CLEAN.replace(/\n/g, "\r\n"))]) });
    const oldMac = await buildFiles({ "posts/2022-01-18-a.md": CLEAN.replace(/\n/g, "\r") });
    for (const run of [clean, bom, crlf, both, oldMac]) {
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
    }
    expect(readOut(clean.out, "cls/2022/01/18/a.html")).toContain("<p>第二段，<em>强调</em>。</p>");
    const digest = treeDigest(clean.out);
    for (const run of [bom, crlf, both, oldMac]) expect(treeDigest(run.out)).toBe(digest);
  });
});

describe("files that are not UTF-8", () => {
  it("skips a GB18030 post with a message naming the file, its first bad line and the fix", async () => {
    const run = await buildFiles({ "posts/2022-01-03-gbk.md": gbPost, "posts/2022-01-04-ok.md": "---\ntitle: ok\n---\nbody\n" });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "posts/2022-01-03-gbk.md:2  not UTF-8: the file holds bytes of another encoding (often GBK/GB18030 from older Chinese sites) (skipped)\n" +
        "    hint: convert it (iconv -f gb18030 -t utf-8), or declare the archive's encoding in site.yml: encoding: gb18030",
    );
    expect(run.stdout).toMatch(/Built 1 post .* skipped 1 post \(1 encoding\)/);
  });

  it("decodes GB18030 posts when site.yml declares the encoding, and still reads UTF-8 ones beside them", async () => {
    const run = await buildFiles({ "site.yml": "encoding: gb18030\n", "posts/2022-01-03-gbk.md": gbPost, "posts/2022-01-04-utf8.md": CLEAN });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const page = readOut(run.out, "2022/01/03/gbk.html");
    expect(page).toContain('<h1 class="post-title">中文标题</h1>');
    expect(page).toContain("<p>正文</p>");
    expect(readOut(run.out, "cls/2022/01/18/utf8.html")).toContain('<h1 class="post-title">标题</h1>');
  });

  it("names UTF-16 as such instead of calling it binary", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("---\ntitle: x\n---\nbody\n", "utf16le")]);
    const run = await buildFiles({ "posts/2022-01-05-utf16.md": utf16 });
    expect(run.reports.get("posts/2022-01-05-utf16.md")).toBe("posts/2022-01-05-utf16.md:1  not UTF-8: the file is UTF-16 (skipped)");
    expect(run.stderr).toContain("hint: save it as UTF-8 (iconv -f utf-16 -t utf-8)");
  });
});

describe("files that are not posts", () => {
  it("never parses images and other files dropped into posts/, and skips binary data named .md", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const run = await buildFiles({
      "posts/2022-01-01-ok.md": "---\ntitle: ok\n---\nbody\n",
      "posts/photo.png": png,
      "posts/2022/scan.jpg": Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
      "posts/notes.pdf": Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
      "posts/2022-01-02-image.md": png,
    });
    expect(run.code).toBe(0);
    expect([...run.reports.keys()]).toEqual(["posts/2022-01-02-image.md"]);
    expect(run.reports.get("posts/2022-01-02-image.md")).toBe("posts/2022-01-02-image.md:3  binary file, not a post (skipped)");
    expect(run.stdout).toMatch(/Built 1 post .* skipped 1 post \(1 binary\)/);
  });

  it("skips zero-byte and blank files as empty", async () => {
    const run = await buildFiles({ "posts/2022-01-01-zero.md": "", "posts/2022-01-02-blank.md": " \n\r\n\t\n", "posts/2022-01-03-ok.md": "---\ntitle: ok\n---\nbody\n" });
    expect(run.code).toBe(0);
    expect(run.reports.get("posts/2022-01-01-zero.md")).toBe("posts/2022-01-01-zero.md:1  file is empty (skipped)");
    expect(run.reports.get("posts/2022-01-02-blank.md")).toBe("posts/2022-01-02-blank.md:1  file is empty (skipped)");
    expect(run.stdout).toMatch(/Built 1 post .* skipped 2 posts \(2 empty\)/);
  });
});

describe("a 20 MB post", () => {
  it("builds whole, with a short excerpt", async () => {
    const paragraph = "新闻正文内容，".repeat(40) + "\n\n";
    const count = Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(paragraph));
    const text = "---\ntitle: 长文\ndate: 2022-01-01\n---\n" + paragraph.repeat(count) + "全文完。\n";
    expect(Buffer.byteLength(text)).toBeGreaterThan(20 * 1024 * 1024);
    // With the search index (on by default): the page is too long to index, and says so.
    const run = await buildAt(makeSite({ "posts/2022-01-01-long.md": text }), [], { search: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\S*2022\/01\/01\/long\.html  warning: not in the search index: the page is 7 million characters long \(at most 1 million are indexed\)\n$/);
    const page = readOut(run.out, "2022/01/01/long.html");
    expect(page).toContain("<p>全文完。</p>");
    expect(page.length).toBeGreaterThan(text.length - 100);
    const home = readOut(run.out, "index.html");
    const excerpt = /<p class="item-excerpt">([^<]*)<\/p>/.exec(home)![1]!;
    expect(excerpt.length).toBeLessThanOrEqual(121);
  });
});
