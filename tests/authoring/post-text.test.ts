// The text `new` writes: titles and values quoted so that YAML reads back exactly what was given,
// dates with their offset, file names, and slugs in each style.

import matter from "gray-matter";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { fileDay, frontMatterDate, postFileName, postText, yamlString, yamlValues } from "../../src/authoring/post-text.js";
import { asciiSlug, cleanSlug, idSlug, newSlug, pinyinSlug, shorten, titleSlug } from "../../src/authoring/slug.js";
import { readMeta } from "../../src/parse/meta.js";

const SH = "Asia/Shanghai";
const load = (text: string): unknown => yaml.load(text, { schema: yaml.CORE_SCHEMA });

describe("yamlString", () => {
  it.each([
    ["江西：2022年力争电子信息和装备工业突破7000亿元"],
    ['He said "hi"'],
    ["a: b # not a comment"],
    ["back\\slash \\n not a newline"],
    ["- starts like a list"],
    ["[looks, like, flow]"],
    ["{looks: like a map}"],
    ["&anchor *alias !tag |literal >folded %directive @at `tick"],
    ["'single quotes'"],
    ["true"],
    ["null"],
    ["~"],
    ["2022"],
    ["0x1F"],
    ["bell\u0007 del\u007f c1\u0085 nbsp\u00a0 bom\ufeff ls\u2028 ps\u2029"],
    ["emoji 🚀 and 𠀀 (astral)"],
    ["tab\there"],
    [""],
  ])("reads back exactly: %j", (text) => {
    const written = yamlString(text);
    expect(written.startsWith('"') && written.endsWith('"')).toBe(true);
    expect(written).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/);
    expect((load(`title: ${written}`) as { title: string }).title).toBe(text);
  });
});

describe("yamlValues", () => {
  it.each([
    [["zhongguodianzibao"], "zhongguodianzibao"],
    [["中国电子报新闻"], "中国电子报新闻"],
    [["a", "b"], "a b"],
    [["A股", "港股"], "A股 港股"],
    [["A 股"], '["A 股"]'],
    [["2022"], '["2022"]'],
    [["007", "x"], '["007", "x"]'],
    [["true"], '["true"]'],
    [["null"], '["null"]'],
    [["a:b"], '["a:b"]'],
    [["#hash"], '["#hash"]'],
    [['say "x"'], '["say \\"x\\""]'],
  ])("%j → %s, read back by the post parser as the same values", (values, written) => {
    expect(yamlValues(values)).toBe(written);
    const data = load(`categories: ${written}\ntags: ${written}`) as Record<string, unknown>;
    const { meta } = readMeta(data, { file: "x.md", lineOf: () => undefined, fallbackTitle: "x" });
    expect(meta.categories).toEqual(values);
    expect(meta.tags).toEqual(values);
  });
});

describe("postText", () => {
  it("writes the house format: quoted title, date with offset, categories, tags, layout, empty body", () => {
    const date = Date.parse("2022-01-18T06:05:51Z");
    const text = postText({ title: "江西：2022年力争电子信息和装备工业突破7000亿元", date, timezone: SH, categories: ["zhongguodianzibao"], tags: ["中国电子报新闻"] });
    expect(text).toBe(
      [
        "---",
        "layout: post",
        'title: "江西：2022年力争电子信息和装备工业突破7000亿元"',
        "date: 2022-01-18 14:05:51 +0800",
        "categories: zhongguodianzibao",
        "tags: 中国电子报新闻",
        "---",
        "",
        "",
      ].join("\n"),
    );
    const parsed = matter(text, {});
    expect(parsed.content.trim()).toBe("");
  });

  it("puts a title on one line and leaves out empty categories and tags", () => {
    const text = postText({ title: "  line one\nline two  ", date: 0, timezone: "UTC", categories: [], tags: [] });
    expect(text).toBe('---\nlayout: post\ntitle: "line one line two"\ndate: 1970-01-01 00:00:00 +0000\n---\n\n');
  });
});

