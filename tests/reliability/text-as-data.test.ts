// Untrusted text is data: titles, categories, tags, descriptions and bodies holding markup, template
// syntax, CDATA ends and control characters come out as the same text wherever they land (HTML
// text and attributes, JSON-LD, Atom, RSS, JSON Feed, sitemaps), read back with real parsers.

import { beforeAll, describe, expect, it } from "vitest";
import { attr, htmlElements, htmlText, parseXml, xmlAll, xmlText, type HtmlElement } from "../helpers/documents.js";
import { buildFiles, type Built } from "../helpers/outcome.js";
import { readOut, readTree } from "../helpers/site.js";

const HOSTILE = `<script>alert(1)</script> "><img src=x onerror=alert(2)> {{ site.title }} {% raw %}{{ 7*7 }} ]]> </script><!-- &amp; ' end`;
const CONTROLS = "\u0001\u0008\u000b\u001f\u007f";
const CATEGORY = "<b>cat</b> {{ 7*7 }} ]]>";
const TAG = `"><img onerror=x> {% include 'base.njk' %} </script>`;
const BODY = "Body <script>var authored = 1</script> and {{ 7*7 }} and {% if true %}yes{% endif %} ]]> and \u0001 done.";

// A YAML double-quoted string: JSON's escapes are YAML's, control characters included.
const yaml = (text: string): string => JSON.stringify(text);
// Recent enough for the news sitemap (which lists the last two days).
const recent = new Date(Date.now() - 3_600_000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " +0000");

let built: Built;
let postFile: string;
beforeAll(async () => {
  built = await buildFiles({
    "posts/2022-01-01-hostile.md": [
      "---",
      `title: ${yaml(HOSTILE + CONTROLS)}`,
      `date: ${recent}`,
      `categories: [${yaml(CATEGORY + CONTROLS)}]`,
      `tags: [${yaml(TAG)}]`,
      `description: ${yaml(HOSTILE)}`,
      "---",
      BODY,
      "",
    ].join("\n"),
  });
  postFile = [...readTree(built.out).keys()].find((file) => file.endsWith("/hostile.html"))!;
});

