// Finds a site's folders and reads its settings (site.yml; in a Jekyll root _config.yml first; names from
// category pages): what a build needs to know before it reads any post.

import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BuildError, type Problem } from "../errors.js";
import type { BuildOptions, SiteConfig, SitePaths } from "../types.js";
import { readCategoryPages } from "./category-pages.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { isJekyllRoot, readJekyllConfig } from "./jekyll.js";
import { checkOutFolder } from "./out-folder.js";
import { normalizeBasePath, validateConfig } from "./validate.js";
import { readYamlFile } from "./yaml-file.js";

/**
 * The folder broadsheet is installed in: its templates, public files and site.yml are the defaults.
 * The nearest folder above this code with a package.json: compiled (lib/config/), bundled (lib/bin/)
 * or run from source (src/config/).
 */
export const PACKAGE_ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

function packageRoot(dir: string): string {
  for (let at = dir; path.dirname(at) !== at; at = path.dirname(at)) if (existsSync(path.join(at, "package.json"))) return at;
  return path.resolve(dir, "../..");
}

/** A site as the build sees it: where things are, and its validated configuration. */
export interface LoadedSite {
  readonly paths: SitePaths;
  readonly config: SiteConfig;
  /** What was wrong with the site's settings that did not stop the build (category pages). */
  readonly problems: readonly Problem[];
}

const isDirectory = (dir: string): boolean => existsSync(dir) && statSync(dir).isDirectory();

/** Shows a path relative to the working directory when it is inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** Resolves the site's folders and config from the build options. Throws BuildError on a bad config. */
export function loadSite(options: BuildOptions): LoadedSite {
  const root = path.resolve(options.root ?? ".");
  if (!isDirectory(root)) {
    throw new BuildError({ code: "no-root", file: displayPath(root), message: "site folder not found", hint: "pass --root DIR with a folder that holds posts/" });
  }
  const jekyll = isJekyllRoot(root);
  const posts = path.resolve(options.posts ?? path.join(root, jekyll ? "_posts" : "posts"));
  if (!isDirectory(posts)) {
    throw new BuildError({
      code: "no-posts",
      file: displayPath(posts),
      message: "posts folder not found",
      hint: options.posts ? "check the --posts path" : "create posts/ in the site folder, or pass --posts DIR",
    });
  }
  const own = (name: string): string[] => (isDirectory(path.join(root, name)) && root !== PACKAGE_ROOT ? [path.join(root, name)] : []);
  const configFile = path.join(root, "site.yml");
  const paths: SitePaths = {
    root,
    posts,
    templates: [...own("templates"), path.join(PACKAGE_ROOT, "templates")],
    public: [...own("public"), path.join(PACKAGE_ROOT, "public")],
    config: existsSync(configFile) ? configFile : undefined,
    out: path.resolve(options.out ?? path.join(root, "dist")),
  };
  checkOutFolder(paths, displayPath);
  // A Jekyll root's _config.yml is read first; a site.yml beside it overrides it.
  const base = jekyll ? readJekyllConfig(path.join(root, "_config.yml"), displayPath(path.join(root, "_config.yml"))) : DEFAULT_CONFIG;
  const config = readConfig(paths.config, base);
  const pages = readCategoryPages(root, displayPath);
  const categories = { ...pages.categories, ...config.categories };
  return { paths, config: applyOverrides({ ...config, categories }, options), problems: pages.problems };
}

function readConfig(file: string | undefined, base: SiteConfig): SiteConfig {
  if (!file) return base;
  const { source, raw } = readYamlFile(file, displayPath(file));
  return validateConfig(raw, displayPath(file), source, base);
}

/** Applies command-line settings that override site.yml. */
function applyOverrides(config: SiteConfig, options: BuildOptions): SiteConfig {
  let result = config;
  if (options.baseUrl !== undefined) result = { ...result, ...parseBaseUrl(options.baseUrl) };
  if (options.search === false) result = { ...result, search: false };
  return result;
}

/** `--base-url`: an absolute URL sets the site's origin and base path; `/path/` sets the base path only. */
export function parseBaseUrl(value: string): Partial<Pick<SiteConfig, "url" | "basePath">> {
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return { url: url.origin, basePath: normalizeBasePath(url.pathname) };
    } catch {
      // falls through to the error below
    }
    throw new BuildError({ code: "usage", message: `--base-url: not a valid URL: ${value}` });
  }
  return { basePath: normalizeBasePath(value) };
}
