// The configuration every site starts from; site.yml overrides any of it.

import type { SiteConfig } from "../types.js";

/** Defaults for every key of site.yml, in SiteConfig's shape. */
export const DEFAULT_CONFIG: SiteConfig = {
  title: "Broadsheet",
  description: "",
  url: "http://localhost:4000",
  basePath: "/",
  language: "zh-CN",
  timezone: "Asia/Shanghai",
  author: "",
  permalinks: {
    post: "/:categories/:year/:month/:day/:title.html",
    category: "/category/:slug.html",
    tag: "/tag/:slug.html",
    page: "page/:num.html",
    year: "/archive/:year/",
    month: "/archive/:year/:month/",
    day: "/archive/:year/:month/:day/",
  },
  pageSize: 50,
  categories: {},
  tags: {},
  feeds: { limit: 20, tags: false },
  excerptLength: 120,
  navCategories: 8,
  encoding: "utf-8",
  search: true,
  jekyll: false,
  newSlug: "pinyin",
};