const one = (elements: HtmlElement[], test: (e: HtmlElement) => boolean): HtmlElement => {
  const found = elements.filter(test);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe("hostile front matter and bodies", () => {
  it("build without a problem", () => {
    expect(built.code).toBe(0);
    expect(built.stderr).toBe("");
    expect(postFile).toBeDefined();
  });

  it("are text in the post page's elements and attributes; control characters are dropped", () => {
    const elements = htmlElements(readOut(built.out, postFile));
    expect(htmlText(one(elements, (e) => e.tagName === "h1"))).toBe(HOSTILE);
    expect(htmlText(one(elements, (e) => e.tagName === "title"))).toBe(`${HOSTILE} - Broadsheet`);
    expect(attr(one(elements, (e) => attr(e, "property") === "og:title"), "content")).toBe(HOSTILE);
    expect(attr(one(elements, (e) => attr(e, "name") === "description"), "content")).toBe(HOSTILE);
    expect(attr(one(elements, (e) => attr(e, "property") === "article:tag"), "content")).toBe(TAG);
    expect(attr(one(elements, (e) => attr(e, "property") === "article:section"), "content")).toBe(CATEGORY);
    expect(htmlText(one(elements, (e) => e.tagName === "a" && attr(e, "class") === "category"))).toBe(CATEGORY);
    expect(htmlText(one(elements, (e) => e.tagName === "a" && attr(e, "class") === "tag"))).toBe(TAG);
    // No element or attribute came from front matter: the only img, onerror or extra script would be.
    expect(elements.filter((e) => e.tagName === "img")).toEqual([]);
    expect(elements.filter((e) => e.attrs.some((a) => a.name.startsWith("on")))).toEqual([]);
  });

  it("are data in the JSON-LD, which parses back to the same strings", () => {
    const elements = htmlElements(readOut(built.out, postFile));
    const script = one(elements, (e) => e.tagName === "script" && attr(e, "type") === "application/ld+json");
    const data = JSON.parse(htmlText(script)) as Record<string, unknown>;
    expect(data.headline).toBe(HOSTILE);
    expect(data.description).toBe(HOSTILE);
    expect(data.articleSection).toBe(CATEGORY);
    expect(data.keywords).toBe(TAG);
  });

  it("leave the body's own HTML as the author wrote it, and never run template syntax in it", () => {
    const elements = htmlElements(readOut(built.out, postFile));
    const content = one(elements, (e) => attr(e, "class") === "post-content");
    expect(htmlText(content)).toContain("and {{ 7*7 }} and {% if true %}yes{% endif %} ]]> and");
    const scripts = elements.filter((e) => e.tagName === "script");
    expect(scripts.map((e) => attr(e, "type") ?? htmlText(e))).toEqual(["application/ld+json", "var authored = 1"]);
  });

  it("are text on listings and term pages", () => {
    const day = [...readTree(built.out).keys()].find((file) => /^archive\/\d{4}\/\d{2}\/\d{2}\/index\.html$/.test(file))!;
    for (const file of ["index.html", day]) {
      const elements = htmlElements(readOut(built.out, file));
      expect(elements.filter((e) => e.tagName === "a").map(htmlText), file).toContain(HOSTILE);
    }
    const categoryPage = [...readTree(built.out).keys()].find((file) => file.startsWith("category/") && file !== "category/index.html")!;
    const elements = htmlElements(readOut(built.out, categoryPage));
    expect(htmlText(one(elements, (e) => e.tagName === "h1"))).toBe(CATEGORY);
    const excerpt = one(elements, (e) => attr(e, "class") === "item-excerpt");
    expect(htmlText(excerpt)).toBe(HOSTILE);
  });

  it("are text in well-formed Atom feeds", () => {
    for (const file of [...readTree(built.out).keys()].filter((f) => f === "feed.xml" || /^feed\/category\/[^/]+\.xml$/.test(f) && !f.endsWith(".rss.xml"))) {
      const feed = parseXml(readOut(built.out, file));
      expect(feed.name, file).toBe("feed");
      const [entry] = xmlAll(feed, "entry");
      expect(xmlText(xmlAll(entry!, "title")[0]!)).toBe(HOSTILE);
      expect(xmlAll(entry!, "category").map((c) => c.attributes.term)).toEqual([CATEGORY, TAG]);
      expect(xmlText(xmlAll(entry!, "summary")[0]!)).toBe(HOSTILE);
      const html = xmlText(xmlAll(entry!, "content")[0]!);
      expect(html).toContain("<script>var authored = 1</script> and {{ 7*7 }}");
      expect(html).not.toContain("\u0001");
    }
  });

  it("are text in well-formed RSS feeds", () => {
    for (const file of ["rss.xml", ...[...readTree(built.out).keys()].filter((f) => f.endsWith(".rss.xml"))]) {
      const rss = parseXml(readOut(built.out, file));
      const [item] = xmlAll(rss, "item");
      expect(xmlText(xmlAll(item!, "title")[0]!), file).toBe(HOSTILE);
      expect(xmlAll(item!, "category").map(xmlText)).toEqual([CATEGORY, TAG]);
      expect(xmlText(xmlAll(item!, "content:encoded")[0]!)).toContain("<script>var authored = 1</script>");
    }
  });

  it("are strings in JSON feeds", () => {
    for (const file of ["feed.json", ...[...readTree(built.out).keys()].filter((f) => /^feed\/category\/.*\.json$/.test(f))]) {
      const feed = JSON.parse(readOut(built.out, file)) as { items: { title: string; summary: string; tags: string[]; content_html: string }[] };
      expect(feed.items[0]!.title, file).toBe(HOSTILE);
      expect(feed.items[0]!.summary).toBe(HOSTILE);
      expect(feed.items[0]!.tags).toEqual([CATEGORY, TAG]);
      expect(feed.items[0]!.content_html).toContain("{% if true %}yes{% endif %}");
    }
  });

  it("are text in well-formed sitemaps, the news sitemap's title included", () => {
    parseXml(readOut(built.out, "sitemap.xml"));
    const news = parseXml(readOut(built.out, "sitemap-news.xml"));
    expect(xmlAll(news, "news:title").map(xmlText)).toEqual([HOSTILE]);
  });
});
