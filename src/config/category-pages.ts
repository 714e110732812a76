// Category display names as Jekyll news sites keep them: one page per category in `category/`, with
// front matter `layout: category`, `title` (the name shown) and `category` (the value posts use).
// Read so that such a site keeps its names without being rewritten; site.yml's registry wins.

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { Problem } from "../errors.js";
import type { TermInfo } from "../types.js";

/** The folder category pages are read from, in the site folder. */
export const CATEGORY_PAGES = "category";

const PAGE_EXTENSIONS = new Set([".html", ".htm", ".md", ".markdown"]);

/** The registry the category pages make (category value → name), and what was wrong with them. */
export interface CategoryPages {
  readonly categories: Readonly<Record<string, TermInfo>>;
  readonly problems: readonly Problem[];
}

/** The front matter of a page's text: undefined when it has none. Throws js-yaml's error on bad YAML. */
function frontMatter(text: string): Record<string, unknown> | undefined {
  const match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return undefined;
  const data = yaml.load(match[1]!, { schema: yaml.CORE_SCHEMA });
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

const scalar = (value: unknown): string | undefined =>
  typeof value === "string" || typeof value === "number" ? String(value).trim() || undefined : undefined;

function pageFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name.startsWith(".")) return [];
    const full = path.join(dir, name);
    const stats = statSync(full, { throwIfNoEntry: false });
    if (stats?.isDirectory()) return pageFiles(full);
    return stats?.isFile() && PAGE_EXTENSIONS.has(path.extname(name).toLowerCase()) ? [full] : [];
  });
}

/** Reads every category page under `<root>/category/`. `show` turns a path into what messages print. */
export function readCategoryPages(root: string, show: (file: string) => string): CategoryPages {
  const categories: Record<string, TermInfo> = {};
  const from = new Map<string, string>();
  const problems: Problem[] = [];
  for (const file of pageFiles(path.join(root, CATEGORY_PAGES))) {
    let data: Record<string, unknown> | undefined;
    try {
      data = frontMatter(readFileSync(file, "utf8"));
    } catch (error) {
      const mark = (error as { mark?: { line: number; column: number } }).mark;
      problems.push({
        severity: "warning",
        code: "category-page",
        file: show(file),
        line: mark ? mark.line + 2 : undefined,
        message: `category page is not valid YAML, its name is not used: ${(error as { reason?: string }).reason ?? String(error)}`,
        hint: 'quote the title: title: "…"',
      });
      continue;
    }
    if (!data || data.layout !== "category") continue;
    const value = scalar(data.category);
    const name = scalar(data.title);
    if (value === undefined || name === undefined) {
      problems.push({
        severity: "warning",
        code: "category-page",
        file: show(file),
        message: `category page without ${value === undefined ? "category" : "title"}: its name is not used`,
        hint: "a category page needs category: (the value posts use) and title: (the name shown)",
      });
      continue;
    }
    const earlier = from.get(value);
    if (earlier !== undefined) {
      problems.push({
        severity: "warning",
        code: "category-page",
        file: show(file),
        message: `category "${value}" already has a page (${earlier}); this one is not used`,
        hint: "delete one of the two pages",
      });
      continue;
    }
    from.set(value, show(file));
    const description = scalar(data.description);
    categories[value] = description === undefined ? { name } : { name, description };
  }
  return { categories, problems };
}