describe("dates and file names", () => {
  it.each([
    [Date.parse("2022-01-18T06:05:51Z"), SH, "2022-01-18 14:05:51 +0800", "2022-01-18"],
    [Date.parse("2022-01-18T20:00:00Z"), SH, "2022-01-19 04:00:00 +0800", "2022-01-19"],
    [Date.parse("2022-07-01T12:00:00Z"), "America/New_York", "2022-07-01 08:00:00 -0400", "2022-07-01"],
    [Date.parse("2022-01-18T12:00:00Z"), "Asia/Kolkata", "2022-01-18 17:30:00 +0530", "2022-01-18"],
  ])("%s in %s is written %s, filed under %s", (ms, zone, written, day) => {
    expect(frontMatterDate(ms, zone)).toBe(written);
    expect(fileDay(ms, zone)).toBe(day);
  });

  it("numbers the second post of a day and slug, and leaves the date out of a Jekyll draft's name", () => {
    const at = { date: Date.parse("2022-01-18T06:05:51Z"), timezone: SH };
    expect(postFileName(at, "jiang-xi", 1)).toBe("2022-01-18-jiang-xi.md");
    expect(postFileName(at, "jiang-xi", 2)).toBe("2022-01-18-jiang-xi-2.md");
    expect(postFileName(at, "jiang-xi", 1, false)).toBe("jiang-xi.md");
  });
});

describe("slugs", () => {
  it.each([
    ["江西：2022年力争电子信息和装备工业突破7000亿元", "jiang-xi-2022-nian-li-zheng-dian-zi-xin-xi-he"],
    ["重庆银行行长说：长江", "chong-qing-yin-hang-hang-zhang-shuo-chang-jiang"],
    ["绿色Ａ股２０２２", "lv-se-a-gu-2022"],
    ["Hello, World!", "hello-world"],
    ["🚀🚀", ""],
  ])("pinyin: %s → %s", async (title, slug) => {
    expect(await pinyinSlug(title)).toBe(slug);
  });

  it.each([
    ["江西：2022年力争电子信息和装备工业突破7000亿元", "江西-2022年力争电子信息和装备工业突破7000亿元"],
    ["Hello, World!", "hello-world"],
    ["「人民币」汇率 / 升值？", "人民币-汇率-升值"],
    ["一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"],
  ])("title: %s → %s", (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
  });

  it("id: the local date and time to the second, then four digits, like the archive's ids", () => {
    expect(idSlug(Date.parse("2022-01-18T06:05:51Z"), SH, () => 0.1262)).toBe("202201181405511262");
    expect(idSlug(Date.parse("2022-01-18T06:05:51Z"), SH, () => 0)).toBe("202201181405510000");
  });

  it("a title that gives no slug in its style gets an id", async () => {
    expect(await newSlug("🚀", "pinyin", Date.parse("2022-01-18T06:05:51Z"), SH, () => 0.5)).toBe("202201181405515000");
    expect(await newSlug("🚀", "title", Date.parse("2022-01-18T06:05:51Z"), SH, () => 0.5)).toBe("202201181405515000");
    expect(await newSlug("江西", "title", 0, SH)).toBe("江西");
  });

  it.each([
    ["my slug", "my-slug"],
    ["../../etc/passwd", "etc-passwd"],
    ['a:b*c?"d"<e>|f#g%h', "a-b-c-d-e-f-g-h"],
    ["江西 新闻", "江西-新闻"],
    ["...", ""],
  ])("--slug %j is cleaned to %j", (given, slug) => {
    expect(cleanSlug(given)).toBe(slug);
  });

  it("shortens at a hyphen when one is near the limit", () => {
    expect(shorten("aaaa-bbbb-cccc", 11)).toBe("aaaa-bbbb");
    expect(shorten("aaaaaaaaaaaaaa", 6)).toBe("aaaaaa");
    expect(shorten("short", 10)).toBe("short");
    expect(asciiSlug("  Ünïcödé — Text ")).toBe("unicode-text");
  });
});
