// The one Nunjucks environment a build renders through: autoescape on, undefined values are errors
// (that is what gives their line numbers), and the filters templates use for links and JSON-LD.

import nunjucks from "nunjucks";
import { displayPath } from "../config/load.js";
import { BuildError } from "../errors.js";
import type { SiteConfig } from "../types.js";
import { scriptJson } from "./escape.js";
import "./nunjucks-frame.js";
import "./nunjucks-waterfall.js";
import "./nunjucks-escape.js";
import { absoluteUrl, href } from "./format.js";
import { wrapTables } from "./tables.js";
import type { TemplateSet } from "./templates.js";

/** A loader over the build's template set (so every worker renders exactly the files the main thread hashed). */
class SetLoader extends nunjucks.Loader {
  constructor(private readonly set: TemplateSet) {
    super();
  }
  getSource(name: string): nunjucks.LoaderSource {
    const file = this.set.files.get(name);
    if (!file) throw new Error(`template not found: ${name}`);
    // Compiled code is handed over as Nunjucks' precompiled templates are (see render/compiled.ts).
    if (file.code !== undefined) return { src: { type: "code", obj: new Function(file.code)() } as unknown as string, path: file.path, noCache: false };
    return { src: file.source, path: file.path, noCache: false };
  }
}

/** Creates the environment for one site. */
export function createEnvironment(templates: TemplateSet, config: SiteConfig): nunjucks.Environment {
  const env = new nunjucks.Environment(new SetLoader(templates) as unknown as nunjucks.ILoader, {
    autoescape: true,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter("url", (value: string) => href(config, String(value)));
  env.addFilter("absolute_url", (value: string) => absoluteUrl(config, String(value)));
  env.addFilter("jsonld", (value: unknown) => new nunjucks.runtime.SafeString(scriptJson(value)));
  env.addFilter("scroll_tables", (html: unknown, label: string) => new nunjucks.runtime.SafeString(wrapTables(String(html), String(label))));
  return env;
}

/**
 * Turns a Nunjucks error into a BuildError naming the template file, line and column. Nunjucks nests
 * the message once per template it passes through (`(list.njk) [Line 1…]` around `(item.njk) [Line 3…]`):
 * the innermost position is where the error is. Errors that carry no position (an unknown filter or
 * template) are found in the sources.
 */
export function templateError(error: unknown, templates: TemplateSet, fallback: string): BuildError {
  const message = error instanceof Error ? error.message : String(error);
  const position = [...message.matchAll(/\(([^()\n]*)\)\s*\[Line (\d+), Column (\d+)\]/g)].at(-1);
  const detail = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !/^(?:Template render error:\s*)?\([^()]*\)(?:\s*\[Line \d+, Column \d+\])?$/.test(line) && !line.startsWith("at "))
    .join(" ")
    .replace(/^(?:Template render error:\s*)?(?:\([^()]*\)\s*)?(?:Error:\s*)?/, "");
  const unknown = /^(?:filter|template) not found: (.+)$/.exec(detail);
  const found = position ? undefined : unknown ? findInSources(templates, detail.startsWith("filter") ? filterUse(unknown[1]!) : templateUse(unknown[1]!)) : undefined;
  const named = (position && whereTag(templates, message, fallback, Number(position[2]), Number(position[3]))) ?? found?.path ?? templates.files.get(fallback)?.path ?? fallback;
  return new BuildError(
    {
      code: "template",
      file: displayPath(named),
      line: position ? Number(position[2]) : found?.line,
      column: position ? Number(position[3]) : found?.column,
      message: detail || message,
      hint: /null or undefined|undefined or null/.test(message)
        ? "the template outputs a value that does not exist: check its name, or guard it with {% if %}"
        : "fix the template; the previous output is left as it was",
    },
    { cause: error },
  );
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const filterUse = (name: string): RegExp => new RegExp(`\\|\\s*${escapeRegExp(name)}\\b`);
const templateUse = (name: string): RegExp => new RegExp(`\\{%-?\\s*(?:extends|include|import|from)\\s+["']${escapeRegExp(name)}["']`);

/**
 * Which template a position is in. Nunjucks names the innermost template whose render caught the
 * error, and an `{% include %}` runs the rest of its includer inside its own render: an error after
 * an include is named after the included file. So the templates the message names, innermost first,
 * then the page's own template, are tried for a tag at that line and column.
 */
function whereTag(templates: TemplateSet, message: string, fallback: string, line: number, column: number): string | undefined {
  const byPath = new Map([...templates.files.values()].map((file) => [file.path, file]));
  const named = [...message.matchAll(/\(([^()\n]*)\)/g)].map((m) => m[1]!).reverse();
  const candidates = [...named.map((p) => byPath.get(p)), templates.files.get(fallback)].filter((file) => file !== undefined);
  const tagAt = (source: string): boolean => source.split("\n", line)[line - 1]?.[column - 1] === "{";
  return (candidates.find((file) => tagAt(file.source)) ?? candidates[0])?.path;
}

/** The first place in the templates' sources that matches. */
function findInSources(templates: TemplateSet, pattern: RegExp): { path: string; line: number; column: number } | undefined {
  for (const file of templates.files.values()) {
    const lines = file.source.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const match = pattern.exec(lines[i]!);
      if (match) return { path: file.path, line: i + 1, column: match.index + 1 };
    }
  }
  return undefined;
}
