// The sitemap protocol's limit: past 50,000 URLs the sitemap becomes an index of parts.
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { buildSite } from "../../src/model/site.js";
import { sitemapPieces } from "../../src/render/sitemap.js";
import { routePages, SITEMAP_LIMIT } from "../../src/routes/index.js";
import type { Post } from "../../src/types.js";

/** A generated archive of `count` posts, spread over years, without files (the model is pure). */
function archive(count: number): Post[] {
  return Array.from({ length: count }, (_, i) => {
    const date = Date.UTC(2015, 0, 1) + i * 3_600_000;
    return {
      id: `p${i}.md`,
      source: `posts/p${i}.md`,
      hash: String(i),
      meta: { title: `第${i}篇`, categories: [`c${i % 50}`], tags: [], published: true, draft: false, extra: {} },
      date,
      urlDate: date,
      fileTitle: `p${i}`,
      inDrafts: false,
      excerpt: "",
      bodyStart: 0,
      problems: [],
    };
  });
}

describe("sitemap.xml", () => {
  it("is one file up to 50,000 URLs", () => {
    const { site } = buildSite(archive(1000), DEFAULT_CONFIG, { drafts: false, future: true, now: 0 });
    const { routes } = routePages(site);
    expect(routes.filter((r) => r.kind === "sitemap")).toHaveLength(1);
  });

  it("splits into an index of parts of at most 50,000 URLs each beyond that", () => {
    const { site } = buildSite(archive(52_000), DEFAULT_CONFIG, { drafts: false, future: true, now: 0 });
    const { routes } = routePages(site);
    const listed = routes.filter((r) => r.kind === "post" || r.kind === "list" || r.kind === "terms" || r.kind === "archive").length;
    expect(listed).toBeGreaterThan(SITEMAP_LIMIT);
    const sitemaps = routes.filter((r): r is Extract<typeof r, { kind: "sitemap" }> => r.kind === "sitemap");
    const parts = Math.ceil(listed / SITEMAP_LIMIT);
    expect(sitemaps.map((r) => r.url)).toEqual(["/sitemap.xml", ...Array.from({ length: parts }, (_, i) => `/sitemap-${i + 1}.xml`)]);

    const xml = new XMLParser();
    const renderSitemap = (part: number): string => [...sitemapPieces(site, routes, part, parts)].join("");
    const index = xml.parse(renderSitemap(0)).sitemapindex.sitemap;
    expect(index.map((s: { loc: string }) => s.loc)).toEqual(sitemaps.slice(1).map((r) => `http://localhost:4000${r.url}`));
    const locs: string[] = [];
    for (let part = 1; part <= parts; part++) {
      const urls = [xml.parse(renderSitemap(part)).urlset.url].flat() as { loc: string; lastmod: string }[];
      expect(urls.length).toBeLessThanOrEqual(SITEMAP_LIMIT);
      locs.push(...urls.map((url) => url.loc));
    }
    // Every listed page once, in route order, across the parts.
    const listedRoutes = routes.filter((r) => r.kind === "post" || r.kind === "list" || r.kind === "terms" || r.kind === "archive");
    expect(locs).toEqual(listedRoutes.map((r) => `http://localhost:4000${r.url}`));
  });
});
