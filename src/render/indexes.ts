// The contexts of the two index pages: all categories or tags with their volumes (`terms`), and the
// date archive's years and months with the numbers for its bar charts (`archive`).

import { periodsWithin } from "../model/archives.js";
import { FIXED_URLS } from "../routes/urls.js";
import type { Site } from "../types.js";
import { monthBars } from "./charts.js";
import { href, periodTitle } from "./format.js";
import { siteLinks } from "./links.js";
import { pageView, type PageContext } from "./page.js";

const byTitle = (a: { title: string }, b: { title: string }): number => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);

/** All categories or all tags, by volume and by name; `share` is a term's bar as a percentage of the largest. */
export function termsContext(site: Site, taxonomy: "category" | "tag"): PageContext {
  const { config } = site;
  const terms = taxonomy === "category" ? site.categories : site.tags;
  const links = siteLinks(site);
  const maxCount = terms.reduce((max, term) => Math.max(max, term.posts.length), 0);
  const views = terms.map((term, i) => ({
    ...(taxonomy === "category" ? links.category : links.tag)(i),
    description: term.description ?? "",
    count: term.posts.length,
    share: maxCount ? Math.round((term.posts.length / maxCount) * 1000) / 10 : 0,
    newest: term.posts.length ? links.postDate(term.posts[0]!) : null,
  }));
  const title = taxonomy === "category" ? "全部分类" : "全部标签";
  return {
    page: pageView(site, taxonomy === "category" ? "categories" : "tags", {
      title,
      description: `${config.title}: ${title}`,
      url: taxonomy === "category" ? FIXED_URLS.categories : FIXED_URLS.tags,
      breadcrumbs: [{ title: config.title, url: href(config, "/") }],
    }),
    terms: {
      kind: taxonomy,
      title,
      count: views.length,
      maxCount,
      byCount: [...views].sort((a, b) => b.count - a.count || byTitle(a, b)),
      byName: [...views].sort(byTitle),
    },
  };
}

/** The archive index: every year with its months, and twelve bars per year on one scale. */
export function archiveContext(site: Site): PageContext {
  const { config } = site;
  const maxMonthCount = site.months.reduce((max, m) => Math.max(max, m.posts.length), 0);
  const years = site.years.map((year) => ({
    key: year.key,
    title: periodTitle(year.key, config.language),
    url: href(config, year.url),
    count: year.posts.length,
    months: periodsWithin(site.months, year.key).map((month) => ({
      key: month.key,
      month: Number(month.key.slice(5)),
      title: periodTitle(month.key, config.language),
      url: href(config, month.url),
      count: month.posts.length,
    })),
    bars: monthBars(site, year.key, maxMonthCount),
  }));
  return {
    page: pageView(site, "archive", {
      title: "归档",
      description: `${config.title}: 归档`,
      url: FIXED_URLS.archive,
      breadcrumbs: [{ title: config.title, url: href(config, "/") }],
    }),
    archive: { years, count: site.posts.length, maxMonthCount },
  };
}
