// The part of a site's configuration that parsing depends on: part of the cache key.

import type { SiteConfig } from "../types.js";
import type { ParseSettings } from "./post.js";

/** The settings parsing depends on: part of the cache key. */
export const parseSettings = (config: SiteConfig): ParseSettings => ({
  timezone: config.timezone,
  excerptLength: config.excerptLength,
  encoding: config.encoding,
  siteUrl: config.url,
  basePath: config.basePath,
  jekyll: config.jekyll,
});
