// A Jekyll site folder read as it is: `_config.yml` beside `_posts/`. Its keys that decide URLs and
// dates become broadsheet settings over the defaults; every other key (theme, plugins) is ignored.

import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { BuildError } from "../errors.js";
import type { SiteConfig } from "../types.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { locateKey, validateConfig } from "./validate.js";
import { readYamlFile } from "./yaml-file.js";

/** Jekyll's `_config.yml` key → the site.yml key that means the same. */
const KEYS: Readonly<Record<string, string>> = {
  title: "title",
  description: "description",
  url: "url",
  baseurl: "base_path",
  timezone: "timezone",
  lang: "language",
  author: "author",
  permalink: "permalinks.post",
  paginate: "page_size",
  paginate_path: "permalinks.page",
};

/** jekyll-paginate's default `paginate_path`. */
const PAGINATE_PATH = "/page:num/";

const isDirectory = (dir: string): boolean => existsSync(dir) && statSync(dir).isDirectory();

/** A Jekyll root: `_config.yml` and `_posts/`, and no broadsheet `posts/` folder beside them. */
export function isJekyllRoot(root: string): boolean {
  return existsSync(path.join(root, "_config.yml")) && isDirectory(path.join(root, "_posts")) && !isDirectory(path.join(root, "posts"));
}

/** Reads a Jekyll `_config.yml` into the configuration it means; `jekyll` is set. Throws BuildError naming the Jekyll key. */
export function readJekyllConfig(file: string, shown: string): SiteConfig {
  const { source, raw } = readYamlFile(file, shown);
  const fields = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const base: SiteConfig = { ...DEFAULT_CONFIG, jekyll: true };
  try {
    return validateConfig(translate(fields), shown, source, base);
  } catch (error) {
    throw error instanceof BuildError ? renameKey(error, source) : error;
  }
}

/** The `_config.yml` keys broadsheet reads, in site.yml's shape. Empty values mean "not set", as in Jekyll. */
function translate(fields: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const permalinks: Record<string, unknown> = {};
  for (const [key, target] of Object.entries(KEYS)) {
    let value = fields[key];
    if (value === undefined || value === null || value === "") continue;
    // `author: {name, email}` is jekyll-seo-tag's form.
    if (key === "author" && typeof value === "object" && !Array.isArray(value)) value = (value as Record<string, unknown>).name;
    if (key === "paginate_path" && typeof value === "string") value = value.replace(/^\/+/, "");
    if (value === undefined) continue;
    if (target.startsWith("permalinks.")) permalinks[target.slice("permalinks.".length)] = value;
    else result[target] = value;
  }
  // jekyll-paginate numbers pages /page2/, /page3/ unless told otherwise: keep those links working.
  if (result.page_size !== undefined && permalinks.page === undefined) permalinks.page = PAGINATE_PATH.slice(1);
  if (Object.keys(permalinks).length > 0) result.permalinks = permalinks;
  return result;
}

/** A site.yml key in an error becomes the `_config.yml` key the user wrote, with its line. */
function renameKey(error: BuildError, source: string): BuildError {
  const entry = Object.entries(KEYS).find(([, target]) => error.problem.message.startsWith(`${target}:`));
  if (!entry) return error;
  const [key, target] = entry;
  const at = locateKey(source, key);
  return new BuildError(
    {
      ...error.problem,
      line: at?.line,
      column: at?.column,
      message: key + error.problem.message.slice(target.length),
      hint: error.problem.hint === "see the site.yml section of the README" ? "see the README's section on Jekyll sites" : error.problem.hint,
    },
    { cause: error.cause },
  );
}
